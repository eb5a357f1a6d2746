package io.github.selectcolor.collector.ingest;

import io.github.selectcolor.collector.CollectorProperties;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import org.springframework.boot.web.embedded.netty.NettyRouteProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * The ingestion API, served by Reactor Netty directly rather than through WebFlux's dispatcher,
 * whose per-request machinery (handler lookup, content negotiation, observations) cost more than
 * all of the collector's own work. The page and Actuator stay on WebFlux.
 *
 * <p>{@code POST /api/events} takes one event or a JSON array of them and answers 202 only once
 * Kafka acknowledged every event. {@code GET /api/select} is the book's route, kept so that its
 * pages keep working; new clients should POST.
 */
@Component
class IngestRoutes implements NettyRouteProvider {

  static final String EVENTS_PATH = "/api/events";
  static final String SELECT_PATH = "/api/select";
  private static final long DISCARD_FACTOR = 4;

  private final EventIngestion ingestion;
  private final ApiAnswers answers;
  private final CorsPolicy cors;
  private final InFlightRequests inFlight;
  private final long maxBodyBytes;
  private final Duration bodyTimeout;

  IngestRoutes(EventIngestion ingestion, ApiAnswers answers, CorsPolicy cors,
      InFlightRequests inFlight, CollectorProperties properties) {
    this.ingestion = ingestion;
    this.answers = answers;
    this.cors = cors;
    this.inFlight = inFlight;
    this.maxBodyBytes = properties.limits().maxBatchSize().toBytes();
    this.bodyTimeout = properties.limits().bodyTimeout();
  }

  @Override
  public HttpServerRoutes apply(HttpServerRoutes routes) {
    return routes
        .post(EVENTS_PATH, (request, response) -> inFlight.track(
            () -> postEvents(request, response), () -> stopping(request, response, EVENTS_PATH)))
        .get(SELECT_PATH, (request, response) -> inFlight.track(
            () -> select(request, response), () -> stopping(request, response, SELECT_PATH)))
        .options(EVENTS_PATH, this::preflight)
        .options(SELECT_PATH, this::preflight)
        .route(request -> allowedMethods(request.fullPath()) != null, this::methodNotAllowed);
  }

  /**
   * Any other method on an API path: without this route the request would fall through to
   * WebFlux and be answered 404 in Spring Boot's own error shape.
   */
  private Publisher<Void> methodNotAllowed(HttpServerRequest request, HttpServerResponse response) {
    String path = request.fullPath();
    String allowed = allowedMethods(path);
    response.header(HttpHeaderNames.ALLOW, allowed);
    return send(response, answers.refused(HttpStatus.METHOD_NOT_ALLOWED, path, "method-not-allowed",
        "The method " + request.method().name() + " is not allowed here; use " + allowed + "."));
  }

  private static String allowedMethods(String path) {
    return switch (path) {
      case EVENTS_PATH -> "POST, OPTIONS";
      case SELECT_PATH -> "GET, OPTIONS";
      default -> null;
    };
  }

  private Publisher<Void> postEvents(HttpServerRequest request, HttpServerResponse response) {
    if (!corsAllows(request, response)) {
      return send(response, answers.refused(HttpStatus.FORBIDDEN, EVENTS_PATH, "origin-not-allowed",
          "Pages of this origin may not post events; see collector.allowed-origins."));
    }
    if (!isJson(request.requestHeaders().get(HttpHeaderNames.CONTENT_TYPE))) {
      response.header(HttpHeaderNames.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
      return send(response, answers.refused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, EVENTS_PATH,
          "unsupported-media-type", "Content-Type must be application/json."));
    }
    String userAgent = request.requestHeaders().get(HttpHeaderNames.USER_AGENT);
    Mono<List<UUID>> accepted = boundedBody(request)
        .flatMap(body -> ingestion.ingest(body, userAgent));
    return answer(response, EVENTS_PATH, accepted);
  }

  private Publisher<Void> select(HttpServerRequest request, HttpServerResponse response) {
    if (!corsAllows(request, response)) {
      return send(response, answers.refused(HttpStatus.FORBIDDEN, SELECT_PATH, "origin-not-allowed",
          "Pages of this origin may not post events; see collector.allowed-origins."));
    }
    String userAgent = request.requestHeaders().get(HttpHeaderNames.USER_AGENT);
    Mono<List<UUID>> accepted = Mono.defer(() -> {
      QueryParameters query = QueryParameters.of(request.uri());
      return ingestion.ingestSelection(query.first("user"), query.first("color"), userAgent);
    });
    return answer(response, SELECT_PATH, accepted);
  }

