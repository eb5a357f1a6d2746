package io.github.selectcolor.hdfssink.worker;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * What a worker reports about itself for health checks; an immutable snapshot.
 *
 * @param name       the worker's thread name
 * @param state      where it is in its life
 * @param assigned   partitions it owns
 * @param retrying   owned partitions it cannot land now (HDFS or Kafka failing, or refused) and
 *                   retries
 * @param refused    owned partitions it does not consume because HDFS is ahead of Kafka's log,
 *                   with the reason
 * @param lastError  the last failure, a sentence; null when none
 */
public record WorkerStatus(String name, State state, Set<TopicPartition> assigned,
    Set<TopicPartition> retrying, Map<TopicPartition, String> refused, String lastError) {

  public WorkerStatus {
    assigned = Set.copyOf(assigned);
    retrying = Set.copyOf(retrying);
    refused = Map.copyOf(refused);
  }

  static WorkerStatus starting(String name) {
    return new WorkerStatus(name, State.STARTING, Set.of(), Set.of(), Map.of(), null);
  }

  /** Running and landing every partition it owns. */
  public boolean healthy() {
    return (state == State.STARTING || state == State.RUNNING) && retrying.isEmpty();
  }

  /** Life of a worker. */
  public enum State {
    STARTING, RUNNING, STOPPED, FAILED
  }
}
