package io.github.selectcolor.collector.ingest;

import io.github.selectcolor.collector.CollectorProperties;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The ingestion API. {@code POST /api/events} takes one event or a batch and answers 202 only once
 * Kafka acknowledged every event. {@code GET /api/select} is the book's route, kept so that its
 * pages keep working; new clients should POST.
 */
@RestController
class EventController {

  private final EventIngestion ingestion;
  private final long maxBodyBytes;

  EventController(EventIngestion ingestion, CollectorProperties properties) {
    this.ingestion = ingestion;
    this.maxBodyBytes = properties.limits().maxBatchSize().toBytes();
  }

  @PostMapping(path = "/api/events", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<AcceptedEvents>> postEvents(ServerHttpRequest request) {
    if (request.getHeaders().getContentLength() > maxBodyBytes) {
      return Mono.error(bodyTooLarge());
    }
    String userAgent = request.getHeaders().getFirst(HttpHeaders.USER_AGENT);
    return DataBufferUtils.join(request.getBody(), (int) maxBodyBytes)
        .onErrorMap(DataBufferLimitException.class, e -> bodyTooLarge())
        .map(EventController::bytes)
        .defaultIfEmpty(new byte[0])
        .flatMap(body -> ingestion.ingest(body, userAgent))
        .map(ids -> ResponseEntity.accepted().body(new AcceptedEvents(ids)));
  }

  @GetMapping(path = "/api/select", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<AcceptedEvents>> select(@RequestParam String color,
      @RequestParam String user,
      @RequestHeader(name = HttpHeaders.USER_AGENT, required = false) String userAgent) {
    return Mono.defer(() -> ingestion.ingestSelection(user, color, userAgent))
        .map(ids -> ResponseEntity.accepted().body(new AcceptedEvents(ids)));
  }

  private InvalidEventException bodyTooLarge() {
    return InvalidEventException.tooLarge("body", "batch-too-large",
        "A request body may have at most " + maxBodyBytes + " bytes.");
  }

  private static byte[] bytes(DataBuffer buffer) {
    try {
      byte[] bytes = new byte[buffer.readableByteCount()];
      buffer.read(bytes);
      return bytes;
    } finally {
      DataBufferUtils.release(buffer);
    }
  }
}
