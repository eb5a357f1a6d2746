package io.github.selectcolor.bench.producer;

import io.github.selectcolor.event.EventJson;
import io.github.selectcolor.event.SelectColorEvent;
import io.github.selectcolor.event.UserAgentDetails;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The record the collector writes for the benchmark's single event (bench/wrk/events.lua): the
 * same fields, the same Chrome User-Agent and its parsed parts, so that the producer ceiling sends
 * records of the same size.
 */
public final class SampleEvent {

  static final String USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
      + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

  private static final EventJson JSON = new EventJson();

  private SampleEvent() {
  }

  public static byte[] json() {
    return json(UUID.fromString("2f6c1d2e-8d3a-4b7e-9c0f-1a2b3c4d5e6f"));
  }

  /** The same record with another eventId, as each click of a browser has its own. */
  public static byte[] json(UUID eventId) {
    OffsetDateTime timestamp = OffsetDateTime.parse("2026-11-22T10:00:00.000+09:00");
    OffsetDateTime sentAt = OffsetDateTime.parse("2026-11-22T10:00:00.120+09:00");
    OffsetDateTime receivedAt = OffsetDateTime.parse("2026-11-22T01:00:00.135Z");
    SelectColorEvent event = SelectColorEvent.of(eventId, timestamp, sentAt, receivedAt,
        "Hanako Yamada", "blue", USER_AGENT,
        new UserAgentDetails("Chrome", "131", "Windows NT", "Desktop"));
    return JSON.write(event);
  }
}
