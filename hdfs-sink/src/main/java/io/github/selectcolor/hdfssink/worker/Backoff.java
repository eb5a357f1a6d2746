package io.github.selectcolor.hdfssink.worker;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with jitter: attempt n waits between half and all of
 * {@code min(max, initial * 2^n)}, so that workers failing together do not retry together.
 *
 * @param initial the base wait of the first retry
 * @param max     the cap
 */
record Backoff(Duration initial, Duration max) {

  Duration delay(int attempt) {
    long cap = max.toMillis();
    long base = initial.toMillis() << Math.min(attempt, 20);
    long bounded = base <= 0 || base > cap ? cap : base;
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(bounded / 2, bounded + 1));
  }
}
