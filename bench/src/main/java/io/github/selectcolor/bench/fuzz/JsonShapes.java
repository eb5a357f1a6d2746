package io.github.selectcolor.bench.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** The bodies, queries and request heads of the fuzz run, valid and broken. Not thread-safe. */
final class JsonShapes {

  private static final List<String> WRONG_VALUES = List.of("123", "-1.5e308", "true", "false",
      "[]", "[\"kim\"]", "{}", "{\"a\":1}", "1e999999");
  private static final List<String> TOP_LEVEL = List.of("123", "\"kim\"", "true", "null", "[1,2]",
      "[[]]", "[\"a\"]", "[]", "[null]", "", " ", "{} {}", "[{}] x");
  private static final List<String> INVALID_UTF8 = List.of("\u00c3\u0028", "\u00ff", "\u00c0\u00af",
      "\u00e2\u0082", "\u00f0\u0090\u0080", "\u00f8\u0088\u0080\u0080\u0080", "\u0080", "\u00fe\u00fe");

  private final Random random;

  JsonShapes(Random random) {
    this.random = random;
  }

  String validEvent(UUID id) {
    return "{\"eventId\":\"" + id + "\",\"userName\":\"fuzz-" + random.nextInt(1000)
        + "\",\"colorName\":\"blue\",\"timestamp\":\"" + java.time.OffsetDateTime.now()
        + "\"}";
  }

  byte[] randomBytes() {
    byte[] bytes = new byte[1 + random.nextInt(2048)];
    random.nextBytes(bytes);
    return bytes;
  }

  String truncated() {
    String event = random.nextBoolean() ? validEvent(new UUID(random.nextLong(), 1))
        : "[" + validEvent(new UUID(random.nextLong(), 2)) + "," + validEvent(
            new UUID(random.nextLong(), 3)) + "]";
    return event.substring(0, random.nextInt(event.length()));
  }

  String wrongTypes() {
    int pick = random.nextInt(4);
    String wrong = WRONG_VALUES.get(random.nextInt(WRONG_VALUES.size()));
    return switch (pick) {
      case 0 -> "{\"userName\":" + pick(wrong, "null") + ",\"colorName\":\"red\"}";
      case 1 -> "{\"userName\":\"kim\",\"colorName\":" + pick(wrong, "null") + "}";
      case 2 -> "{\"userName\":\"kim\",\"colorName\":\"red\",\"" + pick("eventId", "timestamp",
          "sentAt") + "\":" + wrong + "}";
      default -> TOP_LEVEL.get(random.nextInt(TOP_LEVEL.size()));
    };
  }

  String invalidValues() {
    List<String> broken = List.of(
        "{\"userName\":\"kim\",\"colorName\":\"mauve\"}",
        "{\"userName\":\"   \",\"colorName\":\"red\"}",
        "{\"userName\":\"\",\"colorName\":\"red\"}",
        "{\"userName\":\"k\\u0001m\",\"colorName\":\"red\"}",
        "{\"userName\":\"k\\ud800m\",\"colorName\":\"red\"}",
        "{\"userName\":\"k\\udc00\",\"colorName\":\"red\"}",
        "{\"userName\":\"kim\",\"colorName\":\"RED\"}",
        "{\"userName\":\"kim\"}",
        "{\"colorName\":\"red\"}",
        "{\"eventId\":\"not-a-uuid\",\"userName\":\"kim\",\"colorName\":\"red\"}",
        "{\"eventId\":\"\",\"userName\":\"kim\",\"colorName\":\"red\"}",
        "{\"userName\":\"kim\",\"colorName\":\"red\",\"timestamp\":\"yesterday\"}",
        "{\"userName\":\"kim\",\"colorName\":\"red\",\"timestamp\":\"2026-11-22T10:00:00\"}",
        "{\"userName\":\"kim\",\"colorName\":\"red\",\"timestamp\":\"9999-01-01T00:00:00Z\"}",
        "{\"userName\":\"kim\",\"colorName\":\"red\",\"sentAt\":\"1900-01-01T00:00:00Z\"}",
        "{\"userName\":\"kim\",\"colorName\":\"red\",\"timestamp\":\"+999999999-12-31T23:59:59Z\"}",
        "[{\"userName\":\"kim\",\"colorName\":\"red\"},{\"userName\":\"lee\",\"colorName\":\"x\"}]",
        "{\"userName\":\"kim\",\"colorName\":\"red\",\"userName\":\"\"}");
    return broken.get(random.nextInt(broken.size()));
  }

