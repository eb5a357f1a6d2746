package io.github.selectcolor.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.selectcolor.event.EventJson;
import io.github.selectcolor.event.EventTimes;
import io.github.selectcolor.event.SelectColorEvent;
import io.github.selectcolor.event.UserAgentDetails;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * An event as the Elasticsearch connector indexes it: the collector's JSON plus {@code indexedAt}.
 *
 * @param eventId    the document id too
 * @param receivedAt the collector's time
 * @param latencyMs  how long after {@code receivedAt} it was indexed
 */
record IndexedEvent(UUID eventId, String userName, String colorName, String browser, String os,
    Instant receivedAt, long latencyMs) {

  private static final EventJson EVENTS = new EventJson();
  private static final ObjectMapper JSON = new ObjectMapper();

  static IndexedEvent of(String userName, String colorName, String browser, String os,
      Instant receivedAt, long latencyMs) {
    return new IndexedEvent(UUID.randomUUID(), userName, colorName, browser, os, receivedAt,
        latencyMs);
  }

  String document() {
    OffsetDateTime received = receivedAt.atOffset(ZoneOffset.UTC);
    OffsetDateTime created = received.minusNanos(80_000_000).withOffsetSameInstant(ZoneOffset.ofHours(9));
    SelectColorEvent event = SelectColorEvent.of(eventId, created, created.plusNanos(20_000_000),
        received, userName, colorName, "Mozilla/5.0 (test) " + browser,
        new UserAgentDetails(browser, "131", os, "Desktop"));
    try {
      ObjectNode document = (ObjectNode) JSON.readTree(EVENTS.write(event));
      document.put("indexedAt", EventTimes.format(received.plusNanos(latencyMs * 1_000_000)));
      return JSON.writeValueAsString(document);
    } catch (IOException e) {
      throw new UncheckedIOException("A test event could not be written as JSON.", e);
    }
  }
}
