package io.github.selectcolor.collector.ingest;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A valid event as the browser sent it; the collector adds the rest.
 *
 * @param eventId   the browser's id, or null when it sent none
 * @param timestamp when the browser created it, or null when it did not say
 * @param sentAt    when the browser sent it, or null when it did not say
 * @param userName  trimmed
 * @param colorName one of the palette
 */
record IncomingEvent(UUID eventId, OffsetDateTime timestamp, OffsetDateTime sentAt, String userName,
    String colorName) {
}
