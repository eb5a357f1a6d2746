package io.github.selectcolor.collector.ingest;

import io.github.selectcolor.collector.delivery.EncodedEvent;
import io.github.selectcolor.event.EventJson;
import io.github.selectcolor.event.SelectColorEvent;
import io.github.selectcolor.event.UserAgentDetails;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Completes a valid incoming event with what the collector knows and encodes it. Thread-safe. */
final class EventAssembler {

  private final EventJson json = new EventJson();
  private final long maxEventBytes;

  EventAssembler(long maxEventBytes) {
    this.maxEventBytes = maxEventBytes;
  }

  EncodedEvent assemble(String path, IncomingEvent incoming, String userAgent,
      UserAgentDetails agent, OffsetDateTime receivedAt) {
    UUID eventId = incoming.eventId() != null ? incoming.eventId() : UUID.randomUUID();
    OffsetDateTime timestamp = incoming.timestamp() != null ? incoming.timestamp() : receivedAt;
    OffsetDateTime sentAt = incoming.sentAt() != null ? incoming.sentAt() : timestamp;
    SelectColorEvent event = SelectColorEvent.of(eventId, timestamp, sentAt, receivedAt,
        incoming.userName(), incoming.colorName(), userAgent == null ? "" : userAgent, agent);
    byte[] encoded = json.write(event);
    if (encoded.length > maxEventBytes) {
      throw InvalidEventException.tooLarge(path.isEmpty() ? "body" : path, "event-too-large",
          "With its user agent the event has " + encoded.length + " bytes; at most "
              + maxEventBytes + " are allowed.");
    }
    return new EncodedEvent(event, encoded);
  }
}
