package io.github.selectcolor.bench.cluster;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** Waits for a condition that no event announces, checking it at an interval until a deadline. */
public final class Poll {

  private Poll() {
  }

  /** Checks the condition until it holds; the description names it in the timeout's message. */
  public static void until(String description, Duration timeout, Duration interval,
      BooleanSupplier condition) throws TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new TimeoutException(description + " did not happen within " + timeout.toSeconds()
            + " s.");
      }
      pause(interval);
    }
  }

  /** Waits the given time, restoring the interrupt flag and failing when interrupted. */
  public static void pause(Duration time) {
    try {
      TimeUnit.NANOSECONDS.sleep(time.toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting.", e);
    }
  }
}
