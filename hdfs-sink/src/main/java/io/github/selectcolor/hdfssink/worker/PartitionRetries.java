package io.github.selectcolor.hdfssink.worker;

import io.github.selectcolor.hdfssink.worker.ResumePosition.HdfsAhead;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * The owned partitions a worker does not land now - HDFS or Kafka failing, or HDFS ahead of
 * Kafka's log - and when it claims each again, after an exponential back-off. Not thread-safe:
 * one per worker.
 */
final class PartitionRetries {

  private final Backoff backoff;
  private final Clock clock;
  private final Map<TopicPartition, Retry> retries = new HashMap<>();
  private final Map<TopicPartition, HdfsAhead> refusals = new HashMap<>();

  PartitionRetries(Backoff backoff, Clock clock) {
    this.backoff = backoff;
    this.clock = clock;
  }

  /** Schedules the partition's next claim; returns the wait. */
  Duration schedule(TopicPartition partition) {
    Instant now = clock.instant();
    Retry retry = retries.getOrDefault(partition, new Retry(0, now));
    Duration delay = backoff.delay(retry.attempt());
    retries.put(partition, new Retry(retry.attempt() + 1, now.plus(delay)));
    return delay;
  }

  /**
   * Notes that HDFS is ahead of the partition's log and schedules a check again.
   *
   * @return true when this is news: the partition was not refused before at this HDFS offset
   */
  boolean refuse(TopicPartition partition, HdfsAhead ahead) {
    HdfsAhead before = refusals.put(partition, ahead);
    schedule(partition);
    return before == null || before.hdfsNext() != ahead.hdfsNext();
  }

  Optional<HdfsAhead> refusal(TopicPartition partition) {
    return Optional.ofNullable(refusals.get(partition));
  }

  List<TopicPartition> due(Instant now) {
    return retries.entrySet().stream()
        .filter(entry -> !entry.getValue().at().isAfter(now))
        .map(Map.Entry::getKey).toList();
  }

  /** The partition is landed again, or no longer owned. */
  void clear(TopicPartition partition) {
    retries.remove(partition);
    refusals.remove(partition);
  }

  Set<TopicPartition> partitions() {
    return Set.copyOf(retries.keySet());
  }

  Map<TopicPartition, HdfsAhead> refusals() {
    return Map.copyOf(refusals);
  }

  /**
   * @param attempt failures so far
   * @param at      when to claim the partition again
   */
  private record Retry(int attempt, Instant at) {
  }
}
