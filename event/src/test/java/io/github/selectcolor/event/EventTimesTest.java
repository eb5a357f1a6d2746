package io.github.selectcolor.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventTimesTest {

  @Test
  void writesMillisecondsAndTheOffset() {
    assertThat(EventTimes.format(OffsetDateTime.parse("2026-11-22T10:00+09:00")))
        .isEqualTo("2026-11-22T10:00:00.000+09:00");
    assertThat(EventTimes.format(OffsetDateTime.parse("2026-01-02T03:04:05.006789Z")))
        .isEqualTo("2026-01-02T03:04:05.006Z");
    assertThat(EventTimes.format(OffsetDateTime.parse("2026-11-22T10:00:00.5-03:30")))
        .isEqualTo("2026-11-22T10:00:00.500-03:30");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-11-22T10:00:00.000+09:00", "2026-11-22T01:00:00Z",
      "2026-11-22T01:00:00.1Z", "2026-11-22T01:00:00.123456789-05:00", "2026-11-22T10:00+09:00",
      "2026-11-22T10:00:00+09:00:00"})
  void readsWhatTheJdkReads(String text) {
    assertThat(EventTimes.parse(text)).isEqualTo(OffsetDateTime.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-11-22T10:00:00", "2026-13-22T10:00:00Z", "2026-11-22T10:00:00.1234567890Z",
      "2026-11-22T25:00:00Z", "2026-11-22T10:00:00+9:00", "2026-11-22T10:00:00 +09:00",
      "2026-11-22T1a:00:00Z", "yesterday"})
  void refusesWhatIsNoTimeWithAnOffset(String text) {
    assertThatThrownBy(() -> EventTimes.parse(text)).isInstanceOf(DateTimeParseException.class);
  }
}
