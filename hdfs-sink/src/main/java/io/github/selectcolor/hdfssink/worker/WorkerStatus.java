package io.github.selectcolor.hdfssink.worker;

import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * What a worker reports about itself for health checks; an immutable snapshot.
 *
 * @param name       the worker's thread name
 * @param state      where it is in its life
 * @param assigned   partitions it owns
 * @param retrying   owned partitions it cannot land now (HDFS or Kafka failing) and retries
 * @param lastError  the last failure, a sentence; null when none
 */
public record WorkerStatus(String name, State state, Set<TopicPartition> assigned,
    Set<TopicPartition> retrying, String lastError) {

  public WorkerStatus {
    assigned = Set.copyOf(assigned);
    retrying = Set.copyOf(retrying);
  }

  static WorkerStatus starting(String name) {
    return new WorkerStatus(name, State.STARTING, Set.of(), Set.of(), null);
  }

  public boolean healthy() {
    return (state == State.STARTING || state == State.RUNNING) && retrying.isEmpty();
  }

  /** Life of a worker. */
  public enum State {
    STARTING, RUNNING, STOPPED, FAILED
  }
}
