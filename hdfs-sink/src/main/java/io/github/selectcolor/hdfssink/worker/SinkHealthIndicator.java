package io.github.selectcolor.hdfssink.worker;

import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code hdfsSink} health: up while every worker runs and lands all its partitions; down when a
 * worker stopped on a failure or retries a partition because HDFS or Kafka fails. Part of the
 * readiness group.
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
      builder.withDetail(status.name(), Map.of(
          "state", status.state().name(),
          "partitions", status.assigned().stream().map(Object::toString).sorted().toList(),
          "retrying", status.retrying().stream().map(Object::toString).sorted().toList(),
          "lastError", status.lastError() == null ? "" : status.lastError()));
    }
  }
}
