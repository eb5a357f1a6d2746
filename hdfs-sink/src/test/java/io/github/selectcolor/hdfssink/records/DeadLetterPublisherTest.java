package io.github.selectcolor.hdfssink.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.selectcolor.hdfssink.records.RecordInspector.Invalid;
import io.github.selectcolor.hdfssink.records.RecordInspector.Reason;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class DeadLetterPublisherTest {

  private static final TopicPartition PARTITION = new TopicPartition("select-color", 0);
  private static final Invalid NOT_JSON = new Invalid(Reason.NOT_JSON, "The value is not JSON.");

  private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null,
      new ByteArraySerializer(), new ByteArraySerializer());
  private final DeadLetterPublisher publisher = new DeadLetterPublisher(producer,
      "select-color.dlq");

  @Test
  void holdsABoundedNumberOfUnacknowledgedSendsDuringALongRunOfBadRecords() throws Exception {
    int run = 20_000;
    int mostHeld = 0;
    for (long offset = 0; offset < run; offset++) {
      publisher.publish(badRecord(offset), NOT_JSON);
      mostHeld = Math.max(mostHeld, publisher.unacknowledged(PARTITION));
    }

    assertThat(mostHeld).isEqualTo(DeadLetterPublisher.MAX_UNACKNOWLEDGED);
    assertThat(producer.history()).hasSize(run);
  }

  @Test
  void holdsNothingOnceThePartitionsSendsAreAcknowledged() throws Exception {
    publisher.publish(badRecord(0), NOT_JSON);
    publisher.publish(badRecord(1), NOT_JSON);

    publisher.awaitAcknowledged(PARTITION);

    assertThat(publisher.unacknowledged(PARTITION)).isZero();
  }

  private static ConsumerRecord<byte[], byte[]> badRecord(long offset) {
    return new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), offset, null,
        "not json".getBytes(StandardCharsets.UTF_8));
  }
}
