package io.github.selectcolor.hdfssink.records;

import io.github.selectcolor.hdfssink.records.RecordInspector.Invalid;
import io.github.selectcolor.hdfssink.records.RecordInspector.Reason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records the sink cannot write to the dead-letter topic: the original key, value and headers,
 * plus headers naming the reason and where the record came from. A partition's file is committed
 * only after its dead letters are acknowledged, so none is lost; after a crash some may be sent
 * twice. A dead letter Kafka will never take ({@link SendRefusal}) is not waited for: it is
 * logged, handed to the {@link UnsendableListener} and dropped, and its partition moves on as if
 * it had been acknowledged, since reading it again would fail the same way forever. At most
 * {@value #MAX_UNACKNOWLEDGED} sends per partition are held unacknowledged: the next one waits
 * for them, so a long run of bad records holds bounded memory. Not thread-safe: one per worker.
 */
public final class DeadLetterPublisher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

  public static final String REASON_HEADER = "dead-letter.reason";
  public static final String DETAIL_HEADER = "dead-letter.detail";
  public static final String TOPIC_HEADER = "dead-letter.topic";
  public static final String PARTITION_HEADER = "dead-letter.partition";
  public static final String OFFSET_HEADER = "dead-letter.offset";
  /** Sends per partition held before waiting for their acknowledgements. */
  public static final int MAX_UNACKNOWLEDGED = 1_000;

  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final UnsendableListener unsendableListener;
  private final Map<TopicPartition, List<Send>> pending = new HashMap<>();

  public DeadLetterPublisher(Producer<byte[], byte[]> producer, String topic,
      UnsendableListener unsendableListener) {
    this.producer = producer;
    this.topic = topic;
    this.unsendableListener = unsendableListener;
  }

  /**
   * Sends the record to the dead-letter topic, first waiting for the partition's earlier sends
   * when {@value #MAX_UNACKNOWLEDGED} are unacknowledged.
   */
  public void publish(ConsumerRecord<byte[], byte[]> record, Invalid invalid)
      throws DeadLetterException {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    if (unacknowledged(partition) >= MAX_UNACKNOWLEDGED) {
      awaitAcknowledged(partition);
    }
    Headers headers = new RecordHeaders(record.headers().toArray());
    headers.add(REASON_HEADER, utf8(invalid.reason().code()));
    headers.add(DETAIL_HEADER, utf8(invalid.detail()));
    headers.add(TOPIC_HEADER, utf8(record.topic()));
    headers.add(PARTITION_HEADER, utf8(Integer.toString(record.partition())));
    headers.add(OFFSET_HEADER, utf8(Long.toString(record.offset())));
    Future<RecordMetadata> sent;
    try {
      sent = producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers));
    } catch (KafkaException e) {
      if (SendRefusal.of(e).isEmpty()) {
        throw new DeadLetterException("Kafka did not take the dead letter of offset "
            + record.offset() + " of partition " + partition + " for topic " + topic + ".", e);
      }
      // Held like a send, so that it is reported only once the partition's other dead letters
      // are acknowledged: if one of them fails, the partition is read again and so is this one.
      sent = CompletableFuture.failedFuture(e);
    }
    pending.computeIfAbsent(partition, key -> new ArrayList<>())
        .add(new Send(record.offset(), invalid.reason(), sent));
  }

  /** Sends of the partition not yet known to be acknowledged. */
  int unacknowledged(TopicPartition partition) {
    List<Send> sends = pending.get(partition);
    return sends == null ? 0 : sends.size();
  }

  /**
   * Waits until every dead letter of the partition is acknowledged or refused for good; reports
   * the refused ones once none failed otherwise.
   *
   * @throws DeadLetterException when a dead letter failed in a way that may pass
   */
  public void awaitAcknowledged(TopicPartition partition) throws DeadLetterException {
    if (pending.isEmpty()) {
      return;
    }
    List<Send> sends = pending.remove(partition);
    if (sends == null) {
      return;
    }
    producer.flush();
    List<UnsendableDeadLetter> unsendable = new ArrayList<>();
    for (Send send : sends) {
      await(partition, send).ifPresent(unsendable::add);
    }
    unsendable.forEach(this::report);
  }

  private Optional<UnsendableDeadLetter> await(TopicPartition partition, Send send)
      throws DeadLetterException {
    try {
      send.future().get();
      return Optional.empty();
    } catch (ExecutionException e) {
      Throwable failure = e.getCause();
      Optional<SendRefusal> refusal = SendRefusal.of(failure);
      if (refusal.isEmpty()) {
        throw new DeadLetterException("Kafka did not take the dead letter of offset "
            + send.offset() + " of partition " + partition + " for topic " + topic + ".", failure);
      }
      return Optional.of(new UnsendableDeadLetter(partition, send.offset(), send.reason(),
          refusal.get(), failure));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeadLetterException("Interrupted while waiting for the dead letters of partition "
          + partition + ".", e);
    }
  }

  private void report(UnsendableDeadLetter deadLetter) {
    log.error("Kafka will never take the dead letter of offset {} of partition {} (dead-letter"
        + " reason {}) for topic {}, refusal {}; the record is dropped and the partition moves"
        + " on.",
        deadLetter.offset(), deadLetter.partition(), deadLetter.reason().code(), topic,
        deadLetter.refusal().code(), deadLetter.failure());
    unsendableListener.unsendable(deadLetter);
  }

  /** Forgets the partition's unacknowledged dead letters: its records will be read again. */
  public void forget(TopicPartition partition) {
    pending.remove(partition);
  }

  @Override
  public void close() {
    producer.close();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Told of each dead letter Kafka refused for good, once its partition moves on past it. */
  @FunctionalInterface
  public interface UnsendableListener {
    void unsendable(UnsendableDeadLetter deadLetter);
  }

  /**
   * A dead letter that was dropped because Kafka will never take it.
   *
   * @param partition where the record came from
   * @param offset    its offset there
   * @param reason    why it was to be dead-lettered
   * @param refusal   why Kafka will not take it
   * @param failure   what the producer reported
   */
  public record UnsendableDeadLetter(TopicPartition partition, long offset, Reason reason,
      SendRefusal refusal, Throwable failure) {
  }

  /** A dead letter in flight: where its record came from, and its send. */
  private record Send(long offset, Reason reason, Future<RecordMetadata> future) {
  }

  /** A dead letter was not acknowledged; the partition's records must be read again. */
  public static final class DeadLetterException extends Exception {

    private static final long serialVersionUID = 1L;

    DeadLetterException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
