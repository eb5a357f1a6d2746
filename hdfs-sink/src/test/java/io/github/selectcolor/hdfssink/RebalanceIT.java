package io.github.selectcolor.hdfssink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.selectcolor.hdfssink.worker.SinkWorkers;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Two instances of the sink in one group, joining and leaving while events stream in. */
class RebalanceIT extends SinkIntegrationTest {

  private final ExecutorService producerThread = Executors.newSingleThreadExecutor(
      runnable -> new Thread(runnable, "rebalance-it-producer"));

  @AfterEach
  void stopProducer() {
    producerThread.shutdownNow();
  }

  @Test
  void landsEveryEventExactlyOnceWhileInstancesJoinAndLeave() {
    String[] settings = {"hdfs-sink.workers=2", "hdfs-sink.roll.max-records=25",
        "hdfs-sink.roll.max-age=1s"};
    ConfigurableApplicationContext first = bed.startSink(settings);
    CompletableFuture<List<UUID>> stream = CompletableFuture.supplyAsync(
        () -> bed.produce(1500), producerThread);
    await("the first instance committed files").atMost(Duration.ofSeconds(30))
        .until(() -> bed.landed().files().size() >= 3);

    ConfigurableApplicationContext second = bed.startSink(settings);
    await("the second instance owns partitions").atMost(Duration.ofSeconds(30))
        .until(() -> ownedPartitions(second) > 0 && !stream.isDone());
    first.close();
    await("the second instance owns every partition").atMost(Duration.ofSeconds(30))
        .until(() -> ownedPartitions(second) == SinkTestBed.PARTITIONS);
    List<UUID> ids = stream.join();

    await("every event in HDFS").atMost(Duration.ofSeconds(60))
        .until(() -> bed.landed().eventIds().size() >= ids.size());
    assertThat(bed.landed().eventIdCounts()).hasSize(ids.size()).allSatisfy(
        (id, count) -> assertThat(count).as("copies of %s", id).isEqualTo(1));
    assertThat(bed.landed().eventIdCounts().keySet()).containsExactlyInAnyOrderElementsOf(ids);
  }

  private static int ownedPartitions(ConfigurableApplicationContext sink) {
    return sink.getBean(SinkWorkers.class).statuses().stream()
        .mapToInt(status -> status.assigned().size() - status.retrying().size()).sum();
  }
}
