package io.github.selectcolor.hdfssink.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdWindowTest {

  private static final long NOW = 1_795_000_000_000L;
  private static final long HOUR = Duration.ofHours(1).toMillis();
  private static final long DAY = Duration.ofDays(1).toMillis();
  /** The latest time a record can carry: 9999-12-31T23:59:59.999Z. */
  private static final long LAST_STORABLE = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

  /** The sink's clock, later than every time the tests add unless they say otherwise. */
  private final SinkClock clock = new SinkClock(NOW + 2 * HOUR);

  @Test
  void holdsTheIdsAddedAndNoOthers() {
    EventIdWindow window = new EventIdWindow(10, Duration.ofHours(24), clock);
    UUID held = UUID.randomUUID();

    add(window, held, NOW);

    assertThat(contains(window, held)).isTrue();
    assertThat(contains(window, UUID.randomUUID())).isFalse();
    assertThat(window.contains(held.getMostSignificantBits(), ~held.getLeastSignificantBits()))
        .isFalse();
  }

  @Test
  void evictsTheOldestIdOnceTheCountIsReached() {
    EventIdWindow window = new EventIdWindow(3, Duration.ofHours(24), clock);
    List<UUID> ids = randomIds(4);

    ids.forEach(id -> add(window, id, NOW));

    assertThat(contains(window, ids.get(0))).isFalse();
    assertThat(ids.subList(1, 4)).allMatch(id -> contains(window, id));
    assertThat(window.size()).isEqualTo(3);
  }

  @Test
  void evictsIdsOlderThanTheWindowBeforeTheNewestTime() {
    EventIdWindow window = new EventIdWindow(10, Duration.ofHours(1), clock);
    List<UUID> ids = randomIds(3);

    add(window, ids.get(0), NOW);
    add(window, ids.get(1), NOW + HOUR / 2);
    add(window, ids.get(2), NOW + HOUR + 1);

    assertThat(contains(window, ids.get(0))).isFalse();
    assertThat(contains(window, ids.get(1))).isTrue();
    assertThat(contains(window, ids.get(2))).isTrue();
  }

  @Test
  void keepsExactlyTheNewestIdsThroughGrowthAndManyEvictions() {
    EventIdWindow window = new EventIdWindow(5_000, Duration.ofHours(24), clock);
    List<UUID> ids = randomIds(20_000);

    for (int at = 0; at < ids.size(); at++) {
      add(window, ids.get(at), NOW + at);
    }

    assertThat(ids.subList(0, 15_000)).noneMatch(id -> contains(window, id));
    assertThat(ids.subList(15_000, 20_000)).allMatch(id -> contains(window, id));
  }

  @Test
  void keepsExactlyTheNewestOfSequentialIdsAsANonRandomProducerMightSend() {
    EventIdWindow window = new EventIdWindow(2_000, Duration.ofHours(24), clock);
    List<UUID> ids = new ArrayList<>();
    for (int at = 0; at < 6_000; at++) {
      ids.add(new UUID(at, 0));
      add(window, ids.get(at), NOW);
    }

    assertThat(ids.subList(0, 4_000)).noneMatch(id -> contains(window, id));
    assertThat(ids.subList(4_000, 6_000)).allMatch(id -> contains(window, id));
  }

  @Test
  void addsOlderIdsBehindTheHeldOnesUntilFullSoTheOldestGoFirst() {
    EventIdWindow window = new EventIdWindow(3, Duration.ofHours(24), clock);
    List<UUID> newestFirst = randomIds(4);

    List<Boolean> accepted = new ArrayList<>();
    for (UUID id : newestFirst) {
      accepted.add(window.addOlder(id.getMostSignificantBits(), id.getLeastSignificantBits(), NOW));
    }
    UUID next = UUID.randomUUID();
    add(window, next, NOW);

    assertThat(accepted).containsExactly(true, true, true, false);
    assertThat(contains(window, newestFirst.get(2))).as("the oldest held").isFalse();
    assertThat(List.of(newestFirst.get(0), newestFirst.get(1), next))
        .allMatch(id -> contains(window, id));
  }

  @Test
  void passesOverOlderIdsBeforeTheWindowAndOnesAlreadyHeld() {
    EventIdWindow window = new EventIdWindow(10, Duration.ofHours(1), clock);
    UUID newest = UUID.randomUUID();
    UUID tooOld = UUID.randomUUID();

    window.addOlder(newest.getMostSignificantBits(), newest.getLeastSignificantBits(), NOW);
    window.addOlder(newest.getMostSignificantBits(), newest.getLeastSignificantBits(), NOW);
    window.addOlder(tooOld.getMostSignificantBits(), tooOld.getLeastSignificantBits(),
        NOW - 2 * HOUR);

    assertThat(window.size()).isEqualTo(1);
    assertThat(contains(window, tooOld)).isFalse();
    assertThat(window.isBeforeWindow(NOW - 2 * HOUR)).isTrue();
    assertThat(window.isBeforeWindow(NOW - HOUR / 2)).isFalse();
  }

  @Test
  void holdsNothingWhenDeDuplicationIsOff() {
    EventIdWindow window = new EventIdWindow(0, Duration.ofHours(24), clock);
    UUID id = UUID.randomUUID();

    add(window, id, NOW);

    assertThat(contains(window, id)).isFalse();
    assertThat(window.addOlder(1, 2, NOW)).isFalse();
  }

  @Test
  void refusesBoundsItCannotHold() {
    assertThatThrownBy(
        () -> new EventIdWindow(EventIdWindow.MAX_IDS + 1, Duration.ofHours(1), clock))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EventIdWindow(10, Duration.ZERO, clock))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keepsItsIdsWhenARecordCarriesAFarFutureTime() {
    EventIdWindow window = new EventIdWindow(10, Duration.ofHours(24), clock);
    List<UUID> ids = randomIds(3);

    add(window, ids.get(0), clock.millis() - HOUR);
    add(window, ids.get(1), LAST_STORABLE);
    add(window, ids.get(2), clock.millis());

    assertThat(ids).allMatch(id -> contains(window, id));
    assertThat(window.newestMillis()).isEqualTo(clock.millis() + HOUR);
  }

  @Test
  void dropsAFarFutureIdOnceTheSinksClockHasPassedTheWindow() {
    EventIdWindow window = new EventIdWindow(10, Duration.ofHours(24), clock);
    List<UUID> ids = randomIds(2);

    add(window, ids.get(0), LAST_STORABLE);
    clock.advance(Duration.ofMillis(DAY + HOUR + 1));
    add(window, ids.get(1), clock.millis());

    assertThat(contains(window, ids.get(0))).isFalse();
    assertThat(contains(window, ids.get(1))).isTrue();
  }

  @Test
  void rebuildsPastAFarFutureIdToTheOlderOnesWithinTheWindow() {
    EventIdWindow window = new EventIdWindow(10, Duration.ofHours(24), clock);
    UUID farFuture = UUID.randomUUID();
    UUID older = UUID.randomUUID();

    window.addOlder(farFuture.getMostSignificantBits(), farFuture.getLeastSignificantBits(),
        LAST_STORABLE);
    window.addOlder(older.getMostSignificantBits(), older.getLeastSignificantBits(),
        clock.millis() - 20 * HOUR);

    assertThat(contains(window, farFuture)).isTrue();
    assertThat(contains(window, older)).isTrue();
    assertThat(window.isBeforeWindow(clock.millis() - 20 * HOUR)).isFalse();
  }

  @Test
  void measuresAWindowBeforeALaterTimeAsItMeasuresItsOwnEnd() {
    EventIdWindow window = new EventIdWindow(10, Duration.ofHours(24), clock);

    assertThat(window.isWindowBefore(NOW - DAY - 1, NOW)).isTrue();
    assertThat(window.isWindowBefore(NOW - DAY, NOW)).isFalse();
    assertThat(window.isWindowBefore(clock.millis() + HOUR - DAY - 1, LAST_STORABLE)).isTrue();
    assertThat(window.isWindowBefore(clock.millis() + HOUR - DAY, LAST_STORABLE)).isFalse();
    assertThat(window.isWindowBefore(Long.MIN_VALUE, Long.MIN_VALUE)).isFalse();
    assertThat(window.size()).isZero();
  }

  @Test
  void believesAtMostAQuarterOfAShortWindowAheadOfTheSinksClock() {
    EventIdWindow window = new EventIdWindow(10, Duration.ofMinutes(40), clock);
    List<UUID> ids = randomIds(2);

    add(window, ids.get(0), clock.millis() - Duration.ofMinutes(29).toMillis());
    add(window, ids.get(1), LAST_STORABLE);

    assertThat(ids).allMatch(id -> contains(window, id));
    assertThat(window.newestMillis()).isEqualTo(clock.millis() + Duration.ofMinutes(10).toMillis());
  }

  private static void add(EventIdWindow window, UUID id, long time) {
    window.add(id.getMostSignificantBits(), id.getLeastSignificantBits(), time);
  }

  private static boolean contains(EventIdWindow window, UUID id) {
    return window.contains(id.getMostSignificantBits(), id.getLeastSignificantBits());
  }

  private static List<UUID> randomIds(int count) {
    Random random = new Random(42);
    List<UUID> ids = new ArrayList<>();
    for (int at = 0; at < count; at++) {
      ids.add(new UUID(random.nextLong(), random.nextLong()));
    }
    return ids;
  }

  /** A clock the test moves. */
  private static final class SinkClock extends Clock {
    private long millis;

    SinkClock(long millis) {
      this.millis = millis;
    }

    void advance(Duration duration) {
      millis += duration.toMillis();
    }

    @Override
    public long millis() {
      return millis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
