package io.github.selectcolor.hdfssink.records;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.github.selectcolor.hdfssink.files.TimeBucket;
import io.github.selectcolor.hdfssink.files.TimeBuckets;
import io.github.selectcolor.hdfssink.dedup.EventFields;
import io.github.selectcolor.event.EventTimes;
import io.github.selectcolor.event.StorableTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Decides whether a record's value can be a line of a JSON-lines file - UTF-8, one JSON object, no
 * line breaks - and which hour it belongs to: its {@code receivedAt}, else the record's timestamp.
 * That time must lie in {@link StorableTime}'s window, so that every hour names a valid folder.
 * In the same pass it reads the top-level {@code eventId} when it is a canonical UUID, for
 * de-duplication. Both fields are read by {@link EventFields}, the first occurrence of each
 * deciding, as when a window is rebuilt from landed files. A {@link StrictJsonScanner} accepts the
 * common case in one pass; whatever it is unsure of is read with Jackson's streaming parser, which
 * names the reason of every rejection. Keeps nothing between records. Not thread-safe (it reuses a decoder and the fields of the
 * record being read): one per worker.
 */
public final class RecordInspector {

  private static final String RECEIVED_AT = "receivedAt";
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final JsonFactory jsonFactory = JsonFactory.builder().build();
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final TimeBuckets buckets;
  private final EventFields fields = new EventFields();
  private final StrictJsonScanner scanner = new StrictJsonScanner();

  public RecordInspector(ZoneId zone) {
    this.buckets = new TimeBuckets(zone);
  }

  public Inspection inspect(byte[] value, long recordTimestamp) {
    if (value != null && scanner.accepts(value, fields)) {
      return placeInHour(recordTimestamp);
    }
    return inspectWithJackson(value, recordTimestamp);
  }

  /** The whole check with Jackson alone, which the scanner must agree with wherever it accepts. */
  Inspection inspectWithJackson(byte[] value, long recordTimestamp) {
    if (value == null || value.length == 0) {
      return new Invalid(Reason.EMPTY_VALUE, "The record has no value.");
    }
    try (JsonParser parser = jsonFactory.createParser(value)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return new Invalid(Reason.NOT_A_JSON_OBJECT, "The value is JSON but not an object.");
      }
      readTopLevelFields(parser);
      if (parser.nextToken() != null) {
        return new Invalid(Reason.NOT_JSON, "The value has content after its JSON object.");
      }
      // Valid JSON holds a raw line break only as whitespace between tokens, which Jackson counts.
      if (parser.currentLocation().getLineNr() != 1) {
        return new Invalid(Reason.LINE_BREAK, "The value holds a line break, so it cannot be one line.");
      }
      if (!isUtf8(value)) {
        return new Invalid(Reason.NOT_UTF8, "The value is not valid UTF-8.");
      }
      return placeInHour(recordTimestamp);
    } catch (JsonProcessingException e) {
      if (!isUtf8(value)) {
        return new Invalid(Reason.NOT_UTF8, "The value is not valid UTF-8.");
      }
      return new Invalid(Reason.NOT_JSON, "The value is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("Reading a byte array cannot fail this way.", e);
    }
  }

  /**
   * Jackson checks the UTF-8 it decodes but not every sequence it skips, so values that are not
   * plain ASCII are decoded strictly once more. The ASCII test reads eight bytes at a time: a byte
   * loop was a sixth of a worker's time.
   */
  private boolean isUtf8(byte[] value) {
    if (isAscii(value)) {
      return true;
    }
    try {
      utf8.reset().decode(ByteBuffer.wrap(value));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static boolean isAscii(byte[] value) {
    long highBits = 0;
    int i = 0;
    for (int whole = value.length - Long.BYTES; i <= whole; i += Long.BYTES) {
      highBits |= (long) LONGS.get(value, i);
    }
    for (; i < value.length; i++) {
      highBits |= value[i];
    }
    return (highBits & 0x8080808080808080L) == 0;
  }

  private void readTopLevelFields(JsonParser parser) throws IOException {
    fields.reset();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      fields.read(parser, name, parser.nextToken());
    }
  }

  private Inspection placeInHour(long recordTimestamp) {
    OffsetDateTime received = parseOrNull(fields.receivedAt());
    String field = received != null ? RECEIVED_AT : "the record timestamp";
    OffsetDateTime time = received != null ? received
        : Instant.ofEpochMilli(recordTimestamp).atOffset(ZoneOffset.UTC);
    if (!StorableTime.contains(time)) {
      return new Invalid(Reason.UNSTORABLE_TIME, StorableTime.refusal(field, time) + ".");
    }
    Instant placedAt = time.toInstant();
    return new Valid(buckets.of(placedAt), placedAt.toEpochMilli(), fields.hasEventId(),
        fields.eventIdHigh(), fields.eventIdLow());
  }

  private static OffsetDateTime parseOrNull(String receivedAt) {
    if (receivedAt == null) {
      return null;
    }
    try {
      return EventTimes.parse(receivedAt);
    } catch (DateTimeException e) {
      // Not a time at all: the record's own timestamp places it, as when the field is missing.
      return null;
    }
  }

  /** What an inspection found. */
  public sealed interface Inspection permits Valid, Invalid {
  }

  /**
   * @param bucket      the hour the record's file belongs to
   * @param placedAt    the time that chose the hour, in epoch milliseconds
   * @param hasEventId  whether the value has a top-level {@code eventId} that is a UUID; when
   *                    false the two bits fields are 0
   * @param eventIdHigh the UUID's most significant bits
   * @param eventIdLow  its least significant bits
   */
  public record Valid(TimeBucket bucket, long placedAt, boolean hasEventId, long eventIdHigh,
      long eventIdLow) implements Inspection {
  }

  /**
   * @param reason why the record cannot be written
   * @param detail a sentence for people, without the value itself
   */
  public record Invalid(Reason reason, String detail) implements Inspection {
  }

  /** Why a record goes to the dead-letter topic; the header value is {@link #code()}. */
  public enum Reason {
    EMPTY_VALUE("empty-value"),
    NOT_UTF8("not-utf8"),
    LINE_BREAK("line-break"),
    NOT_JSON("not-json"),
    NOT_A_JSON_OBJECT("not-a-json-object"),
    /** The time that places the record in an hour is outside {@link StorableTime}'s window. */
    UNSTORABLE_TIME("unstorable-time"),
    /** Inspecting the value failed in a way the checks above do not name. */
    UNINSPECTABLE("uninspectable");

    private final String code;

    Reason(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }
}
