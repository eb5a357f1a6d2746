package io.github.selectcolor.hdfssink.worker;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code hdfsSink} health: up while every worker runs and lands all its partitions; down when a
 * worker died and is not running again yet, retries a partition because HDFS or Kafka fails, or
 * refuses a partition because HDFS is ahead of Kafka's log (the reason is in the details). Part
 * of the readiness group.
 */
@Component("hdfsSink")
class SinkHealthIndicator extends AbstractHealthIndicator {

  private final SinkWorkers workers;

  SinkHealthIndicator(SinkWorkers workers) {
    super("The HDFS sink's health could not be read.");
    this.workers = workers;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    List<WorkerStatus> statuses = workers.statuses();
    boolean healthy = !statuses.isEmpty() && statuses.stream().allMatch(WorkerStatus::healthy);
    builder.status(healthy ? "UP" : "DOWN");
    for (WorkerStatus status : statuses) {
      builder.withDetail(status.name(), details(status));
    }
  }

  static Map<String, Object> details(WorkerStatus status) {
    Map<String, String> refused = new TreeMap<>();
    status.refused().forEach((partition, reason) -> refused.put(partition.toString(), reason));
    return Map.of(
        "state", status.state().name(),
        "partitions", status.assigned().stream().map(Object::toString).sorted().toList(),
        "retrying", status.retrying().stream().map(Object::toString).sorted().toList(),
        "refused", refused,
        "restarts", status.restarts(),
        "lastError", status.lastError() == null ? "" : status.lastError());
  }
}
