package io.github.selectcolor.bench.lab;

import io.github.selectcolor.bench.cluster.Poll;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A steady load: every sender sends its own events at the same fixed rate on a thread of its own,
 * each with a fresh eventId from the seed, whether or not earlier sends were answered (an open
 * loop, as independent browsers are). Sends count in the tallies of the cell begun last.
 */
final class LoadDriver implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LoadDriver.class);

  private final List<Lane> lanes = new ArrayList<>();
  private final long periodNanos;

  LoadDriver(List<EventSender> senders, int rate, long seed) {
    this.periodNanos = 1_000_000_000L / rate;
    for (int i = 0; i < senders.size(); i++) {
      lanes.add(new Lane(senders.get(i), new Random(seed * 31 + i)));
    }
  }

  void start() {
    lanes.forEach(lane -> lane.start(periodNanos));
  }

  /** Starts counting in fresh tallies, one per sender, and returns them. */
  Map<EventSender, SendTally> beginCell() {
    Map<EventSender, SendTally> tallies = new LinkedHashMap<>();
    for (Lane lane : lanes) {
      SendTally tally = new SendTally();
      tallies.put(lane.sender, tally);
      lane.current = tally;
    }
    return tallies;
  }

  /** Stops sending and waits until every send of the cell has ended. */
  void endCell(Map<EventSender, SendTally> tallies, Duration timeout) throws TimeoutException {
    lanes.forEach(lane -> lane.current = null);
    Poll.until("every send of the cell ending", timeout, Duration.ofMillis(100),
        () -> tallies.values().stream().allMatch(tally -> tally.pending() == 0));
  }

  @Override
  public void close() {
    lanes.forEach(Lane::stop);
  }

  /** One sender's thread and its own random source, used only on that thread. */
  private static final class Lane {

    private final EventSender sender;
    private final Random random;
    private final ScheduledExecutorService ticker;
    private volatile SendTally current;

    Lane(EventSender sender, Random random) {
      this.sender = sender;
      this.random = random;
      this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable,
          "lab-load-" + sender.kind() + "-" + sender.policy().optionName()));
    }

    void start(long periodNanos) {
      ticker.scheduleAtFixedRate(this::tick, 0, periodNanos, TimeUnit.NANOSECONDS);
    }

    private void tick() {
      SendTally tally = current;
      if (tally == null) {
        return;
      }
      try {
        String eventId = nextEventId().toString();
        sender.send(eventId, json(eventId), tally);
      } catch (RuntimeException e) {
        // A thrown tick would end the schedule for good; the sender counts its own failures.
        log.warn("A send of the {} sender for {} failed before it started.", sender.kind(),
            sender.policy().optionName(), e);
      }
    }

    private UUID nextEventId() {
      long most = (random.nextLong() & ~0xF000L) | 0x4000L;
      long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
      return new UUID(most, least);
    }

    private static byte[] json(String eventId) {
      String now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS).toString();
      return ("{\"eventId\":\"" + eventId + "\",\"userName\":\"Lab Sender\",\"colorName\":\"blue\","
          + "\"timestamp\":\"" + now + "\",\"sentAt\":\"" + now + "\"}")
          .getBytes(StandardCharsets.UTF_8);
    }

    void stop() {
      ticker.shutdownNow();
      sender.close();
    }
  }
}