  String deepNesting() {
    int depth = 1001 + random.nextInt(100_000);
    return switch (random.nextInt(3)) {
      case 0 -> "[".repeat(depth) + "]".repeat(random.nextInt(depth));
      case 1 -> "{\"userName\":\"kim\",\"colorName\":\"red\",\"x\":" + "{\"a\":".repeat(depth)
          + "1" + "}".repeat(depth) + "}";
      default -> "{\"userName\":\"kim\",\"colorName\":\"red\",\"x\":" + "[".repeat(depth);
    };
  }

  String longName() {
    int length = 65 + random.nextInt(random.nextBoolean() ? 1000 : 200_000);
    String name = random.nextBoolean() ? "x".repeat(length) : "김".repeat(length);
    return "{\"userName\":\"" + name + "\",\"colorName\":\"red\"}";
  }

  byte[] invalidUtf8() {
    String bad = INVALID_UTF8.get(random.nextInt(INVALID_UTF8.size()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("{\"userName\":\"k".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(bad.getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes("m\",\"colorName\":\"red\"}".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  /** A valid-looking event padded with an unknown field to exactly {@code size} bytes. */
  byte[] padded(int size) {
    String head = "{\"userName\":\"kim\",\"colorName\":\"red\",\"pad\":\"";
    String tail = "\"}";
    return (head + "p".repeat(Math.max(0, size - head.length() - tail.length())) + tail)
        .getBytes(StandardCharsets.US_ASCII);
  }

  String tooManyEvents() {
    int count = 501 + random.nextInt(300);
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < count; i++) {
      batch.append(i == 0 ? "" : ",").append("{\"userName\":\"u").append(i)
          .append("\",\"colorName\":\"red\"}");
    }
    return batch.append(']').toString();
  }

  String eventTooLarge() {
    int before = random.nextInt(4);
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < before; i++) {
      batch.append("{\"userName\":\"u").append(i).append("\",\"colorName\":\"red\"},");
    }
    String pad = "p".repeat(32 * 1024 + 1 + random.nextInt(64 * 1024));
    return batch.append("{\"userName\":\"big\",\"colorName\":\"red\",\"pad\":\"").append(pad)
        .append("\"}]").toString();
  }

  String badSelectQuery() {
    List<String> queries = List.of("", "user=kim", "color=red", "user=kim&color=mauve",
        "user=&color=red", "user=%20%20&color=red", "user=k%01m&color=red",
        "user=k%00&color=red", "user=" + "x".repeat(65 + random.nextInt(3000)) + "&color=red",
        "user=k%ED%A0%80m&color=red", "user=k%FFm&color=red", "color=red&color=blue",
        "user=kim&color=", "user=kim&color=RED", "user[]=kim&color=red", "u=kim&c=red");
    return queries.get(random.nextInt(queries.size()));
  }

  String malformedHead() {
    String post = "POST /api/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n";
    List<String> heads = List.of(
        post + "Content-Length: abc\r\n\r\n{}",
        post + "Content-Length: -5\r\n\r\n{}",
        post + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
        post + "Content-Length: 99999999999999999999999\r\n\r\n{}",
        post + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
        post + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
        "GET /api/select?user=" + "x".repeat(5000) + "&color=red HTTP/1.1\r\nHost: l\r\n\r\n",
        "GET /api/select?user=kim&color=red HTTP/1.1\r\nHost: l\r\nX-Big: " + "b".repeat(9000)
            + "\r\n\r\n",
        "GET /api/select?user=%zz&color=red HTTP/1.1\r\nHost: l\r\nConnection: close\r\n\r\n",
        "GET /api/select?user=%&color=%G1 HTTP/1.1\r\nHost: l\r\nConnection: close\r\n\r\n",
        "BLAH /api/events HTTP/1.1\r\nHost: l\r\nConnection: close\r\n\r\n",
        "\u0000\u0001\u0002 garbage\r\n\r\n",
        "POST /api/events HTTP/1.1\r\nHost: l\r\nBad Header Name: x\r\n\r\n");
    return heads.get(random.nextInt(heads.size()));
  }

  private String pick(String... choices) {
    return choices[random.nextInt(choices.length)];
  }
}
