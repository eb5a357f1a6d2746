package io.github.selectcolor.collector.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The parameters of a request's query, decoded strictly: a broken percent escape or an escape of
 * invalid UTF-8 refuses the request (400) instead of failing it (Netty's decoder throws) or
 * turning the value into other text (it replaces invalid UTF-8 with U+FFFD).
 */
final class QueryParameters {

  private final Map<String, String> first = new HashMap<>();

  private QueryParameters() {
  }

  /** The query of a request URI such as {@code /api/select?user=kim&color=red}. */
  static QueryParameters of(String uri) {
    QueryParameters parameters = new QueryParameters();
    int start = uri.indexOf('?');
    if (start < 0) {
      return parameters;
    }
    for (String pair : uri.substring(start + 1).split("&")) {
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      parameters.first.putIfAbsent(name, value);
    }
    return parameters;
  }

  /** The first value of a parameter, or null when absent. */
  String first(String name) {
    return first.get(name);
  }

  private static String decode(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
        int low = high < 0 ? -1 : Character.digit(text.charAt(i + 2), 16);
        if (low < 0) {
          throw InvalidEventException.badRequest("query", "malformed-query",
              "The query has a '%' not followed by two hexadecimal digits.");
        }
        bytes.write(high << 4 | low);
        i += 2;
      } else {
        // Netty hands the request line over as ISO-8859-1, one char per byte.
        bytes.write(c == '+' ? ' ' : c & 0xFF);
      }
    }
    byte[] decoded = bytes.toByteArray();
    if (!Utf8.isWellFormed(decoded)) {
      throw InvalidEventException.badRequest("query", "invalid-utf8",
          "The query is not valid UTF-8 once its percent escapes are decoded.");
    }
    return new String(decoded, StandardCharsets.UTF_8);
  }
}
