package io.github.selectcolor.bench.faults;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What the tracker clients saw, summed over every page. Thread-safe. */
final class ClientCounters {

  final AtomicLong tracked = new AtomicLong();
  final AtomicLong requests = new AtomicLong();
  final AtomicLong answered202 = new AtomicLong();
  final AtomicLong answered503 = new AtomicLong();
  final AtomicLong answered429 = new AtomicLong();
  final AtomicLong answeredOther = new AtomicLong();
  final AtomicLong connectionErrors = new AtomicLong();
  final AtomicLong timeouts = new AtomicLong();
  final AtomicLong retries = new AtomicLong();
  final AtomicLong refusedEvents = new AtomicLong();
  final AtomicLong droppedEvents = new AtomicLong();

  /** The counts by name, in a stable order, for the report. */
  Map<String, Long> snapshot() {
    Map<String, Long> all = new LinkedHashMap<>();
    all.put("eventsTracked", tracked.get());
    all.put("requests", requests.get());
    all.put("answered202", answered202.get());
    all.put("answered503", answered503.get());
    all.put("answered429", answered429.get());
    all.put("answeredOther", answeredOther.get());
    all.put("connectionErrors", connectionErrors.get());
    all.put("timeouts", timeouts.get());
    all.put("retries", retries.get());
    all.put("eventsRefused4xx", refusedEvents.get());
    all.put("eventsDroppedQueueFull", droppedEvents.get());
    return all;
  }
}
