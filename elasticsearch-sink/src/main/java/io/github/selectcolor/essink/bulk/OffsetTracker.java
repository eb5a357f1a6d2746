package io.github.selectcolor.essink.bulk;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of each partition taken from Kafka and not yet safely handled, in offset order. A
 * record is done when Elasticsearch acknowledged its document or it was reported, ignored or
 * skipped; only the offsets before the first record not done may be committed, so a crash replays
 * everything not acknowledged (and the ids make the replay harmless). Thread-safe: records are added
 * by the task's thread and marked done by the bulk writer's.
 */
public final class OffsetTracker {

  private final Map<TopicPartition, PartitionOffsets> partitions = new HashMap<>();
  private int pending;

  /** Notes a record handed to the task; returns its handle for {@link #done}. */
  public synchronized Tracked track(TopicPartition partition, long offset) {
    Tracked tracked = new Tracked(partition, offset);
    partitions.computeIfAbsent(partition, key -> new PartitionOffsets()).add(tracked);
    pending++;
    return tracked;
  }

  public synchronized void done(Tracked tracked) {
    if (!tracked.done) {
      tracked.done = true;
      pending--;
    }
  }

  /** Records tracked and not done, over all partitions. */
  public synchronized int pending() {
    return pending;
  }

  /**
   * The offsets to commit: for each partition, the one after the last record of an unbroken run of
   * done records from the start. Partitions with nothing new are left out.
   */
  public synchronized Map<TopicPartition, OffsetAndMetadata> committable() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    partitions.forEach((partition, tracked) -> {
      long next = tracked.advance();
      if (next >= 0) {
        offsets.put(partition, new OffsetAndMetadata(next));
      }
    });
    return offsets;
  }

  /** Forgets partitions the task no longer owns; their records will be read again elsewhere. */
  public synchronized void forget(Collection<TopicPartition> closed) {
    for (TopicPartition partition : closed) {
      PartitionOffsets removed = partitions.remove(partition);
      if (removed != null) {
        // Done from here on, so that a late acknowledgement does not count twice.
        removed.inOrder.stream().filter(tracked -> !tracked.done).forEach(this::done);
      }
    }
  }

  /** A record being handled; its {@code done} flag is guarded by the tracker. */
  public static final class Tracked {
    private final TopicPartition partition;
    private final long offset;
    private boolean done;

    private Tracked(TopicPartition partition, long offset) {
      this.partition = partition;
      this.offset = offset;
    }

    public TopicPartition partition() {
      return partition;
    }

    public long offset() {
      return offset;
    }
  }

  private static final class PartitionOffsets {
    private final ArrayDeque<Tracked> inOrder = new ArrayDeque<>();
    private long committable = -1;

    void add(Tracked tracked) {
      inOrder.addLast(tracked);
    }

    /** Drops the done records at the head; returns the offset to commit, or -1 if unchanged. */
    long advance() {
      long before = committable;
      while (!inOrder.isEmpty() && inOrder.peekFirst().done) {
        committable = inOrder.pollFirst().offset + 1;
      }
      return committable != before ? committable : -1;
    }
  }
}
