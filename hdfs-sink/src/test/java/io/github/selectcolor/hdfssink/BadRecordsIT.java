package io.github.selectcolor.hdfssink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.selectcolor.hdfssink.files.CommittedFile;
import io.github.selectcolor.hdfssink.records.DeadLetterPublisher;
import io.github.selectcolor.hdfssink.worker.SinkWorkers;
import io.github.selectcolor.hdfssink.worker.WorkerStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Records the sink cannot store end in the dead-letter topic, once, and stop nothing; one whose
 * dead letter Kafka will never take is dropped, and its partition moves on.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadRecordsIT extends SinkIntegrationTest {

  /** Larger than the dead-letter producer's or topic's limit in the tests below, not the events. */
  private static final byte[] HUGE_BAD_RECORD =
      ("not json " + "x".repeat(8 * 1024)).getBytes(StandardCharsets.UTF_8);
  private static final long HUGE_OFFSET = 2;
  /** No partition moves between workers, which would commit its file early, at the revocation. */
  private static final String ONE_WORKER = "hdfs-sink.workers=1";

  @Test
  void deadLettersARecordWhoseReceivedTimeOverflowsAndKeepsEveryWorkerRunning() throws Exception {
    ConfigurableApplicationContext sink = bed.startSink();
    UUID before = bed.produce(0, 1, "Before").get(0);
    bed.send(0, ("{\"eventId\":\"" + UUID.randomUUID() + "\","
        + "\"receivedAt\":\"+292278995-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8));
    UUID after = bed.produce(0, 1, "After").get(0);

    await("the events around the bad record committed").atMost(Duration.ofSeconds(30))
        .until(() -> bed.landed().eventIds().size() == 2);

    assertThat(bed.landed().eventIds()).containsExactly(before, after);
    assertThat(bed.landed().names()).containsExactly(new CommittedFile(bed.topic(), 0, 0, 2));
    List<ConsumerRecord<byte[], byte[]>> deadLetters = bed.deadLetters();
    assertThat(deadLetters).singleElement().satisfies(record -> {
      assertThat(header(record, DeadLetterPublisher.REASON_HEADER)).isEqualTo("unstorable-time");
      assertThat(header(record, DeadLetterPublisher.OFFSET_HEADER)).isEqualTo("1");
    });
    assertThat(Arrays.stream(hdfs.fileSystem().listStatus(bed.topicDirectory()))
        .map(FileStatus::getPath).map(path -> path.getName()))
        .allMatch(name -> name.matches("dt=20\\d\\d-\\d\\d-\\d\\d"));
    assertThat(sink.getBean(SinkWorkers.class).statuses()).allSatisfy(status -> {
      assertThat(status.state()).isEqualTo(WorkerStatus.State.RUNNING);
      assertThat(status.restarts()).isZero();
    });
    assertThat(SinkTestBed.actuator(sink, "health/liveness")).contains("\"status\":\"UP\"");
  }

  @Test
  void commitsProgressOverAPartitionOfOnlyBadRecordsSoARestartSendsNoneAgain() {
    int run = 30;
    ConfigurableApplicationContext first = bed.startSink("hdfs-sink.roll.max-age=1s");
    for (int index = 0; index < run; index++) {
      bed.send(0, ("not json " + index).getBytes(StandardCharsets.UTF_8));
    }
    await("progress over the bad records committed").atMost(Duration.ofSeconds(30))
        .until(() -> bed.groupOffsets().getOrDefault(new TopicPartition(bed.topic(), 0), 0L)
            == run);
    first.close();

    bed.startSink("hdfs-sink.roll.max-age=1s");
    UUID good = bed.produce(0, 1, "After The Run").get(0);
    await("the good event committed").atMost(Duration.ofSeconds(30))
        .until(() -> bed.landed().eventIds().contains(good));

    assertThat(bed.landed().names()).containsExactly(new CommittedFile(bed.topic(), 0, run, run));
    assertThat(bed.deadLetters()).hasSize(run);
  }

  @Test
  void dropsADeadLetterLargerThanTheProducerSendsAndLandsTheRecordsAfterItOnce(
      CapturedOutput output) {
    List<UUID> events = produceGoodAndBadRecords();
    ConfigurableApplicationContext sink = bed.startSink(ONE_WORKER,
        "spring.kafka.producer.properties.max.request.size=4096");

    assertDroppedTheHugeDeadLetterOnly(sink, events, output);
  }

  @Test
  void dropsADeadLetterLargerThanTheDeadLetterTopicTakesAndLandsTheRecordsAfterItOnce(
      CapturedOutput output) {
    bed.createDeadLetterTopic(Map.of("max.message.bytes", "4096"));
    List<UUID> events = produceGoodAndBadRecords();
    ConfigurableApplicationContext sink = bed.startSink(ONE_WORKER);

    assertDroppedTheHugeDeadLetterOnly(sink, events, output);
  }

  /**
   * To partition 0: an event, a small bad record, {@link #HUGE_BAD_RECORD} at
   * {@link #HUGE_OFFSET}, and two events, all before the sink starts, so that one file takes them.
   */
  private List<UUID> produceGoodAndBadRecords() {
    List<UUID> events = new ArrayList<>(bed.produce(0, 1, "Before"));
    bed.send(0, "not json".getBytes(StandardCharsets.UTF_8));
    bed.send(0, HUGE_BAD_RECORD);
    events.addAll(bed.produce(0, 2, "After"));
    return events;
  }

  private void assertDroppedTheHugeDeadLetterOnly(ConfigurableApplicationContext sink,
      List<UUID> events, CapturedOutput output) {
    TopicPartition partition = new TopicPartition(bed.topic(), 0);
    await("progress past the huge bad record committed").atMost(Duration.ofSeconds(30))
        .until(() -> bed.groupOffsets().getOrDefault(partition, 0L) == 5);

    assertThat(bed.landed().eventIds()).containsExactlyElementsOf(events);
    assertThat(bed.landed().names()).containsExactly(new CommittedFile(bed.topic(), 0, 0, 4));
    assertThat(bed.deadLetters()).singleElement().satisfies(record ->
        assertThat(header(record, DeadLetterPublisher.OFFSET_HEADER)).isEqualTo("1"));
    assertThat(sink.getBean(MeterRegistry.class).get("hdfs.sink.dead.letters.unsendable")
        .tags("reason", "not-json", "refusal", "record-too-large").counter().count())
        .isEqualTo(1);
    assertThat(output.getOut().lines().filter(line -> line.contains(" ERROR ")
        && line.contains("dead letter of offset " + HUGE_OFFSET + " of partition " + partition)))
        .hasSize(1);
    assertThat(sink.getBean(SinkWorkers.class).statuses()).singleElement().satisfies(status -> {
      assertThat(status.retrying()).isEmpty();
      assertThat(status.lastError()).as("the partition never failed").isNull();
    });
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
