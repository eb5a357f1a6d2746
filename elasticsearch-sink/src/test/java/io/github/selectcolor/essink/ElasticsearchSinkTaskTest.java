package io.github.selectcolor.essink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The task while Elasticsearch cannot be reached: nothing listens on port 1 of the loopback. */
class ElasticsearchSinkTaskTest {

  private static final TopicPartition FIRST = new TopicPartition("select-color", 0);
  private static final TopicPartition SECOND = new TopicPartition("select-color", 1);

  private final FakeContext context = new FakeContext(Set.of(FIRST, SECOND));
  private final ElasticsearchSinkTask task = new ElasticsearchSinkTask();

  @BeforeEach
  void startTask() {
    task.initialize(context);
    task.start(Map.of("connection.urls", "http://127.0.0.1:1", "task.id", "test-0",
        "retry.backoff.ms", "1000", "connection.timeout.ms", "1000"));
  }

  @AfterEach
  void stopTask() {
    task.stop();
  }

  @Test
  void pausesItsPartitionsAndReturnsWhileElasticsearchCannotBeReached() {
    task.put(List.of(record(FIRST, 7), record(SECOND, 3)));

    assertThat(context.paused).containsExactlyInAnyOrder(FIRST, SECOND);
    assertThat(context.timeout).as("the poll timeout until the next check").isPositive()
        .isLessThanOrEqualTo(1000);
  }

  @Test
  void commitsNothingOfTheRecordsItHoldsWhileElasticsearchCannotBeReached() {
    task.put(List.of(record(FIRST, 7), record(SECOND, 3)));
    task.put(List.of());

    Map<TopicPartition, OffsetAndMetadata> consumed = Map.of(FIRST, new OffsetAndMetadata(8),
        SECOND, new OffsetAndMetadata(4));
    assertThat(task.preCommit(consumed)).isEmpty();
  }

  @Test
  void pausesPartitionsAssignedWhileItWaitsForElasticsearch() {
    task.put(List.of(record(FIRST, 7)));
    TopicPartition third = new TopicPartition("select-color", 2);

    task.open(List.of(third));

    assertThat(context.paused).contains(third);
  }

  private static SinkRecord record(TopicPartition partition, long offset) {
    byte[] value = ("{\"eventId\":\"e" + offset + "\"}").getBytes(StandardCharsets.UTF_8);
    return new SinkRecord(partition.topic(), partition.partition(), null, null,
        Schema.BYTES_SCHEMA, value, offset);
  }

  private static final class FakeContext implements SinkTaskContext {

    private final Set<TopicPartition> assignment;
    private final Set<TopicPartition> paused = new HashSet<>();
    private final PluginMetrics metrics = new PluginMetricsImpl(new Metrics(), Map.of());
    private long timeout = -1;

    FakeContext(Set<TopicPartition> assignment) {
      this.assignment = assignment;
    }

    @Override
    public Map<String, String> configs() {
      return Map.of();
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {
      throw new AssertionError("The task holds its records; it never rewinds the consumer.");
    }

    @Override
    public void offset(TopicPartition partition, long offset) {
      throw new AssertionError("The task holds its records; it never rewinds the consumer.");
    }

    @Override
    public void timeout(long timeoutMs) {
      timeout = timeoutMs;
    }

    @Override
    public Set<TopicPartition> assignment() {
      return assignment;
    }

    @Override
    public void pause(TopicPartition... partitions) {
      paused.addAll(List.of(partitions));
    }

    @Override
    public void resume(TopicPartition... partitions) {
      paused.removeAll(List.of(partitions));
    }

    @Override
    public void requestCommit() {
      // The tests do not commit through Connect: they call preCommit themselves.
    }

    @Override
    public PluginMetrics pluginMetrics() {
      return metrics;
    }
  }
}
