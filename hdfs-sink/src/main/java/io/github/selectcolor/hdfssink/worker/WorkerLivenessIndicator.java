package io.github.selectcolor.hdfssink.worker;

import java.util.List;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code hdfsSinkWorkers} health: down from the moment a worker thread's worker dies until a new
 * one runs in its place. Part of the liveness group, so that an orchestrator restarts a sink whose
 * workers keep dying; unlike {@code hdfsSink} it stays up while HDFS or Kafka fails, since a
 * restart cannot fix those.
 */
@Component("hdfsSinkWorkers")
class WorkerLivenessIndicator extends AbstractHealthIndicator {

  private final SinkWorkers workers;

  WorkerLivenessIndicator(SinkWorkers workers) {
    super("The HDFS sink's workers could not be read.");
    this.workers = workers;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    List<WorkerStatus> statuses = workers.statuses();
    builder.status(statuses.stream().allMatch(WorkerStatus::alive) ? "UP" : "DOWN");
    for (WorkerStatus status : statuses) {
      if (!status.alive()) {
        builder.withDetail(status.name(), SinkHealthIndicator.details(status));
      }
    }
  }
}