  /**
   * The 503 of a request that arrived once the collector began to stop. Its body is read first, as
   * for a 413, so that the client has sent it all before the connection closes and reads the 503.
   */
  private Publisher<Void> stopping(HttpServerRequest request, HttpServerResponse response,
      String path) {
    corsAllows(request, response);
    return boundedBody(request)
        .onErrorResume(InvalidEventException.class, tooLarge -> Mono.empty())
        .then(Mono.defer(() -> Mono.from(send(response, answers.stopping(path)))));
  }

  private Publisher<Void> preflight(HttpServerRequest request, HttpServerResponse response) {
    if (cors.check(request.requestHeaders()) != CorsPolicy.Verdict.ALLOWED
        || !cors.allowsPreflight(request.requestHeaders())) {
      return response.status(HttpStatus.FORBIDDEN.value()).send();
    }
    cors.allowPreflight(request.requestHeaders(), response.responseHeaders());
    return response.status(HttpStatus.OK.value()).send();
  }

  private boolean corsAllows(HttpServerRequest request, HttpServerResponse response) {
    CorsPolicy.Verdict verdict = cors.check(request.requestHeaders());
    if (verdict == CorsPolicy.Verdict.ALLOWED) {
      cors.allowOrigin(request.requestHeaders(), response.responseHeaders());
    }
    return verdict != CorsPolicy.Verdict.REFUSED;
  }

  /**
   * The body, or a 413 once it is longer than the limit. An oversize body is still read, and
   * dropped, up to {@value #DISCARD_FACTOR} times the limit, so that the client has sent it all
   * and reads the 413: closing while it still sends makes the client see a reset instead, and
   * retry. A body even larger is cut off at once. A body not received in full within
   * {@code collector.limits.body-timeout} is answered 408, after which Reactor Netty closes the
   * connection since the rest of the body never came.
   */
  private Mono<byte[]> boundedBody(HttpServerRequest request) {
    long discardLimit = maxBodyBytes * DISCARD_FACTOR;
    String declared = request.requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
    if (declared != null && Long.parseLong(declared) > discardLimit) {
      return Mono.error(bodyTooLarge());
    }
    AtomicLong received = new AtomicLong();
    return ByteBufFlux.fromInbound(request.receive()
            .map(chunk -> {
              long total = received.addAndGet(chunk.readableBytes());
              if (total > discardLimit) {
                throw bodyTooLarge();
              }
              // Reactor Netty releases every chunk it received; one dropped by an operator would
              // be released twice, so the chunks beyond the limit are replaced, not dropped.
              return total <= maxBodyBytes ? chunk : Unpooled.EMPTY_BUFFER;
            }))
        .aggregate()
        .asByteArray()
        .defaultIfEmpty(new byte[0])
        .timeout(bodyTimeout)
        .onErrorMap(TimeoutException.class, timeout -> bodyTimedOut())
        .handle((body, sink) -> {
          if (received.get() > maxBodyBytes) {
            sink.error(bodyTooLarge());
          } else {
            sink.next(body);
          }
        });
  }

  private Publisher<Void> answer(HttpServerResponse response, String path,
      Mono<List<UUID>> accepted) {
    return accepted.map(answers::accepted)
        .onErrorResume(error -> Mono.just(answers.failed(error, path)))
        .flatMap(answer -> Mono.from(send(response, answer)));
  }

  private Publisher<Void> send(HttpServerResponse response, ApiAnswers.Answer answer) {
    if (inFlight.draining()) {
      response.keepAlive(false);
    }
    response.status(answer.status().value())
        .header(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
    if (answer.retryAfterSeconds() != null) {
      response.header(HttpHeaderNames.RETRY_AFTER, answer.retryAfterSeconds());
    }
    if (answer.status() == HttpStatus.REQUEST_TIMEOUT) {
      // The rest of the body never came, so the connection cannot carry another request.
      response.keepAlive(false);
    }
    return response.sendByteArray(Mono.just(answer.body()));
  }

  private InvalidEventException bodyTooLarge() {
    return InvalidEventException.tooLarge("body", "batch-too-large",
        "A request body may have at most " + maxBodyBytes + " bytes.");
  }

  private InvalidEventException bodyTimedOut() {
    return InvalidEventException.timedOut("body", "body-timeout",
        "The request body was not received in full within " + bodyTimeout.toMillis() + " ms.");
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    try {
      return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }
}
