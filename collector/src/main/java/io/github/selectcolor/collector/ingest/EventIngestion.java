package io.github.selectcolor.collector.ingest;

import io.github.selectcolor.collector.CollectorProperties;
import io.github.selectcolor.collector.delivery.EncodedEvent;
import io.github.selectcolor.collector.delivery.EventPublisher;
import io.github.selectcolor.collector.useragent.UserAgentParser;
import io.github.selectcolor.event.UserAgentDetails;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Turns a request into events and lands them in Kafka: validate all, then complete and publish all,
 * so that an invalid event never reaches Kafka and a batch is accepted or refused as a whole.
 * Thread-safe.
 */
@Component
class EventIngestion {

  private final EventBatchReader reader;
  private final EventValidator validator;
  private final EventAssembler assembler;
  private final UserAgentParser userAgentParser;
  private final EventPublisher publisher;
  private final Clock clock;
  private final Counter accepted;

  EventIngestion(CollectorProperties properties, UserAgentParser userAgentParser,
      EventPublisher publisher, Clock clock, MeterRegistry meterRegistry) {
    this.reader = new EventBatchReader(properties.limits());
    this.validator = new EventValidator(properties, clock);
    this.assembler = new EventAssembler(properties.limits().maxEventSize().toBytes());
    this.userAgentParser = userAgentParser;
    this.publisher = publisher;
    this.clock = clock;
    this.accepted = Counter.builder("collector.events.accepted")
        .description("Events Kafka acknowledged.")
        .register(meterRegistry);
  }

  /** Lands the events of a POST body; completes with their ids once Kafka acknowledged all. */
  Mono<List<UUID>> ingest(byte[] body, String userAgent) {
    List<EventBatchReader.RawEvent> raw = reader.read(body);
    List<IncomingEvent> incoming = new ArrayList<>(raw.size());
    for (EventBatchReader.RawEvent event : raw) {
      incoming.add(validator.validate(event));
    }
    List<String> paths = raw.stream().map(EventBatchReader.RawEvent::path).toList();
    return publish(paths, incoming, userAgent);
  }

  /** Lands one event of the book's GET route, timed by the collector's clock alone. */
  Mono<List<UUID>> ingestSelection(String userName, String colorName, String userAgent) {
    IncomingEvent event = new IncomingEvent(null, null, null,
        validator.userName("user", userName), validator.colorName("color", colorName));
    return publish(List.of(""), List.of(event), userAgent);
  }

  private Mono<List<UUID>> publish(List<String> paths, List<IncomingEvent> incoming,
      String userAgent) {
    OffsetDateTime receivedAt = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS);
    return userAgentParser.parse(userAgent).flatMap(agent -> {
      List<UUID> ids = new ArrayList<>(incoming.size());
      List<EncodedEvent> encoded = assemble(paths, incoming, userAgent, agent, receivedAt, ids);
      return publisher.publish(encoded)
          .then(Mono.fromSupplier(() -> {
            accepted.increment(ids.size());
            return ids;
          }));
    });
  }

  private List<EncodedEvent> assemble(List<String> paths, List<IncomingEvent> incoming,
      String userAgent, UserAgentDetails agent, OffsetDateTime receivedAt, List<UUID> ids) {
    List<EncodedEvent> encoded = new ArrayList<>(incoming.size());
    for (int i = 0; i < incoming.size(); i++) {
      EncodedEvent event = assembler.assemble(paths.get(i), incoming.get(i), userAgent, agent,
          receivedAt);
      encoded.add(event);
      ids.add(event.event().eventId());
    }
    return encoded;
  }
}
