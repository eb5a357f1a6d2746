package io.github.selectcolor.collector.delivery;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes handed to the producer and not yet acknowledged or failed. The producer's buffer holds
 * exactly these, so refusing work beyond the budget answers "full" at once instead of letting
 * {@code send()} block on a full buffer. Thread-safe.
 */
final class InFlightBudget {

  private final long limitBytes;
  private final AtomicLong inFlightBytes = new AtomicLong();

  InFlightBudget(long limitBytes) {
    this.limitBytes = limitBytes;
  }

  /** Reserves room for {@code bytes}, or returns false and reserves nothing when it does not fit. */
  boolean tryAcquire(long bytes) {
    long current;
    do {
      current = inFlightBytes.get();
      if (current + bytes > limitBytes) {
        return false;
      }
    } while (!inFlightBytes.compareAndSet(current, current + bytes));
    return true;
  }

  void release(long bytes) {
    inFlightBytes.addAndGet(-bytes);
  }

  long inFlightBytes() {
    return inFlightBytes.get();
  }
}
