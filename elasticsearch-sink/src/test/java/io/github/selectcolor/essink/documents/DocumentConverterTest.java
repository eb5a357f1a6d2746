package io.github.selectcolor.essink.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.selectcolor.essink.documents.Conversion.Converted;
import io.github.selectcolor.essink.documents.Conversion.Malformed;
import io.github.selectcolor.essink.documents.Conversion.NullValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class DocumentConverterTest {

  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  private static final String EVENT = "{\"eventId\":\"2f6c1d2e-8d3a-4b7e-9c0f-1a2b3c4d5e6f\","
      + "\"receivedAt\":\"2026-11-22T00:30:00.000+09:00\",\"userName\":\"김하나\","
      + "\"colorName\":\"blue\"}";

  private final DocumentConverter converter =
      new DocumentConverter("select-color", Clock.fixed(NOW, ZoneOffset.UTC));
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void usesTheEventIdAndTheDayOfReceiptInUtc() {
    Document document = converted(record(EVENT.getBytes(StandardCharsets.UTF_8)));

    assertThat(document.id()).isEqualTo("2f6c1d2e-8d3a-4b7e-9c0f-1a2b3c4d5e6f");
    assertThat(document.index()).isEqualTo("select-color-2026.11.21");
  }

  @Test
  void putsCopiesReceivedEitherSideOfMidnightInTheDayOfTheirClick() {
    String copy = "{\"eventId\":\"2f6c1d2e-8d3a-4b7e-9c0f-1a2b3c4d5e6f\","
        + "\"timestamp\":\"2026-11-22T08:59:58.000+09:00\",\"receivedAt\":\"%s\"}";

    Document first = converted(record(copy.formatted("2026-11-21T23:59:59.000Z")));
    Document retried = converted(record(copy.formatted("2026-11-22T00:00:40.000Z")));

    assertThat(retried.index()).isEqualTo(first.index()).isEqualTo("select-color-2026.11.21");
    assertThat(retried.id()).isEqualTo(first.id());
  }

  @Test
  void indexesByReceiptWhenThePagesClockIsMoreThanADayOff() {
    Document document = converted(record("{\"timestamp\":\"2026-11-20T11:59:59.000Z\","
        + "\"receivedAt\":\"2026-11-21T12:00:00.000Z\"}"));

    assertThat(document.index()).isEqualTo("select-color-2026.11.21");
  }

  @Test
  void keepsEveryFieldByteForByteAndAddsIndexedAt() throws IOException {
    JsonNode source = mapper.readTree(converted(record(EVENT)).source());

    assertThat(source.get("userName").asText()).isEqualTo("김하나");
    assertThat(source.get("colorName").asText()).isEqualTo("blue");
    assertThat(source.get("indexedAt").asText()).isEqualTo("2026-11-22T12:00:00.000Z");
  }

  @Test
  void fallsBackToTopicPartitionAndOffsetWithoutAnEventId() {
    Document document = converted(record("{\"colorName\":\"red\"}"));

    assertThat(document.id()).isEqualTo("select-color+2+42");
    assertThat(document.index()).isEqualTo("select-color-2026.11.20");
  }

  @Test
  void readsMapsFromTheJsonConverter() {
    Document document = converted(record(Map.of("eventId", "abc", "colorName", "red")));

    assertThat(document.id()).isEqualTo("abc");
  }

  @Test
  void refusesWhatIsNotAJsonObject() {
    assertThat(converter.convert(record("not json"))).isInstanceOf(Malformed.class);
    assertThat(converter.convert(record("[1,2]"))).isInstanceOf(Malformed.class);
    assertThat(converter.convert(record(42))).isInstanceOf(Malformed.class);
  }

  @Test
  void refusesAReceiptTimeNoDailyIndexCanBeNamedAfter() {
    Conversion conversion = converter.convert(record(
        "{\"eventId\":\"e1\",\"receivedAt\":\"+292278995-01-01T00:00:00Z\"}"));

    assertThat(conversion).isInstanceOf(Malformed.class);
    assertThat(((Malformed) conversion).reason())
        .contains("receivedAt", "+292278995-01-01T00:00", "outside the storable window");
  }

  @Test
  void refusesAReceiptTimeBeforeTheWindow() {
    assertThat(converter.convert(record("{\"receivedAt\":\"1969-12-31T23:59:59.999Z\"}")))
        .isInstanceOf(Malformed.class);
  }

  @Test
  void indexesTheLastDayOfTheWindow() {
    Document document = converted(record("{\"receivedAt\":\"9999-12-31T23:59:59.999Z\"}"));

    assertThat(document.index()).isEqualTo("select-color-9999.12.31");
  }

  @Test
  void refusesARecordTimestampOutsideTheWindowWhenItNamesTheIndex() {
    SinkRecord farFuture = new SinkRecord("select-color", 2, null, null, null,
        "{\"colorName\":\"red\"}", 42, Long.MAX_VALUE, TimestampType.CREATE_TIME);

    Conversion conversion = converter.convert(farFuture);

    assertThat(conversion).isInstanceOf(Malformed.class);
    assertThat(((Malformed) conversion).reason()).contains("timestamp", "outside");
  }

  @Test
  void tellsNullValuesApart() {
    assertThat(converter.convert(record(null))).isInstanceOf(NullValue.class);
  }

  private Document converted(SinkRecord record) {
    return ((Converted) converter.convert(record)).document();
  }

  private static SinkRecord record(Object value) {
    return new SinkRecord("select-color", 2, null, null, null, value, 42,
        Instant.parse("2026-11-20T10:00:00Z").toEpochMilli(), TimestampType.CREATE_TIME);
  }
}
