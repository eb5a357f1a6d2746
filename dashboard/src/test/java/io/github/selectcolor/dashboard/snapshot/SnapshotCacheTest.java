package io.github.selectcolor.dashboard.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class SnapshotCacheTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
  private final AtomicInteger refreshes = new AtomicInteger();
  private final SnapshotCache<Integer> cache = new SnapshotCache<>(
      () -> Mono.fromSupplier(refreshes::incrementAndGet), Duration.ofSeconds(1), clock);

  @Test
  void answersEveryCallerWithinMaxAgeFromOneRefresh() {
    assertThat(cache.get().block()).isEqualTo(1);
    clock.advance(Duration.ofMillis(999));

    assertThat(cache.get().block()).isEqualTo(1);
    assertThat(cache.get().block()).isEqualTo(1);
    assertThat(refreshes).hasValue(1);
  }

  @Test
  void refreshesOnceTheSnapshotIsMaxAgeOld() {
    cache.get().block();
    clock.advance(Duration.ofSeconds(1));

    assertThat(cache.get().block()).isEqualTo(2);
    assertThat(refreshes).hasValue(2);
  }

  @Test
  void sharesARefreshThatIsStillRunningHoweverLongItTakes() {
    Sinks.One<Integer> slow = Sinks.one();
    AtomicInteger started = new AtomicInteger();
    SnapshotCache<Integer> slowCache = new SnapshotCache<>(
        () -> slow.asMono().doOnSubscribe(subscription -> started.incrementAndGet()),
        Duration.ofSeconds(1), clock);

    Mono<Integer> first = slowCache.get();
    first.subscribe();
    clock.advance(Duration.ofSeconds(10));
    Mono<Integer> second = slowCache.get();
    slow.tryEmitValue(7);

    assertThat(second.block()).isEqualTo(7);
    assertThat(started).hasValue(1);
  }

  /** A clock that moves only when told. */
  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
