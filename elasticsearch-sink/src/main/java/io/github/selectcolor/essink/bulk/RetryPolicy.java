package io.github.selectcolor.essink.bulk;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * Exponential back-off with jitter inside a time budget: the wait doubles from the initial one up
 * to the maximum, each wait drawn from its upper half so that tasks retrying together spread out;
 * no retry starts after the budget since the first failure has passed.
 */
public final class RetryPolicy {

  private final long initialMillis;
  private final long maxMillis;
  private final long budgetMillis;
  private final LongUnaryOperator jitter;

  public RetryPolicy(Duration initial, Duration max, Duration budget) {
    this(initial, max, budget, bound -> ThreadLocalRandom.current().nextLong(bound));
  }

  /**
   * @param jitter returns a value in [0, bound); tests pass a fixed one
   */
  RetryPolicy(Duration initial, Duration max, Duration budget, LongUnaryOperator jitter) {
    this.initialMillis = initial.toMillis();
    this.maxMillis = Math.max(max.toMillis(), initialMillis);
    this.budgetMillis = budget.toMillis();
    this.jitter = jitter;
  }

  /**
   * The wait before retry number {@code retries} (1 for the first), or empty when it would start
   * past the budget.
   *
   * @param sinceFirstFailure how long ago the first attempt failed
   */
  public Optional<Duration> nextWait(int retries, Duration sinceFirstFailure) {
    long exponential = initialMillis << Math.min(retries - 1, 30);
    long ceiling = exponential <= 0 || exponential > maxMillis ? maxMillis : exponential;
    long wait = ceiling / 2 + jitter.applyAsLong(ceiling / 2 + 1);
    if (sinceFirstFailure.toMillis() + wait > budgetMillis) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis(wait));
  }

  public Duration budget() {
    return Duration.ofMillis(budgetMillis);
  }
}
