package io.github.selectcolor.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StorableTimeTest {

  @Test
  void acceptsTimesWithAFourDigitYearFrom1970() {
    assertThat(StorableTime.contains(OffsetDateTime.parse("1970-01-01T00:00:00Z"))).isTrue();
    assertThat(StorableTime.contains(OffsetDateTime.parse("2026-12-02T10:00:00+09:00"))).isTrue();
    assertThat(StorableTime.contains(OffsetDateTime.parse("9999-12-31T23:59:59.999Z"))).isTrue();
  }

  @Test
  void refusesTimesBefore1970OrFromTheYear10000() {
    assertThat(StorableTime.contains(OffsetDateTime.parse("1969-12-31T23:59:59.999Z"))).isFalse();
    assertThat(StorableTime.contains(OffsetDateTime.parse("+10000-01-01T00:00:00Z"))).isFalse();
    assertThat(StorableTime.contains(OffsetDateTime.MAX)).isFalse();
    assertThat(StorableTime.contains(OffsetDateTime.MIN)).isFalse();
  }

  @Test
  void namesTheFieldTheTimeAndTheWindowInItsRefusal() {
    OffsetDateTime farFuture = OffsetDateTime.of(292278995, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    assertThat(StorableTime.refusal("receivedAt", farFuture))
        .isEqualTo("receivedAt +292278995-01-01T00:00:00Z is outside the storable window from "
            + "1970-01-01T00:00:00Z to 10000-01-01T00:00:00Z");
  }
}
