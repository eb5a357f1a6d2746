package io.github.selectcolor.hdfssink.dedup;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The two top-level fields of a record that the sink reads, {@code eventId} and
 * {@code receivedAt}, by one rule for landing a record and for rebuilding a window from landed
 * files, so that both find the same id and time: the first occurrence of each field decides, and
 * a producer's repeats of it are passed over. The first {@code eventId} is the record's id when it
 * is a string in canonical UUID form, and the record has none otherwise; the first
 * {@code receivedAt} is its time when it is a string, which the caller parses. The id is read from
 * the parser's own buffer, without a string. Not thread-safe: one per reader, reused from record to
 * record.
 */
public final class EventFields {

  private static final String EVENT_ID = "eventId";
  private static final String RECEIVED_AT = "receivedAt";

  private boolean eventIdSeen;
  private boolean receivedAtSeen;
  private boolean hasEventId;
  private long eventIdHigh;
  private long eventIdLow;
  private String receivedAt;

  /** Forgets the record before; call at the start of each record. */
  public void reset() {
    eventIdSeen = false;
    receivedAtSeen = false;
    hasEventId = false;
    eventIdHigh = 0;
    eventIdLow = 0;
    receivedAt = null;
  }

  /**
   * Takes the value the parser is at if it is the first of either field, else skips it (and its
   * children).
   *
   * @param name  the top-level field's name
   * @param value the value's token, the parser's current one
   */
  public void read(JsonParser parser, String name, JsonToken value) throws IOException {
    if (!eventIdSeen && EVENT_ID.equals(name)) {
      eventIdSeen = true;
      if (value == JsonToken.VALUE_STRING) {
        readEventId(parser);
        return;
      }
    } else if (!receivedAtSeen && RECEIVED_AT.equals(name)) {
      receivedAtSeen = true;
      if (value == JsonToken.VALUE_STRING) {
        receivedAt = parser.getText();
        return;
      }
    }
    parser.skipChildren();
  }

  /**
   * For a reader that finds fields in the value's bytes itself: true, and the field is seen, when
   * the bytes from {@code from} to {@code to} are the name {@code eventId} and it is the record's
   * first; its value is then the id if the reader passes it to {@link #readEventId}.
   */
  public boolean claimsEventId(byte[] value, int from, int to) {
    if (eventIdSeen || !isName(EVENT_ID, value, from, to)) {
      return false;
    }
    eventIdSeen = true;
    return true;
  }

  /** As {@link #claimsEventId} for {@code receivedAt}, whose text goes to {@link #readReceivedAt}. */
  public boolean claimsReceivedAt(byte[] value, int from, int to) {
    if (receivedAtSeen || !isName(RECEIVED_AT, value, from, to)) {
      return false;
    }
    receivedAtSeen = true;
    return true;
  }

  /** Takes a claimed {@code eventId}'s string, its bytes from {@code from} to {@code to}. */
  public void readEventId(byte[] value, int from, int to) {
    if (EventIds.isUuid(value, from, to - from)) {
      hasEventId = true;
      eventIdHigh = EventIds.mostSignificantBits(value, from);
      eventIdLow = EventIds.leastSignificantBits(value, from);
    }
  }

  /** Takes a claimed {@code receivedAt}'s string. */
  public void readReceivedAt(String text) {
    receivedAt = text;
  }

  /** True once both fields have been read, so that the rest of the record cannot change them. */
  public boolean isComplete() {
    return eventIdSeen && receivedAtSeen;
  }

  public boolean hasEventId() {
    return hasEventId;
  }

  /** The id's most significant bits; 0 without an id. */
  public long eventIdHigh() {
    return eventIdHigh;
  }

  /** The id's least significant bits; 0 without an id. */
  public long eventIdLow() {
    return eventIdLow;
  }

  /** The first {@code receivedAt}'s text, or null when it is missing or not a string. */
  public String receivedAt() {
    return receivedAt;
  }

  private static boolean isName(String name, byte[] value, int from, int to) {
    if (to - from != name.length()) {
      return false;
    }
    for (int at = 0; at < name.length(); at++) {
      if (value[from + at] != name.charAt(at)) {
        return false;
      }
    }
    return true;
  }

  private void readEventId(JsonParser parser) throws IOException {
    char[] chars = parser.getTextCharacters();
    int offset = parser.getTextOffset();
    if (EventIds.isUuid(chars, offset, parser.getTextLength())) {
      hasEventId = true;
      eventIdHigh = EventIds.mostSignificantBits(chars, offset);
      eventIdLow = EventIds.leastSignificantBits(chars, offset);
    }
  }
}
