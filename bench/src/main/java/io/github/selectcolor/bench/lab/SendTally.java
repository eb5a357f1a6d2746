package io.github.selectcolor.bench.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one sender saw in one cell: every eventId it sent, and each send's end, counted as Jepsen's
 * checker counts them. Acknowledged is a 202 or a producer's success; refused is a 503 or a
 * producer's error, a definite answer that the event was not taken; no answer is a connection
 * error or timeout, after which the event may or may not be in Kafka. Thread-safe.
 */
final class SendTally {

  private final long startedNanos = System.nanoTime();
  private final Set<String> sent = ConcurrentHashMap.newKeySet();
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final Set<Long> refusedSeconds = ConcurrentHashMap.newKeySet();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger unanswered = new AtomicInteger();
  private final AtomicInteger pending = new AtomicInteger();
  private final List<Long> latenciesMicros = new ArrayList<>();

  /** Marks an event as sent; returns the time to pass to the end that follows. */
  long sending(String eventId) {
    sent.add(eventId);
    pending.incrementAndGet();
    return System.nanoTime();
  }

  void acknowledged(String eventId, long sentNanos) {
    acknowledged.add(eventId);
    synchronized (latenciesMicros) {
      latenciesMicros.add((System.nanoTime() - sentNanos) / 1_000);
    }
    pending.decrementAndGet();
  }

  void refused() {
    refused.incrementAndGet();
    refusedSeconds.add((System.nanoTime() - startedNanos) / 1_000_000_000L);
    pending.decrementAndGet();
  }

  void unanswered() {
    unanswered.incrementAndGet();
    pending.decrementAndGet();
  }

  int pending() {
    return pending.get();
  }

  Set<String> sentIds() {
    return Set.copyOf(sent);
  }

  Set<String> acknowledgedIds() {
    return Set.copyOf(acknowledged);
  }

  int refusedCount() {
    return refused.get();
  }

  int unansweredCount() {
    return unanswered.get();
  }

  /** The seconds of the cell in which at least one send was refused. */
  int secondsRefusing() {
    return refusedSeconds.size();
  }

  /** Acknowledgement latencies in microseconds, sorted. */
  long[] sortedLatencies() {
    synchronized (latenciesMicros) {
      return latenciesMicros.stream().mapToLong(Long::longValue).sorted().toArray();
    }
  }
}
