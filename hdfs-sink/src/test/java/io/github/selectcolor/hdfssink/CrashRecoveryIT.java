package io.github.selectcolor.hdfssink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.selectcolor.hdfssink.worker.SinkWorkers;
import io.github.selectcolor.hdfssink.worker.WorkerStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A crash at each step of landing records, then a new instance: every event lands exactly once and
 * no temporary file of the crashed instance survives.
 */
class CrashRecoveryIT extends SinkIntegrationTest {

  @ParameterizedTest
  @EnumSource(CrashOnce.Point.class)
  void landsEveryEventExactlyOnceAfterACrash(CrashOnce.Point point) {
    CrashOnce crash = new CrashOnce(point);
    ConfigurableApplicationContext crashed = bed.startSink(crash, "hdfs-sink.workers=1",
        "hdfs-sink.roll.max-records=4", "hdfs-sink.roll.max-age=30s");
    List<UUID> ids = new ArrayList<>(bed.produce(0, 10, "Before Crash"));
    await("the crash " + point).atMost(Duration.ofSeconds(30)).until(crash::crashed);
    crashed.close();
    ids.addAll(bed.produce(0, 5, "After Crash"));

    bed.startSink("hdfs-sink.roll.max-records=4", "hdfs-sink.roll.max-age=1s");

    await("every event in HDFS").atMost(Duration.ofSeconds(30))
        .until(() -> bed.landed().eventIds().size() >= ids.size() && temporaryFiles().isEmpty());
    assertThat(bed.landed().eventIds()).containsExactlyElementsOf(ids);
    assertContiguous(bed.landed());
  }

  @Test
  void startsANewWorkerInPlaceOfOneThatDiedAndIsNotLiveMeanwhile() {
    CrashOnce crash = new CrashOnce(CrashOnce.Point.WHILE_WRITING);
    // A back-off long enough for the health checks to see the dead worker.
    ConfigurableApplicationContext sink = bed.startSink(crash, "hdfs-sink.workers=1",
        "hdfs-sink.retry.initial-backoff=4s", "hdfs-sink.retry.max-backoff=8s",
        "hdfs-sink.roll.max-records=4", "hdfs-sink.roll.max-age=1s");
    List<UUID> ids = new ArrayList<>(bed.produce(0, 10, "Before Crash"));
    await("the crash").atMost(Duration.ofSeconds(30)).until(crash::crashed);

    await("liveness down while no worker runs").atMost(Duration.ofSeconds(10))
        .until(() -> SinkTestBed.actuator(sink, "health/liveness").contains("\"DOWN\""));
    ids.addAll(bed.produce(0, 5, "After Crash"));

    await("every event in HDFS").atMost(Duration.ofSeconds(60))
        .until(() -> bed.landed().eventIds().size() >= ids.size());
    assertThat(bed.landed().eventIds()).containsExactlyElementsOf(ids);
    assertContiguous(bed.landed());
    assertThat(sink.getBean(SinkWorkers.class).statuses()).singleElement().satisfies(status -> {
      assertThat(status.state()).isEqualTo(WorkerStatus.State.RUNNING);
      assertThat(status.restarts()).isEqualTo(1);
    });
    assertThat(SinkTestBed.actuator(sink, "health/liveness")).contains("\"status\":\"UP\"");
  }

  @Test
  void landsEveryEventExactlyOnceAfterKillNine(@TempDir Path logs) throws Exception {
    Process sink = startSinkProcess(logs.resolve("killed.log"));
    try {
      List<UUID> ids = new ArrayList<>();
      for (int partition = 0; partition < SinkTestBed.PARTITIONS; partition++) {
        ids.addAll(bed.produce(partition, 35, "Before Kill"));
      }
      await("three files per partition committed and files open").atMost(Duration.ofSeconds(60))
          .until(() -> bed.landed().files().size() == 9 && !temporaryFiles().isEmpty());
      sink.destroyForcibly().waitFor();
      ids.addAll(bed.produce(50));

      sink = startSinkProcess(logs.resolve("restarted.log"));

      await("every event in HDFS").atMost(Duration.ofSeconds(60))
          .until(() -> bed.landed().eventIds().size() >= ids.size());
      assertThat(bed.landed().eventIdCounts()).hasSize(ids.size()).allSatisfy(
          (id, count) -> assertThat(count).as("copies of %s", id).isEqualTo(1));
      assertThat(bed.landed().eventIdCounts().keySet()).containsExactlyInAnyOrderElementsOf(ids);
    } finally {
      sink.destroyForcibly().waitFor();
    }
  }

  private Process startSinkProcess(Path log) throws IOException {
    return bed.startSinkProcess(log, "hdfs-sink.roll.max-records=10", "hdfs-sink.roll.max-age=30s");
  }

  private List<org.apache.hadoop.fs.Path> temporaryFiles() throws IOException {
    return bed.temporaryFiles();
  }

  private static void assertContiguous(LandedFiles landed) {
    Map<Integer, Long> next = new java.util.HashMap<>();
    for (LandedFiles.Landed file : landed.files()) {
      long expected = next.getOrDefault(file.name().partition(), 0L);
      assertThat(file.name().firstOffset()).as("first offset of %s", file.path())
          .isEqualTo(expected);
      next.put(file.name().partition(), file.name().nextOffset());
    }
  }
}
