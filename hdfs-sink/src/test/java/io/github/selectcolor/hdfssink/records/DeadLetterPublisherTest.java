package io.github.selectcolor.hdfssink.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.selectcolor.hdfssink.records.DeadLetterPublisher.DeadLetterException;
import io.github.selectcolor.hdfssink.records.DeadLetterPublisher.UnsendableDeadLetter;
import io.github.selectcolor.hdfssink.records.RecordInspector.Invalid;
import io.github.selectcolor.hdfssink.records.RecordInspector.Reason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class DeadLetterPublisherTest {

  private static final TopicPartition PARTITION = new TopicPartition("select-color", 0);
  private static final Invalid NOT_JSON = new Invalid(Reason.NOT_JSON, "The value is not JSON.");

  private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null,
      new ByteArraySerializer(), new ByteArraySerializer());
  private final List<UnsendableDeadLetter> unsendable = new ArrayList<>();
  private final DeadLetterPublisher publisher = new DeadLetterPublisher(producer,
      "select-color.dlq", unsendable::add);
  /** Completes sends only when a test says so, or at the publisher's flush. */
  private final MockProducer<byte[], byte[]> manualProducer = new MockProducer<>(false, null,
      new ByteArraySerializer(), new ByteArraySerializer());
  private final DeadLetterPublisher manualPublisher = new DeadLetterPublisher(manualProducer,
      "select-color.dlq", unsendable::add);

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

  @Test
  void dropsADeadLetterTooLargeToSendAndReportsItOnce() throws Exception {
    manualPublisher.publish(badRecord(0), NOT_JSON);
    manualPublisher.publish(badRecord(1), NOT_JSON);
    manualPublisher.publish(badRecord(2), NOT_JSON);
    manualProducer.completeNext();
    manualProducer.errorNext(new RecordTooLargeException("The message is 2000000 bytes."));

    manualPublisher.awaitAcknowledged(PARTITION);

    assertThat(unsendable).singleElement().satisfies(deadLetter -> {
      assertThat(deadLetter.partition()).isEqualTo(PARTITION);
      assertThat(deadLetter.offset()).isEqualTo(1);
      assertThat(deadLetter.reason()).isEqualTo(Reason.NOT_JSON);
      assertThat(deadLetter.refusal()).isEqualTo(SendRefusal.RECORD_TOO_LARGE);
    });
    assertThat(manualPublisher.unacknowledged(PARTITION)).isZero();
  }

  @Test
  void dropsADeadLetterWhoseSendThrowsAtOnceWhenKafkaWillNeverTakeIt() throws Exception {
    producer.sendException = new SerializationException("The value cannot be serialized.");
    publisher.publish(badRecord(0), NOT_JSON);
    producer.sendException = null;
    publisher.publish(badRecord(1), NOT_JSON);

    publisher.awaitAcknowledged(PARTITION);

    assertThat(unsendable).singleElement().satisfies(deadLetter -> {
      assertThat(deadLetter.offset()).isZero();
      assertThat(deadLetter.refusal()).isEqualTo(SendRefusal.UNSERIALIZABLE);
    });
    assertThat(producer.history()).hasSize(1);
  }

  @Test
  void failsThePartitionWhenASendThrowsAtOnceInAWayThatMayPass() {
    producer.sendException = new KafkaException("Producer closed while send in progress");

    assertThatThrownBy(() -> publisher.publish(badRecord(0), NOT_JSON))
        .isInstanceOf(DeadLetterException.class)
        .hasCauseInstanceOf(KafkaException.class);
    assertThat(unsendable).isEmpty();
  }

  @Test
  void failsThePartitionOnARetriableFailureAndReportsNoneOfItsRefusedDeadLetters()
      throws Exception {
    manualPublisher.publish(badRecord(0), NOT_JSON);
    manualPublisher.publish(badRecord(1), NOT_JSON);
    manualProducer.errorNext(new RecordTooLargeException("The message is 2000000 bytes."));
    manualProducer.errorNext(new TimeoutException("Expired in the accumulator."));

    assertThatThrownBy(() -> manualPublisher.awaitAcknowledged(PARTITION))
        .isInstanceOf(DeadLetterException.class)
        .hasCauseInstanceOf(TimeoutException.class);
    assertThat(unsendable).isEmpty();
  }

  private static ConsumerRecord<byte[], byte[]> badRecord(long offset) {
    return new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), offset, null,
        "not json".getBytes(StandardCharsets.UTF_8));
  }
}
