package io.github.selectcolor.collector.ingest;

import io.github.selectcolor.collector.CollectorProperties;
import io.github.selectcolor.collector.delivery.DeliveryFailedException;
import io.github.selectcolor.collector.delivery.DeliveryUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Gives every refused request one JSON problem body (RFC 9457) and counts it: the collector's own
 * refusals carry the {@code field} and {@code reason}, Spring's (415, 405, missing parameters) its
 * standard ones.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

  private final MeterRegistry meterRegistry;
  private final String retryAfterSeconds;

  ProblemAdvice(MeterRegistry meterRegistry, CollectorProperties properties) {
    this.meterRegistry = meterRegistry;
    this.retryAfterSeconds = String.valueOf(
        Math.max(1, (properties.retryAfter().toMillis() + 999) / 1000));
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> invalidEvent(InvalidEventException e) {
    countRejected(e.reason());
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    problem.setTitle("Invalid event");
    problem.setProperty("field", e.field());
    problem.setProperty("reason", e.reason());
    return ResponseEntity.status(e.status()).body(problem);
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> deliveryUnavailable(DeliveryUnavailableException e) {
    log.debug("Answering 503 because Kafka did not take the events: {}", e.getMessage());
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
        e.getMessage());
    problem.setTitle("Kafka unavailable");
    problem.setProperty("reason", e.reason());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
        .body(problem);
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> deliveryFailed(DeliveryFailedException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
        e.getMessage());
    problem.setTitle("Kafka refused the events");
    return ResponseEntity.internalServerError().body(problem);
  }

  @Override
  protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, Object body,
      HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
    if (status.is4xxClientError()) {
      countRejected("http-" + status.value());
    }
    return super.handleExceptionInternal(ex, body, headers, status, exchange);
  }

  private void countRejected(String reason) {
    Counter.builder("collector.events.rejected")
        .description("Requests refused as invalid, by reason.")
        .tag("reason", reason)
        .register(meterRegistry)
        .increment();
  }
}
