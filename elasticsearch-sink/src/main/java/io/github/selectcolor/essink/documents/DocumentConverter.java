package io.github.selectcolor.essink.documents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.selectcolor.essink.documents.Conversion.Converted;
import io.github.selectcolor.essink.documents.Conversion.Malformed;
import io.github.selectcolor.essink.documents.Conversion.NullValue;
import io.github.selectcolor.event.EventTimes;
import io.github.selectcolor.event.StorableTime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Turns a record's value - the event's JSON as bytes or a string, or a map from Connect's
 * {@code JsonConverter} - into a document: the event's fields as they are, plus {@code indexedAt}.
 * The {@code _id} is the event's {@code eventId}, so that replays, retries and resent events find
 * their document already there instead of duplicating it; records without one get {@code <topic>+<partition>+<offset>}, also stable across
 * replays. The daily index must be the same for every copy of an event too, since an {@code _id}
 * is unique only within one index: so it is the day of the event's own {@code timestamp}, which
 * the page sets once per event, while {@code receivedAt} is stamped on each copy and a retry
 * across midnight would move it to the next day. A record whose index time lies outside {@link StorableTime}'s window is malformed: its
 * day would name an index such as {@code select-color-+292278995.01.01}, which no alias query can
 * share with the others. Not thread-safe.
 */
public final class DocumentConverter {

  public static final String INDEXED_AT = "indexedAt";
  /**
   * How far the page's clock may be from the collector's for its {@code timestamp} to name the
   * day; a clock further off would make indices of days that hold almost nothing.
   */
  static final Duration MAX_CLOCK_SKEW = Duration.ofDays(1);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

  private final ObjectMapper mapper = new ObjectMapper();
  private final String indexPrefix;
  private final Clock clock;

  public DocumentConverter(String indexPrefix, Clock clock) {
    this.indexPrefix = indexPrefix;
    this.clock = clock;
  }

  public Conversion convert(SinkRecord record) {
    if (record.value() == null) {
      return new NullValue(record);
    }
    JsonNode tree;
    try {
      tree = read(record.value());
    } catch (JsonProcessingException e) {
      return new Malformed(record, "The value is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return new Malformed(record, "The value could not be read: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      return new Malformed(record, e.getMessage());
    }
    if (!(tree instanceof ObjectNode event)) {
      return new Malformed(record, "The value is JSON but not an object.");
    }
    return convert(event, record);
  }

  private Conversion convert(ObjectNode event, SinkRecord record) {
    IndexTime time = indexTime(event, record);
    if (!StorableTime.contains(time.value())) {
      return new Malformed(record, StorableTime.refusal(time.field(), time.value())
          + ", so it names no daily index.");
    }
    String index = indexPrefix + "-" + DAY.format(time.value());
    event.put(INDEXED_AT, EventTimes.format(clock.instant().atOffset(ZoneOffset.UTC)));
    try {
      return new Converted(new Document(idOf(event, record), index,
          mapper.writeValueAsBytes(event), record));
    } catch (JsonProcessingException e) {
      return new Malformed(record, "The value could not be written as JSON: "
          + e.getOriginalMessage());
    }
  }

  private JsonNode read(Object value) throws IOException {
    if (value instanceof byte[] bytes) {
      return mapper.readTree(bytes);
    }
    if (value instanceof String text) {
      return mapper.readTree(text.getBytes(StandardCharsets.UTF_8));
    }
    if (value instanceof Map<?, ?> map) {
      return mapper.valueToTree(map);
    }
    throw new IllegalArgumentException("The value is a " + value.getClass().getName()
        + "; use the ByteArrayConverter, the StringConverter or the JsonConverter without schemas.");
  }

  private static String idOf(ObjectNode event, SinkRecord record) {
    JsonNode eventId = event.get("eventId");
    if (eventId != null && eventId.isTextual() && !eventId.asText().isBlank()) {
      return eventId.asText();
    }
    return record.topic() + "+" + record.kafkaPartition() + "+" + record.kafkaOffset();
  }

  /**
   * The event's {@code timestamp} when it is near the collector's receipt time (browsers' clocks
   * can be wrong), else the receipt time, else the record's time.
   */
  private IndexTime indexTime(ObjectNode event, SinkRecord record) {
    OffsetDateTime receivedAt = timeOrNull(event, "receivedAt");
    if (receivedAt != null) {
      OffsetDateTime timestamp = timeOrNull(event, "timestamp");
      if (timestamp != null && StorableTime.contains(timestamp)
          && Duration.between(timestamp, receivedAt).abs().compareTo(MAX_CLOCK_SKEW) <= 0) {
        return new IndexTime("timestamp", timestamp);
      }
      return new IndexTime("receivedAt", receivedAt);
    }
    if (record.timestamp() != null) {
      return new IndexTime("The record's timestamp",
          Instant.ofEpochMilli(record.timestamp()).atOffset(ZoneOffset.UTC));
    }
    return new IndexTime("The connector's clock", clock.instant().atOffset(ZoneOffset.UTC));
  }

  private static OffsetDateTime timeOrNull(ObjectNode event, String field) {
    JsonNode value = event.get(field);
    if (value == null || !value.isTextual()) {
      return null;
    }
    try {
      return EventTimes.parse(value.asText());
    } catch (DateTimeException e) {
      // Elasticsearch refuses the document over its mapping; the index only needs a day.
      return null;
    }
  }

  /** The time that names a document's daily index, and where it came from. */
  private record IndexTime(String field, OffsetDateTime value) {
  }
}
