package io.github.selectcolor.hdfssink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.selectcolor.hdfssink.worker.SinkWorkers;
import io.github.selectcolor.hdfssink.worker.WorkerStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The NameNode stops in the middle of a stream and comes back. */
class HdfsOutageIT extends SinkIntegrationTest {

  @Test
  void landsEveryEventExactlyOnceWhenHdfsStopsAndReturns() {
    ConfigurableApplicationContext sink = bed.startSink("hdfs-sink.roll.max-records=20",
        "hdfs-sink.roll.max-age=1s");
    List<UUID> ids = new ArrayList<>(bed.produce(60));
    await("files committed before the outage").atMost(Duration.ofSeconds(30))
        .until(() -> bed.landed().files().size() >= 3);

    hdfs.cluster().stopNameNode();
    try {
      ids.addAll(bed.produce(60));
      await("the sink reports the outage").atMost(Duration.ofSeconds(60))
          .until(() -> statuses(sink).stream().anyMatch(status -> !status.retrying().isEmpty()));
    } finally {
      hdfs.cluster().startNameNode();
    }
    ids.addAll(bed.produce(30));

    await("every event in HDFS").atMost(Duration.ofSeconds(90))
        .until(() -> bed.landed().eventIds().size() >= ids.size());
    assertThat(bed.landed().eventIdCounts()).hasSize(ids.size()).allSatisfy(
        (id, count) -> assertThat(count).as("copies of %s", id).isEqualTo(1));
    assertThat(bed.landed().eventIdCounts().keySet()).containsExactlyInAnyOrderElementsOf(ids);
    await("the sink healthy again").atMost(Duration.ofSeconds(30))
        .until(() -> statuses(sink).stream().allMatch(WorkerStatus::healthy));
  }

  private static List<WorkerStatus> statuses(ConfigurableApplicationContext sink) {
    return sink.getBean(SinkWorkers.class).statuses();
  }
}
