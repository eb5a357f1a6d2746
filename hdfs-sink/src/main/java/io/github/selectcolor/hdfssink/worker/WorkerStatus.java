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
 * @param restarts   how often the worker thread was started again after it died
 */
public record WorkerStatus(String name, State state, Set<TopicPartition> assigned,
    Set<TopicPartition> retrying, Map<TopicPartition, String> refused, String lastError,
    int restarts) {

  public WorkerStatus {
    assigned = Set.copyOf(assigned);
    retrying = Set.copyOf(retrying);
    refused = Map.copyOf(refused);
  }

  static WorkerStatus starting(String name) {
    return new WorkerStatus(name, State.STARTING, Set.of(), Set.of(), Map.of(), null, 0);
  }

  /** Between a worker that died and the next one; it owns nothing meanwhile. */
  static WorkerStatus restarting(String name, String lastError, int restarts) {
    return new WorkerStatus(name, State.RESTARTING, Set.of(), Set.of(), Map.of(), lastError,
        restarts);
  }

  WorkerStatus withRestarts(int count) {
    return new WorkerStatus(name, state, assigned, retrying, refused, lastError, count);
  }

  /** Running and landing every partition it owns. */
  public boolean healthy() {
    return (state == State.STARTING || state == State.RUNNING) && retrying.isEmpty();
  }

  /** The worker thread runs a worker: false from its death until a new one runs. */
  public boolean alive() {
    return state != State.FAILED && state != State.RESTARTING;
  }

  /** Life of a worker. */
  public enum State {
    STARTING, RUNNING, STOPPED, FAILED, RESTARTING
  }
}
