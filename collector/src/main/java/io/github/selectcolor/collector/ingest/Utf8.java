package io.github.selectcolor.collector.ingest;

/**
 * Strict UTF-8 checking. Jackson decodes some invalid UTF-8 without complaint (overlong forms
 * such as {@code C0 AF} for {@code /}), and Netty's query decoder replaces invalid sequences with
 * U+FFFD, so both would let a malformed name through as some other text.
 */
final class Utf8 {

  private Utf8() {
  }

  /** Whether the bytes are well-formed UTF-8: shortest forms only, no surrogates, to U+10FFFF. */
  static boolean isWellFormed(byte[] bytes) {
    int i = 0;
    while (i < bytes.length) {
      int lead = bytes[i] & 0xFF;
      if (lead < 0x80) {
        i++;
        continue;
      }
      int extra = lead >= 0xC2 && lead <= 0xDF ? 1 : lead >= 0xE0 && lead <= 0xEF ? 2
          : lead >= 0xF0 && lead <= 0xF4 ? 3 : -1;
      if (extra < 0 || i + extra >= bytes.length) {
        return false;
      }
      int codePoint = lead & (0x3F >> extra);
      for (int k = 1; k <= extra; k++) {
        int next = bytes[i + k] & 0xFF;
        if ((next & 0xC0) != 0x80) {
          return false;
        }
        codePoint = (codePoint << 6) | (next & 0x3F);
      }
      if (extra == 2 && (codePoint < 0x800 || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
          || extra == 3 && (codePoint < 0x10000 || codePoint > 0x10FFFF)) {
        return false;
      }
      i += extra + 1;
    }
    return true;
  }
}
