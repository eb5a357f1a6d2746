package io.github.selectcolor.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.selectcolor.collector.PropertiesFixture;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventValidatorTest {

  private static final Instant NOW = Instant.parse("2026-11-22T01:00:00Z");

  private final EventValidator validator = new EventValidator(PropertiesFixture.defaults(),
      Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void acceptsAKoreanNameAndTrimsIt() throws Exception {
    IncomingEvent event = validate("{\"userName\":\"  김민준 \",\"colorName\":\"blue\"}");

    assertThat(event.userName()).isEqualTo("김민준");
    assertThat(event.colorName()).isEqualTo("blue");
  }

  @Test
  void keepsTheBrowsersIdAndTimes() throws Exception {
    IncomingEvent event = validate("{\"eventId\":\"2f6c1d2e-8d3a-4b7e-9c0f-1a2b3c4d5e6f\","
        + "\"userName\":\"kim\",\"colorName\":\"red\",\"timestamp\":\"2026-11-22T10:00:00.000+09:00\","
        + "\"sentAt\":\"2026-11-22T10:00:02.000+09:00\"}");

    assertThat(event.eventId()).isEqualTo(UUID.fromString("2f6c1d2e-8d3a-4b7e-9c0f-1a2b3c4d5e6f"));
    assertThat(event.timestamp()).isEqualTo(OffsetDateTime.parse("2026-11-22T10:00:00+09:00"));
    assertThat(event.sentAt()).isEqualTo(OffsetDateTime.parse("2026-11-22T10:00:02+09:00"));
  }

  @Test
  void countsCharactersNotBytesAgainstTheNameLimit() throws Exception {
    assertThat(validate("{\"userName\":\"" + "가".repeat(64) + "\",\"colorName\":\"red\"}")
        .userName()).hasSize(64);
    assertRefused("{\"userName\":\"" + "가".repeat(65) + "\",\"colorName\":\"red\"}",
        "userName", "name-too-long");
  }

  @Test
  void refusesClientTimesFurtherThanTenYearsFromNow() {
    for (String field : new String[] {"timestamp", "sentAt"}) {
      for (String time : new String[] {"0001-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
          "2036-11-23T01:00:00Z", "2016-11-20T01:00:00Z"}) {
        assertRefused("{\"userName\":\"kim\",\"colorName\":\"red\",\"" + field + "\":\"" + time
            + "\"}", field, "time-out-of-range");
      }
    }
  }

  @Test
  void acceptsAClientClockYearsOffWithinTheWindow() throws Exception {
    assertThat(validate("{\"userName\":\"kim\",\"colorName\":\"red\","
        + "\"timestamp\":\"2020-01-01T00:00:00+09:00\",\"sentAt\":\"2035-01-01T00:00:00Z\"}")
        .timestamp()).isEqualTo(OffsetDateTime.parse("2020-01-01T00:00:00+09:00"));
  }

  @Test
  void refusesHalfOfASurrogatePair() {
    assertRefused("{\"userName\":\"kim\\ud800\",\"colorName\":\"red\"}", "userName",
        "unpaired-surrogate");
  }

  @Test
  void refusesControlCharacters() {
    assertRefused("{\"userName\":\"kim\\nlee\",\"colorName\":\"red\"}", "userName",
        "control-character");
  }

  @Test
  void refusesBidirectionalOverridesThatDisguiseAName() {
    assertRefused("{\"userName\":\"kim\u202Eeil\",\"colorName\":\"red\"}", "userName",
        "control-character");
  }

  @Test
  void keepsTheZeroWidthNonJoinerOfPersianNames() throws Exception {
    assertThat(validate("{\"userName\":\"\u0645\u06CC\u200C\u062E\u0648\u0627\u0645\","
        + "\"colorName\":\"red\"}").userName()).contains("\u200C");
  }

  @Test
  void refusesANameThatIsNotAString() {
    assertRefused("{\"userName\":42,\"colorName\":\"red\"}", "userName", "not-a-string");
  }

  @Test
  void refusesAColorOutsideThePalette() {
    assertRefused("{\"userName\":\"kim\",\"colorName\":\"Red\"}", "colorName", "unknown-color");
  }

  @Test
  void refusesAnEventIdThatIsNotAUuid() {
    assertRefused("{\"eventId\":\"42\",\"userName\":\"kim\",\"colorName\":\"red\"}", "eventId",
        "invalid-event-id");
  }

  @Test
  void refusesATimeWithoutOffset() {
    assertRefused("{\"userName\":\"kim\",\"colorName\":\"red\","
        + "\"timestamp\":\"2026-11-22T10:00:00\"}", "timestamp", "invalid-time");
  }

  @Test
  void namesTheFieldWithItsPlaceInABatch() {
    assertThatThrownBy(() -> validator.validate(new EventBatchReader.RawEvent("[7]",
        new ObjectMapper().readTree("{\"colorName\":\"red\"}"))))
        .isInstanceOfSatisfying(InvalidEventException.class,
            e -> assertThat(e.field()).isEqualTo("[7].userName"));
  }

  private IncomingEvent validate(String json) throws Exception {
    return validator.validate(new EventBatchReader.RawEvent("", new ObjectMapper().readTree(json)));
  }

  private void assertRefused(String json, String field, String reason) {
    assertThatThrownBy(() -> validate(json))
        .isInstanceOfSatisfying(InvalidEventException.class, e -> {
          assertThat(e.field()).isEqualTo(field);
          assertThat(e.reason()).isEqualTo(reason);
          assertThat(e.getMessage()).contains(field);
        });
  }
}
