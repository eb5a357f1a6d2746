package io.github.selectcolor.bench.fuzz;

import io.github.selectcolor.bench.fuzz.FuzzRequest.Transfer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Makes the requests of a fuzz run from a seeded generator, so that a seed repeats a run. Every
 * request but the controls is invalid in some way and must be refused; the controls are valid
 * events with known eventIds. Not thread-safe: one generator feeds the run.
 */
final class HostileRequests {

  static final String EVENTS = "/api/events";
  static final String SELECT = "/api/select";
  static final String JSON = "application/json";
  private static final Set<Integer> BAD_REQUEST = Set.of(400);
  private static final Set<Integer> TOO_LARGE = Set.of(413);

  private record Weighted(int weight, Supplier<FuzzRequest> make) {
  }

  private final Random random;
  private final Set<Integer> controlAnswers;
  private final JsonShapes shapes;
  private final List<Weighted> kinds;
  private final int totalWeight;

  /** With Kafka up a control must be answered 202; with Kafka down, 503. */
  HostileRequests(long seed, boolean kafkaUp) {
    this.random = new Random(seed);
    this.controlAnswers = kafkaUp ? Set.of(202) : Set.of(503);
    this.shapes = new JsonShapes(random);
    this.kinds = List.of(
        new Weighted(40, this::control),
        new Weighted(80, () -> post("random-bytes", shapes.randomBytes(), BAD_REQUEST)),
        new Weighted(100, () -> post("truncated-json", shapes.truncated(), BAD_REQUEST)),
        new Weighted(100, () -> post("wrong-types", shapes.wrongTypes(), BAD_REQUEST)),
        new Weighted(100, () -> post("invalid-values", shapes.invalidValues(), BAD_REQUEST)),
        new Weighted(40, () -> post("deep-nesting", shapes.deepNesting(), Set.of(400, 413))),
        new Weighted(60, () -> post("long-strings", shapes.longName(), Set.of(400, 413))),
        new Weighted(80, () -> post("invalid-utf8", shapes.invalidUtf8(), BAD_REQUEST)),
        new Weighted(10, () -> hugeBody(Transfer.LENGTH)),
        new Weighted(10, () -> hugeBody(Transfer.CHUNKED)),
        new Weighted(80, this::wrongContentType),
        new Weighted(80, this::wrongMethod),
        new Weighted(20, () -> post("too-many-events", shapes.tooManyEvents(), TOO_LARGE)),
        new Weighted(30, () -> post("event-too-large", shapes.eventTooLarge(), TOO_LARGE)),
        new Weighted(120, this::badSelect),
        new Weighted(20, this::malformedHead));
    this.totalWeight = kinds.stream().mapToInt(Weighted::weight).sum();
  }

  FuzzRequest next() {
    int pick = random.nextInt(totalWeight);
    for (Weighted kind : kinds) {
      pick -= kind.weight();
      if (pick < 0) {
        return kind.make().get();
      }
    }
    throw new IllegalStateException("The weights do not add up.");
  }

  /** A socket that sends its headers and part of its body, then nothing more. */
  FuzzRequest slowSender() {
    boolean chunked = random.nextBoolean();
    byte[] event = shapes.validEvent(randomId()).getBytes(StandardCharsets.UTF_8);
    int sent = 1 + random.nextInt(event.length - 1);
    String head = "POST " + EVENTS + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + JSON
        + "\r\n" + (chunked ? "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(event.length)
        + "\r\n" : "Content-Length: " + event.length + "\r\n\r\n");
    byte[] raw = concat(head.getBytes(StandardCharsets.US_ASCII), event, sent);
    return new FuzzRequest(chunked ? "slow-sender-chunked" : "slow-sender-length", "POST", EVENTS,
        JSON, null, Transfer.SLOW, raw, Set.of(408), null);
  }

  private FuzzRequest control() {
    UUID id = new UUID(random.nextLong(), random.nextLong());
    return new FuzzRequest("valid-control", "POST", EVENTS, JSON,
        shapes.validEvent(id).getBytes(StandardCharsets.UTF_8), Transfer.LENGTH, null,
        controlAnswers, id);
  }

  private FuzzRequest post(String category, byte[] body, Set<Integer> allowed) {
    Transfer transfer = random.nextInt(10) == 0 ? Transfer.CHUNKED : Transfer.LENGTH;
    return new FuzzRequest(category, "POST", EVENTS, JSON, body, transfer, null, allowed, null);
  }

  private FuzzRequest post(String category, String body, Set<Integer> allowed) {
    return post(category, body.getBytes(StandardCharsets.UTF_8), allowed);
  }

  private FuzzRequest hugeBody(Transfer transfer) {
    int size = 512 * 1024 + 1 + random.nextInt(3 * 1024 * 1024);
    String category = transfer == Transfer.CHUNKED ? "huge-body-chunked" : "huge-body-length";
    return new FuzzRequest(category, "POST", EVENTS, JSON, shapes.padded(size), transfer, null,
        TOO_LARGE, null);
  }

  private FuzzRequest wrongContentType() {
    List<String> types = Arrays.asList(null, "text/plain", "application/xml",
        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "*/*", ";;;",
        "application/jsonx", "json", "text/json", "application/json-seq");
    String type = types.get(random.nextInt(types.size()));
    return new FuzzRequest("wrong-content-type", "POST", EVENTS, type,
        shapes.validEvent(randomId()).getBytes(StandardCharsets.UTF_8),
        Transfer.LENGTH, null, Set.of(415), null);
  }

  private FuzzRequest wrongMethod() {
    boolean events = random.nextBoolean();
    List<String> methods = events ? List.of("GET", "PUT", "DELETE", "PATCH")
        : List.of("POST", "PUT", "DELETE", "PATCH");
    String path = events ? EVENTS : SELECT + "?user=kim&color=red";
    return new FuzzRequest("wrong-method", methods.get(random.nextInt(methods.size())), path, JSON,
        shapes.validEvent(randomId()).getBytes(StandardCharsets.UTF_8), Transfer.LENGTH,
        null, Set.of(405), null);
  }

  private FuzzRequest badSelect() {
    return new FuzzRequest("bad-select", "GET", SELECT + "?" + shapes.badSelectQuery(), null,
        null, Transfer.LENGTH, null, BAD_REQUEST, null);
  }

  private FuzzRequest malformedHead() {
    return new FuzzRequest("malformed-head", "RAW", EVENTS, null, null, Transfer.RAW,
        shapes.malformedHead().getBytes(StandardCharsets.ISO_8859_1), Set.of(400, 405, 414, 431), null);
  }

  private UUID randomId() {
    return new UUID(random.nextLong(), random.nextLong());
  }

  private static byte[] concat(byte[] head, byte[] body, int bodyBytes) {
    byte[] all = new byte[head.length + bodyBytes];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, bodyBytes);
    return all;
  }
}
