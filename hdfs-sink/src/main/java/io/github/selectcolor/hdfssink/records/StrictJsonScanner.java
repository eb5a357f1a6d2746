package io.github.selectcolor.hdfssink.records;

import io.github.selectcolor.hdfssink.dedup.EventFields;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Accepts the common case of a record's value - one JSON object on one line in well-formed UTF-8 -
 * in a single pass over its bytes, and reads its {@code eventId} and {@code receivedAt} into
 * {@link EventFields} as Jackson's path would. It only ever accepts: {@code false} means "not
 * sure", and the caller then asks Jackson, so that every rejection and its reason come from one
 * place. It is stricter than JSON wherever that keeps it short and safely inside what Jackson
 * accepts:
 *
 * <ul>
 *   <li>whitespace is a space or a tab (a line break anywhere is left to Jackson);</li>
 *   <li>bytes outside strings are ASCII; inside them UTF-8 is checked as the JDK's strict decoder
 *       does (no overlong forms, no surrogates, nothing above U+10FFFF), and control characters
 *       must be escaped;</li>
 *   <li>escapes are JSON's, and a {@code \\u} escape of a surrogate must be half of a pair;</li>
 *   <li>top-level names and the values of the two fields have no escapes at all, because an
 *       escaped name may still spell {@code eventId};</li>
 *   <li>values are at most {@value #MAX_LENGTH} bytes, nest at most {@value #MAX_DEPTH} deep and
 *       have numbers of at most {@value #MAX_NUMBER_LENGTH} characters, well inside Jackson's
 *       read constraints.</li>
 * </ul>
 *
 * <p>Jackson's streaming parser spent about a microsecond per record on the benchmark's event,
 * most of the sink's own work. Not thread-safe (it holds the value being scanned): one per worker.
 */
final class StrictJsonScanner {

  static final int MAX_LENGTH = 32 * 1024;
  static final int MAX_DEPTH = 64;
  static final int MAX_NUMBER_LENGTH = 100;

  private static final int UNSURE = -1;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private byte[] value;
  private EventFields fields;

  /**
   * True when the value is certainly one JSON object on one line in UTF-8; the two fields are
   * then in {@code fields}, which is reset first.
   */
  boolean accepts(byte[] value, EventFields fields) {
    fields.reset();
    if (value.length == 0 || value.length > MAX_LENGTH) {
      return false;
    }
    this.value = value;
    this.fields = fields;
    try {
      int at = skipBlanks(0);
      if (at == value.length || value[at] != '{') {
        return false;
      }
      at = object(at + 1, 1);
      return at != UNSURE && skipBlanks(at) == value.length;
    } finally {
      this.value = null;
      this.fields = null;
    }
  }

  /** An object from just after its brace; the value itself is at depth 1. */
  private int object(int at, int depth) {
    at = skipBlanks(at);
    if (is(at, '}')) {
      return at + 1;
    }
    while (is(at, '"')) {
      int nameStart = at + 1;
      int nameEnd = string(nameStart, depth > 1);
      if (nameEnd == UNSURE) {
        return UNSURE;
      }
      at = skipBlanks(nameEnd + 1);
      if (!is(at, ':')) {
        return UNSURE;
      }
      at = skipBlanks(at + 1);
      at = depth == 1 ? topLevelValue(nameStart, nameEnd, at) : value(at, depth);
      if (at == UNSURE) {
        return UNSURE;
      }
      at = skipBlanks(at);
      if (is(at, '}')) {
        return at + 1;
      }
      if (!is(at, ',')) {
        return UNSURE;
      }
      at = skipBlanks(at + 1);
    }
    return UNSURE;
  }

  /** A top-level member's value; the first of each of the two fields is read when a string. */
  private int topLevelValue(int nameStart, int nameEnd, int at) {
    boolean eventId = fields.claimsEventId(value, nameStart, nameEnd);
    boolean receivedAt = !eventId && fields.claimsReceivedAt(value, nameStart, nameEnd);
    if (!(eventId || receivedAt) || !is(at, '"')) {
      return value(at, 1);
    }
    int closingQuote = string(at + 1, false);
    if (closingQuote == UNSURE) {
      return UNSURE;
    }
    if (eventId) {
      fields.readEventId(value, at + 1, closingQuote);
    } else {
      fields.readReceivedAt(new String(value, at + 1, closingQuote - at - 1, StandardCharsets.UTF_8));
    }
    return closingQuote + 1;
  }

  private int value(int at, int depth) {
    if (at >= value.length) {
      return UNSURE;
    }
    return switch (value[at]) {
      case '"' -> {
        int end = string(at + 1, true);
        yield end == UNSURE ? UNSURE : end + 1;
      }
      case '{' -> depth < MAX_DEPTH ? object(at + 1, depth + 1) : UNSURE;
      case '[' -> depth < MAX_DEPTH ? array(at + 1, depth + 1) : UNSURE;
      case 't' -> literal(at, "true");
      case 'f' -> literal(at, "false");
      case 'n' -> literal(at, "null");
      default -> number(at);
    };
  }

  private int array(int at, int depth) {
    at = skipBlanks(at);
    if (is(at, ']')) {
      return at + 1;
    }
    while (true) {
      at = value(at, depth);
      if (at == UNSURE) {
        return UNSURE;
      }
      at = skipBlanks(at);
      if (is(at, ']')) {
        return at + 1;
      }
      if (!is(at, ',')) {
        return UNSURE;
      }
      at = skipBlanks(at + 1);
    }
  }

  private int literal(int at, String word) {
    if (at + word.length() > value.length) {
      return UNSURE;
    }
    for (int i = 0; i < word.length(); i++) {
      if (value[at + i] != word.charAt(i)) {
        return UNSURE;
      }
    }
    return at + word.length();
  }

  /** RFC 8259's number: {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}. */
  private int number(int at) {
    int start = at;
    if (is(at, '-')) {
      at++;
    }
    if (is(at, '0')) {
      at++;
    } else if (at < value.length && value[at] >= '1' && value[at] <= '9') {
      at = skipDigits(at + 1);
    } else {
      return UNSURE;
    }
    if (is(at, '.')) {
      int digits = at + 1;
      at = skipDigits(digits);
      if (at == digits) {
        return UNSURE;
      }
    }
    if (is(at, 'e') || is(at, 'E')) {
      at++;
      if (is(at, '+') || is(at, '-')) {
        at++;
      }
      int digits = at;
      at = skipDigits(digits);
      if (at == digits) {
        return UNSURE;
      }
    }
    return at - start <= MAX_NUMBER_LENGTH ? at : UNSURE;
  }

  private int skipDigits(int at) {
    while (at < value.length && value[at] >= '0' && value[at] <= '9') {
      at++;
    }
    return at;
  }

  /**
   * Scans a string's content from just after its opening quote.
   *
   * @return the position of the closing quote, or unsure
   */
  private int string(int at, boolean escapesAllowed) {
    while (true) {
      at = skipPlain(at);
      if (at >= value.length) {
        return UNSURE;
      }
      byte current = value[at];
      if (current == '"') {
        return at;
      }
      if (current == '\\' && escapesAllowed) {
        at = escape(at + 1);
      } else if (current < 0) {
        at = utf8Sequence(at, current & 0xFF);
      } else {
        return UNSURE;
      }
      if (at == UNSURE) {
        return UNSURE;
      }
    }
  }

  /**
   * Skips the bytes a string holds as they are: ASCII, neither a control character, a quote nor a
   * backslash. Eight bytes at a time, because strings are most of an event: byte by byte, the
   * scan took half as long as Jackson rather than a quarter.
   */
  private int skipPlain(int at) {
    while (at + Long.BYTES <= value.length && isPlain((long) LONGS.get(value, at))) {
      at += Long.BYTES;
    }
    while (at < value.length && value[at] >= 0x20 && value[at] != '"' && value[at] != '\\') {
      at++;
    }
    return at;
  }

  /** Whether none of the eight bytes is special, by the usual tests for a byte below a bound. */
  private static boolean isPlain(long bytes) {
    long belowSpace = (bytes - ONES * 0x20) & ~bytes;
    long quote = bytes ^ (ONES * '"');
    long backslash = bytes ^ (ONES * '\\');
    long zeroByte = ((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash);
    return ((bytes | belowSpace | zeroByte) & HIGH_BITS) == 0;
  }

  private int escape(int at) {
    if (at >= value.length) {
      return UNSURE;
    }
    return switch (value[at]) {
      case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> at + 1;
      case 'u' -> unicodeEscape(at + 1);
      default -> UNSURE;
    };
  }

  /** A {@code \\u} escape from just after its {@code u}; a surrogate must be the first of a pair. */
  private int unicodeEscape(int at) {
    int code = hexCode(at);
    if (code < 0 || Character.isLowSurrogate((char) code)) {
      return UNSURE;
    }
    if (!Character.isHighSurrogate((char) code)) {
      return at + 4;
    }
    boolean paired = is(at + 4, '\\') && is(at + 5, 'u')
        && Character.isLowSurrogate((char) hexCode(at + 6));
    return paired ? at + 10 : UNSURE;
  }

  /** The four hexadecimal digits at {@code at} as a number, or -1. */
  private int hexCode(int at) {
    if (at + 4 > value.length) {
      return -1;
    }
    int code = 0;
    for (int i = at; i < at + 4; i++) {
      int digit = Character.digit(value[i], 16);
      if (digit < 0) {
        return -1;
      }
      code = code << 4 | digit;
    }
    return code;
  }

  /** The position after the UTF-8 sequence that starts with {@code lead}, or unsure. */
  private int utf8Sequence(int at, int lead) {
    if (lead >= 0xC2 && lead <= 0xDF) {
      return continuations(at + 1, 1, 0x80, 0xBF);
    }
    if (lead >= 0xE0 && lead <= 0xEF) {
      int low = lead == 0xE0 ? 0xA0 : 0x80;
      int high = lead == 0xED ? 0x9F : 0xBF;
      return continuations(at + 1, 2, low, high);
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
      int low = lead == 0xF0 ? 0x90 : 0x80;
      int high = lead == 0xF4 ? 0x8F : 0xBF;
      return continuations(at + 1, 3, low, high);
    }
    return UNSURE;
  }

  /** Checks {@code count} continuation bytes, the first of them between {@code low} and {@code high}. */
  private int continuations(int at, int count, int low, int high) {
    if (at + count > value.length) {
      return UNSURE;
    }
    int first = value[at] & 0xFF;
    if (first < low || first > high) {
      return UNSURE;
    }
    for (int i = at + 1; i < at + count; i++) {
      if ((value[i] & 0xC0) != 0x80) {
        return UNSURE;
      }
    }
    return at + count;
  }

  private int skipBlanks(int at) {
    while (at < value.length && (value[at] == ' ' || value[at] == '\t')) {
      at++;
    }
    return at;
  }

  private boolean is(int at, char expected) {
    return at < value.length && value[at] == expected;
  }
}
