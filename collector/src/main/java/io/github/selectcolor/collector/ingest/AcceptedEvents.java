package io.github.selectcolor.collector.ingest;

import java.util.List;
import java.util.UUID;

/**
 * The answer to an accepted request: Kafka acknowledged every event.
 *
 * @param accepted the ids of the accepted events, in request order
 */
record AcceptedEvents(List<UUID> accepted) {
}
