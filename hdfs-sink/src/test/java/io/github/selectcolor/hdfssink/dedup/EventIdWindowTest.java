package io.github.selectcolor.hdfssink.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdWindowTest {

  private static final long NOW = 1_795_000_000_000L;
  private static final long HOUR = Duration.ofHours(1).toMillis();

  @Test
  void holdsTheIdsAddedAndNoOthers() {
    EventIdWindow window = new EventIdWindow(10, Duration.ofHours(24));
    UUID held = UUID.randomUUID();

    add(window, held, NOW);

    assertThat(contains(window, held)).isTrue();
    assertThat(contains(window, UUID.randomUUID())).isFalse();
    assertThat(window.contains(held.getMostSignificantBits(), ~held.getLeastSignificantBits()))
        .isFalse();
  }

  @Test
  void evictsTheOldestIdOnceTheCountIsReached() {
    EventIdWindow window = new EventIdWindow(3, Duration.ofHours(24));
    List<UUID> ids = randomIds(4);

    ids.forEach(id -> add(window, id, NOW));

    assertThat(contains(window, ids.get(0))).isFalse();
    assertThat(ids.subList(1, 4)).allMatch(id -> contains(window, id));
    assertThat(window.size()).isEqualTo(3);
  }

  @Test
  void evictsIdsOlderThanTheWindowBeforeTheNewestTime() {
    EventIdWindow window = new EventIdWindow(10, Duration.ofHours(1));
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
    EventIdWindow window = new EventIdWindow(5_000, Duration.ofHours(24));
    List<UUID> ids = randomIds(20_000);

    for (int at = 0; at < ids.size(); at++) {
      add(window, ids.get(at), NOW + at);
    }

    assertThat(ids.subList(0, 15_000)).noneMatch(id -> contains(window, id));
    assertThat(ids.subList(15_000, 20_000)).allMatch(id -> contains(window, id));
  }

  @Test
  void keepsExactlyTheNewestOfSequentialIdsAsANonRandomProducerMightSend() {
    EventIdWindow window = new EventIdWindow(2_000, Duration.ofHours(24));
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
    EventIdWindow window = new EventIdWindow(3, Duration.ofHours(24));
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
    EventIdWindow window = new EventIdWindow(10, Duration.ofHours(1));
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
    EventIdWindow window = new EventIdWindow(0, Duration.ofHours(24));
    UUID id = UUID.randomUUID();

    add(window, id, NOW);

    assertThat(contains(window, id)).isFalse();
    assertThat(window.addOlder(1, 2, NOW)).isFalse();
  }

  @Test
  void refusesBoundsItCannotHold() {
    assertThatThrownBy(() -> new EventIdWindow(EventIdWindow.MAX_IDS + 1, Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EventIdWindow(10, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
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
}
