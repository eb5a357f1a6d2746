package io.github.selectcolor.bench.cluster;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

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

  /** A check that may fail, such as one that asks a server. */
  @FunctionalInterface
  public interface Check {
    boolean holds() throws Exception;
  }

  /**
   * Checks the condition until it holds. A failure the predicate calls retriable counts as "not
   * yet", and the last one becomes the cause of the timeout; any other failure ends the wait.
   */
  public static void until(String description, Duration timeout, Duration interval,
      Predicate<Exception> retriable, Check check) throws TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (true) {
      try {
        if (check.holds()) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for " + description + ".", e);
      } catch (Exception e) {
        if (!retriable.test(e)) {
          throw e instanceof RuntimeException runtime ? runtime
              : new IllegalStateException("Checking " + description + " failed.", e);
        }
        last = e;
      }
      if (System.nanoTime() - deadline > 0) {
        TimeoutException timedOut = new TimeoutException(description + " did not happen within "
            + timeout.toSeconds() + " s" + (last == null ? "." : "; the last failure is the cause."));
        timedOut.initCause(last);
        throw timedOut;
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
