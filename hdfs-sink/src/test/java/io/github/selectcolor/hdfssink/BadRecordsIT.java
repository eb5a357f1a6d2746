package io.github.selectcolor.hdfssink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.selectcolor.hdfssink.files.CommittedFile;
import io.github.selectcolor.hdfssink.records.DeadLetterPublisher;
import io.github.selectcolor.hdfssink.worker.SinkWorkers;
import io.github.selectcolor.hdfssink.worker.WorkerStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Records the sink cannot store end in the dead-letter topic, once, and stop nothing. */
class BadRecordsIT extends SinkIntegrationTest {

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

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
