package io.github.selectcolor.bench.faults;

import io.github.selectcolor.bench.kafka.EventIdCounts;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The copies of each eventId in the topic itself, read from its start to the end offsets of the
 * moment the read began. Copies here are resends the producer's idempotence cannot remove (a
 * client that got no answer, a collector restart); the stores must still hold each event once.
 *
 * @param records    records in the topic
 * @param distinct   distinct eventIds among them
 * @param duplicated eventIds in more than one record
 * @param extraCopies records beyond the first of each eventId, summed
 */
record TopicCopies(long records, int distinct, int duplicated, long extraCopies) {

  static TopicCopies read(String bootstrapServers, String topic)
      throws IOException, TimeoutException {
    Map<String, Integer> copies = EventIdCounts.read(bootstrapServers, topic);
    long records = copies.values().stream().mapToLong(Integer::longValue).sum();
    int duplicated = (int) copies.values().stream().filter(count -> count > 1).count();
    return new TopicCopies(records, copies.size(), duplicated, records - copies.size());
  }
}
