package io.github.selectcolor.bench.faults;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** When the collector's 202 named each event, by eventId (epoch milliseconds). Thread-safe. */
final class Receipts {

  private final Map<String, Long> acceptedAt = new ConcurrentHashMap<>();

  void accepted(String eventId, long epochMillis) {
    acceptedAt.putIfAbsent(eventId, epochMillis);
  }

  Map<String, Long> acceptedAt() {
    return Map.copyOf(acceptedAt);
  }

  int count() {
    return acceptedAt.size();
  }
}
