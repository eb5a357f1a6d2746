package io.github.selectcolor.bench.fuzz;

import io.github.selectcolor.bench.kafka.EventIdCounts;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * Reads the whole topic after the run and compares it with the controls: every control answered
 * 202 must be there exactly once, a control answered otherwise at most once, and nothing else.
 *
 * @param records   records in the topic
 * @param missing   controls answered 202 but absent
 * @param duplicated eventIds found more than once
 * @param strangers records whose eventId belongs to no control: a refused request that landed
 */
record TopicCheck(long records, long missing, long duplicated, long strangers) {

  boolean passed() {
    return missing == 0 && duplicated == 0 && strangers == 0;
  }

  static TopicCheck read(String bootstrapServers, String topic, Set<UUID> accepted,
      Set<UUID> unsure) throws IOException, TimeoutException {
    Map<UUID, Integer> seen = new HashMap<>();
    EventIdCounts.read(bootstrapServers, topic)
        .forEach((eventId, count) -> seen.merge(UUID.fromString(eventId), count, Integer::sum));
    long records = seen.values().stream().mapToLong(Integer::longValue).sum();
    long missing = accepted.stream().filter(id -> !seen.containsKey(id)).count();
    long duplicated = seen.values().stream().filter(count -> count > 1).count();
    long strangers = seen.keySet().stream()
        .filter(id -> !accepted.contains(id) && !unsure.contains(id)).count();
    return new TopicCheck(records, missing, duplicated, strangers);
  }
}
