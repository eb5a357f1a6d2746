package io.github.selectcolor.bench.latency;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** When each event was first seen at one stage of the pipeline, in {@link System#nanoTime()}. */
final class Arrivals {

  private final Map<String, Long> seen = new ConcurrentHashMap<>();

  void record(String eventId, long nanoTime) {
    seen.putIfAbsent(eventId, nanoTime);
  }

  boolean contains(String eventId) {
    return seen.containsKey(eventId);
  }

  /** How many of the given events were seen here. */
  long countOf(Map<String, Long> events) {
    return events.keySet().stream().filter(seen::containsKey).count();
  }

  /** Latencies in milliseconds from each sent event's send time, for the events seen here. */
  long[] latenciesMillis(Map<String, Long> sentAt) {
    return sentAt.entrySet().stream()
        .filter(sent -> seen.containsKey(sent.getKey()))
        .mapToLong(sent -> (seen.get(sent.getKey()) - sent.getValue()) / 1_000_000)
        .sorted()
        .toArray();
  }

  /** The value at the given quantile (0.5, 0.99, 1.0) of sorted latencies. */
  static long quantile(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return -1;
    }
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
