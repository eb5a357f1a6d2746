package io.github.selectcolor.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** Checks a condition on a schedule until it holds, for timing a benchmark pass from outside. */
public final class Poll {

  private Poll() {
  }

  /**
   * Returns {@link System#nanoTime()} at the first check that found the condition true.
   *
   * @throws IllegalStateException when it does not hold within the deadline, or a check fails
   */
  public static long until(BooleanSupplier condition, Duration interval, Duration deadline,
      String what) throws InterruptedException {
    ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(
        runnable -> new Thread(runnable, "bench-poll"));
    CompletableFuture<Long> held = new CompletableFuture<>();
    try {
      checks.scheduleWithFixedDelay(() -> {
        try {
          if (condition.getAsBoolean()) {
            held.complete(System.nanoTime());
          }
        } catch (RuntimeException e) {
          held.completeExceptionally(e);
        }
      }, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
      return held.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Checking whether " + what + " failed.", e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("Not " + what + " within " + deadline + ".", e);
    } finally {
      checks.shutdownNow();
    }
  }
}
