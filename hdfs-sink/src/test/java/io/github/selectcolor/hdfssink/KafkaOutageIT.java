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
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** Every broker stops while the sink runs, for a minute, and comes back. */
@ExtendWith(OutputCaptureExtension.class)
class KafkaOutageIT extends SinkIntegrationTest {

  private static final Duration OUTAGE = Duration.ofSeconds(60);
  private static final int MOST_SINK_LOG_BYTES_IN_THE_OUTAGE = 50 * 1024;

  @Test
  void logsLittleWhileKafkaIsDownAndLandsEveryEventOnceAfter(CapturedOutput output) {
    ConfigurableApplicationContext sink = bed.startSink("hdfs-sink.roll.max-age=1s");
    List<UUID> ids = new ArrayList<>(bed.produce(30));
    await("the first events in HDFS").atMost(Duration.ofSeconds(60))
        .until(() -> bed.landed().eventIds().size() >= ids.size());

    int before = output.length();
    kafka.cluster().stopAllBrokers();
    try {
      await("Kafka down for " + OUTAGE.toSeconds() + " s").during(OUTAGE)
          .atMost(OUTAGE.plusSeconds(30)).pollInterval(Duration.ofSeconds(5))
          .until(() -> sink.getBean(SinkWorkers.class).statuses().stream()
              .noneMatch(status -> status.state() == WorkerStatus.State.FAILED));
    } finally {
      kafka.cluster().startAllBrokers();
    }
    String sinkLines = sinkLines(output.toString().substring(before));
    ids.addAll(bed.produce(30));

    assertThat(sinkLines.length()).as("bytes the sink logged while Kafka was down:%n%s",
        sinkLines).isLessThan(MOST_SINK_LOG_BYTES_IN_THE_OUTAGE);
    await("every event in HDFS").atMost(Duration.ofSeconds(120))
        .until(() -> bed.landed().eventIds().size() >= ids.size());
    assertThat(bed.landed().eventIdCounts()).hasSize(ids.size()).allSatisfy(
        (id, count) -> assertThat(count).as("copies of %s", id).isEqualTo(1));
  }

  /** The sink's lines: its threads and clients carry its name, its classes its package. */
  private String sinkLines(String logged) {
    StringBuilder lines = new StringBuilder();
    logged.lines()
        .filter(line -> line.contains("hdfs-sink") || line.contains("i.g.s.hdfssink")
            || line.contains("io.github.selectcolor.hdfssink") || line.contains(bed.topic()))
        .forEach(line -> lines.append(line).append('\n'));
    return lines.toString();
  }
}
