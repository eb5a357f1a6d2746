package io.github.selectcolor.hdfssink.dedup;

/**
 * Reads an {@code eventId} in the canonical UUID form ({@code 8-4-4-4-12} hexadecimal digits, of
 * either case) straight from the characters a JSON parser holds, as the two longs of
 * {@link java.util.UUID}: no string, no {@code UUID} object per record, and no leniency
 * ({@code UUID.fromString} also takes {@code 1-2-3-4-5}). The same from the UTF-8 bytes of a value,
 * where a UUID is ASCII and so one byte per character. Stateless.
 */
public final class EventIds {

  private static final int LENGTH = 36;

  private EventIds() {
  }

  /** True for exactly 36 characters in the canonical form. */
  public static boolean isUuid(char[] chars, int offset, int length) {
    if (length != LENGTH) {
      return false;
    }
    for (int at = 0; at < LENGTH; at++) {
      char character = chars[offset + at];
      boolean valid = isDash(at) ? character == '-' : digit(character) >= 0;
      if (!valid) {
        return false;
      }
    }
    return true;
  }

  /** True for exactly 36 bytes in the canonical form. */
  public static boolean isUuid(byte[] bytes, int offset, int length) {
    if (length != LENGTH) {
      return false;
    }
    for (int at = 0; at < LENGTH; at++) {
      byte character = bytes[offset + at];
      boolean valid = isDash(at) ? character == '-' : digit(character) >= 0;
      if (!valid) {
        return false;
      }
    }
    return true;
  }

  /** The most significant bits of a UUID that {@link #isUuid} accepted. */
  public static long mostSignificantBits(char[] chars, int offset) {
    return bits(chars, offset, 0, 18);
  }

  /** The least significant bits of a UUID that {@link #isUuid} accepted. */
  public static long leastSignificantBits(char[] chars, int offset) {
    return bits(chars, offset, 19, LENGTH);
  }

  /** The most significant bits of a UUID that {@link #isUuid(byte[], int, int)} accepted. */
  public static long mostSignificantBits(byte[] bytes, int offset) {
    return bits(bytes, offset, 0, 18);
  }

  /** The least significant bits of a UUID that {@link #isUuid(byte[], int, int)} accepted. */
  public static long leastSignificantBits(byte[] bytes, int offset) {
    return bits(bytes, offset, 19, LENGTH);
  }

  private static long bits(byte[] bytes, int offset, int from, int to) {
    long bits = 0;
    for (int at = from; at < to; at++) {
      if (!isDash(at)) {
        bits = bits << 4 | digit(bytes[offset + at]);
      }
    }
    return bits;
  }

  private static long bits(char[] chars, int offset, int from, int to) {
    long bits = 0;
    for (int at = from; at < to; at++) {
      if (!isDash(at)) {
        bits = bits << 4 | digit(chars[offset + at]);
      }
    }
    return bits;
  }

  private static boolean isDash(int at) {
    return at == 8 || at == 13 || at == 18 || at == 23;
  }

  /** The value of an ASCII hexadecimal digit, -1 for anything else (unlike Character.digit). */
  private static int digit(int character) {
    if (character >= '0' && character <= '9') {
      return character - '0';
    }
    int lower = character | 0x20;
    return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
  }
}
