package io.github.selectcolor.hdfssink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.selectcolor.event.EventJson;
import io.github.selectcolor.hdfssink.files.CommittedFile;
import io.github.selectcolor.hdfssink.files.TimeBucket;
import io.github.selectcolor.hdfssink.worker.SinkWorkers;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * HDFS holds offsets of partition 0 that its log in Kafka does not reach, as when the topic was
 * deleted and recreated: the file of an earlier log covers offsets 0 to 999, the new log ends at 5.
 */
@ExtendWith(OutputCaptureExtension.class)
class HdfsAheadOfKafkaIT extends SinkIntegrationTest {

  private static final int NEW_LOG_RECORDS = 5;

  private CommittedFile earlierLog;
  private TopicPartition refused;

  @BeforeEach
  void landAnEarlierLogOfPartitionZero() throws IOException {
    earlierLog = new CommittedFile(bed.topic(), 0, 0, 999);
    refused = new TopicPartition(bed.topic(), 0);
    Path hour = new Path(bed.topicDirectory(),
        TimeBucket.of(Instant.now(), ZoneOffset.UTC).relativePath());
    try (OutputStream out = hdfs.fileSystem().create(new Path(hour, earlierLog.fileName(".jsonl")))) {
      out.write(new EventJson().write(SinkTestBed.event(UUID.randomUUID(), "Earlier Log")));
      out.write('\n');
    }
  }

  @Test
  void doesNotConsumeThePartitionAndSaysWhyWhileLandingTheOthers(CapturedOutput output) {
    bed.produce(0, NEW_LOG_RECORDS, "New Log");
    List<UUID> others = bed.produce(1, 3, "Other Partition");
    ConfigurableApplicationContext sink = bed.startSink();

    await("the other partition landed").atMost(Duration.ofSeconds(30))
        .until(() -> bed.landed().eventIds().containsAll(others));
    await("partition 0 refused").atMost(Duration.ofSeconds(30))
        .until(() -> sink.getBean(SinkWorkers.class).statuses().stream()
            .anyMatch(status -> status.refused().containsKey(refused)));

    String reason = "HDFS holds partition 0 of topic " + bed.topic() + " up to offset 999 but"
        + " Kafka's log of it ends at offset " + NEW_LOG_RECORDS;
    assertThat(SinkTestBed.actuator(sink, "health/readiness")).contains("\"DOWN\"")
        .contains(reason);
    assertThat(SinkTestBed.actuator(sink, "health/liveness")).contains("\"status\":\"UP\"");
    assertThat(bed.landed().names()).filteredOn(name -> name.partition() == 0)
        .containsExactly(earlierLog);
    assertThat(output.getOut().lines()
        .filter(line -> line.contains(" ERROR ") && line.contains(bed.topic())))
        .singleElement().asString().contains(reason);
    assertThat(sink.getBean(SinkWorkers.class).statuses())
        .allSatisfy(status -> assertThat(status.alive()).isTrue());
  }

  @Test
  void landsThePartitionFromItsLogStartOnceTheEarlierFilesAreMovedAway() throws IOException {
    List<UUID> newLog = bed.produce(0, NEW_LOG_RECORDS, "New Log");
    ConfigurableApplicationContext sink = bed.startSink();
    await("partition 0 refused").atMost(Duration.ofSeconds(30))
        .until(() -> sink.getBean(SinkWorkers.class).statuses().stream()
            .anyMatch(status -> status.refused().containsKey(refused)));

    hdfs.fileSystem().rename(bed.topicDirectory(),
        new Path(bed.topicDirectory().getParent(), bed.topic() + ".earlier-log"));

    await("the new log landed").atMost(Duration.ofSeconds(30))
        .until(() -> bed.landed().eventIds().size() == NEW_LOG_RECORDS);
    assertThat(bed.landed().eventIds()).containsExactlyElementsOf(newLog);
    assertThat(bed.landed().names()).containsExactly(
        new CommittedFile(bed.topic(), 0, 0, NEW_LOG_RECORDS - 1));
    await("ready again").atMost(Duration.ofSeconds(30)).until(
        () -> SinkTestBed.actuator(sink, "health/readiness").contains("\"status\":\"UP\""));
  }
}
