package io.github.selectcolor.hdfssink.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.selectcolor.hdfssink.files.TimeBucket;
import io.github.selectcolor.hdfssink.records.RecordInspector.Invalid;
import io.github.selectcolor.hdfssink.records.RecordInspector.Reason;
import io.github.selectcolor.hdfssink.records.RecordInspector.Valid;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecordInspectorTest {

  private static final long RECORD_TIME = Instant.parse("2026-11-22T01:15:00Z").toEpochMilli();

  private final RecordInspector inspector = new RecordInspector(ZoneOffset.UTC);

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void bucketsAnEventByItsReceivedTime() {
    var inspection = inspector.inspect(
        utf8("{\"userName\":\"김민지\",\"receivedAt\":\"2026-11-22T18:05:00.000+09:00\"}"), RECORD_TIME);

    assertThat(((Valid) inspection).bucket()).isEqualTo(TimeBucket.of(
        Instant.parse("2026-11-22T09:05:00Z"), ZoneOffset.UTC));
    assertThat(((Valid) inspection).placedAt())
        .isEqualTo(Instant.parse("2026-11-22T09:05:00Z").toEpochMilli());
  }

  @Test
  void bucketsByTheRecordTimeWhenReceivedAtIsMissingOrInvalid() {
    Valid expected = new Valid(TimeBucket.of(Instant.ofEpochMilli(RECORD_TIME), ZoneOffset.UTC),
        RECORD_TIME, false, 0, 0);

    assertThat(inspector.inspect(utf8("{\"a\":{\"receivedAt\":\"x\"}}"), RECORD_TIME))
        .isEqualTo(expected);
    assertThat(inspector.inspect(utf8("{\"receivedAt\":\"yesterday\"}"), RECORD_TIME))
        .isEqualTo(expected);
  }

  @Test
  void refusesAReceivedTimeThatOverflowsEpochMillisecondsInsteadOfThrowing() {
    var inspection = inspector.inspect(
        utf8("{\"receivedAt\":\"+292278995-01-01T00:00:00Z\"}"), RECORD_TIME);

    assertThat(inspection).isEqualTo(new Invalid(Reason.UNSTORABLE_TIME, "receivedAt"
        + " +292278995-01-01T00:00:00Z is outside the storable window from 1970-01-01T00:00:00Z"
        + " to 10000-01-01T00:00:00Z."));
  }

  @Test
  void refusesReceivedTimesJustOutsideTheStorableWindow() {
    assertThat(reason("{\"receivedAt\":\"1969-12-31T23:59:59.999Z\"}"))
        .isEqualTo(Reason.UNSTORABLE_TIME);
    assertThat(reason("{\"receivedAt\":\"+10000-01-01T00:00:00Z\"}"))
        .isEqualTo(Reason.UNSTORABLE_TIME);
    assertThat(inspector.inspect(utf8("{\"receivedAt\":\"9999-12-31T23:59:59.999Z\"}"),
        RECORD_TIME)).extracting(inspection -> ((Valid) inspection).bucket())
        .isEqualTo(new TimeBucket(LocalDate.of(9999, 12, 31), 23));
  }

  @Test
  void refusesARecordTimestampOutsideTheWindowWhenReceivedAtIsMissing() {
    var inspection = (Invalid) inspector.inspect(utf8("{\"a\":1}"), -1);

    assertThat(inspection.reason()).isEqualTo(Reason.UNSTORABLE_TIME);
    assertThat(inspection.detail()).startsWith("the record timestamp 1969-12-31T23:59:59.999Z");
  }

  @Test
  void refusesValuesThatAreNotJsonObjects() {
    assertThat(reason("not json")).isEqualTo(Reason.NOT_JSON);
    assertThat(reason("{\"a\":1")).isEqualTo(Reason.NOT_JSON);
    assertThat(reason("{\"a\":1} {\"b\":2}")).isEqualTo(Reason.NOT_JSON);
    assertThat(reason("[1,2]")).isEqualTo(Reason.NOT_A_JSON_OBJECT);
    assertThat(reason("")).isEqualTo(Reason.EMPTY_VALUE);
  }

  @Test
  void refusesLineBreaksThatWouldSplitTheLine() {
    assertThat(reason("{\"a\":\n1}")).isEqualTo(Reason.LINE_BREAK);
  }

  @Test
  void refusesInvalidUtf8() {
    byte[] value = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

    assertThat(((Invalid) inspector.inspect(value, RECORD_TIME)).reason()).isEqualTo(Reason.NOT_UTF8);
  }

  @Test
  void refusesOverlongEncodingsThatJacksonSkipsWhereverTheyAre() {
    String padding = "x".repeat(20);
    for (int at = 0; at <= padding.length(); at++) {
      byte[] head = ("{\"a\":\"" + padding.substring(0, at)).getBytes(StandardCharsets.US_ASCII);
      byte[] tail = (padding.substring(at) + "\"}").getBytes(StandardCharsets.US_ASCII);
      byte[] value = new byte[head.length + 2 + tail.length];
      System.arraycopy(head, 0, value, 0, head.length);
      value[head.length] = (byte) 0xC0;
      value[head.length + 1] = (byte) 0x80;
      System.arraycopy(tail, 0, value, head.length + 2, tail.length);

      assertThat(((Invalid) inspector.inspect(value, RECORD_TIME)).reason()).as("at %d", at)
          .isEqualTo(Reason.NOT_UTF8);
    }
  }

  @Test
  void readsATopLevelEventIdAsTheTwoLongsOfItsUuid() {
    UUID id = UUID.fromString("2f6c1d2e-8d3a-4b7e-9c0f-1a2b3c4d5e6f");

    Valid valid = (Valid) inspector.inspect(utf8("{\"schemaVersion\":1,\"eventId\":\""
        + id.toString().toUpperCase(Locale.ROOT) + "\",\"a\":{\"eventId\":\"x\"}}"), RECORD_TIME);

    assertThat(valid.hasEventId()).isTrue();
    assertThat(new UUID(valid.eventIdHigh(), valid.eventIdLow())).isEqualTo(id);
  }

  @Test
  void keepsTheFirstEventIdWhenAValueRepeatsTheField() {
    UUID first = UUID.randomUUID();

    Valid valid = (Valid) inspector.inspect(utf8("{\"eventId\":\"" + first + "\",\"eventId\":\""
        + UUID.randomUUID() + "\"}"), RECORD_TIME);

    assertThat(new UUID(valid.eventIdHigh(), valid.eventIdLow())).isEqualTo(first);
  }

  @Test
  void findsNoEventIdWhenTheFirstOfRepeatedEventIdsIsNotAUuid() {
    for (String first : List.of("\"x\"", "42", "null", "{\"eventId\":\"x\"}")) {
      Valid valid = (Valid) inspector.inspect(utf8("{\"eventId\":" + first + ",\"eventId\":\""
          + UUID.randomUUID() + "\"}"), RECORD_TIME);

      assertThat(valid.hasEventId()).as(first).isFalse();
    }
  }

  @Test
  void keepsTheFirstReceivedAtWhenAValueRepeatsTheField() {
    Valid valid = (Valid) inspector.inspect(utf8("{\"receivedAt\":\"2026-11-22T09:05:00Z\","
        + "\"receivedAt\":\"2026-11-23T10:00:00Z\"}"), RECORD_TIME);

    assertThat(valid.placedAt()).isEqualTo(Instant.parse("2026-11-22T09:05:00Z").toEpochMilli());
  }

  @Test
  void placesByTheRecordTimeWhenTheFirstOfRepeatedReceivedAtsIsNotAString() {
    Valid valid = (Valid) inspector.inspect(utf8("{\"receivedAt\":5,"
        + "\"receivedAt\":\"2026-11-23T10:00:00Z\"}"), RECORD_TIME);

    assertThat(valid.placedAt()).isEqualTo(RECORD_TIME);
  }

  @Test
  void findsNoEventIdWhenItIsMissingNestedOrNotACanonicalUuid() {
    for (String value : List.of("{\"a\":1}", "{\"a\":{\"eventId\":\"" + UUID.randomUUID() + "\"}}",
        "{\"eventId\":\"1-2-3-4-5\"}", "{\"eventId\":\"2f6c1d2e-8d3a-4b7e-9c0f-1a2b3c4d5e6g\"}",
        "{\"eventId\":\"2f6c1d2e+8d3a-4b7e-9c0f-1a2b3c4d5e6f\"}", "{\"eventId\":42}",
        "{\"eventId\":\"２f6c1d2e-8d3a-4b7e-9c0f-1a2b3c4d5e6f\"}")) {
      Valid valid = (Valid) inspector.inspect(utf8(value), RECORD_TIME);

      assertThat(valid.hasEventId()).as(value).isFalse();
      assertThat(valid.eventIdHigh()).as(value).isZero();
    }
  }

  @Test
  void forgetsTheEventIdOfTheRecordBefore() {
    inspector.inspect(utf8("{\"eventId\":\"" + UUID.randomUUID() + "\"}"), RECORD_TIME);

    assertThat(((Valid) inspector.inspect(utf8("{\"a\":1}"), RECORD_TIME)).hasEventId()).isFalse();
  }

  @Test
  void refusesNullValues() {
    assertThat(((Invalid) inspector.inspect(null, RECORD_TIME)).reason())
        .isEqualTo(Reason.EMPTY_VALUE);
  }

  private Reason reason(String value) {
    return ((Invalid) inspector.inspect(utf8(value), RECORD_TIME)).reason();
  }
}
