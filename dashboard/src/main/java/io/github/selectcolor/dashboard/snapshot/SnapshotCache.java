package io.github.selectcolor.dashboard.snapshot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Shares one refresh among every caller until it is {@code maxAge} old, counted from when it
 * finished, so that any number of open pages cost one refresh per {@code maxAge}. A refresh still
 * running is shared however long it takes, so slow data sources are never asked twice at once.
 * Thread-safe.
 *
 * @param <T> what a refresh yields
 */
final class SnapshotCache<T> {

  private final Supplier<Mono<T>> refresh;
  private final Duration maxAge;
  private final Clock clock;
  private Entry<T> current;

  SnapshotCache(Supplier<Mono<T>> refresh, Duration maxAge, Clock clock) {
    this.refresh = refresh;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  synchronized Mono<T> get() {
    if (current == null || current.isOlderThan(maxAge, clock.instant())) {
      current = new Entry<>(refresh.get(), clock);
    }
    return current.value;
  }

  private static final class Entry<T> {
    private final Mono<T> value;
    /** Null while the refresh runs. */
    private volatile Instant finishedAt;

    Entry(Mono<T> refresh, Clock clock) {
      this.value = refresh.doFinally(signal -> finishedAt = clock.instant()).cache();
    }

    boolean isOlderThan(Duration maxAge, Instant now) {
      Instant finished = finishedAt;
      return finished != null && !finished.plus(maxAge).isAfter(now);
    }
  }
}
