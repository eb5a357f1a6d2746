package io.github.selectcolor.hdfssink.records;

import io.github.selectcolor.hdfssink.records.RecordInspector.Invalid;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends records the sink cannot write to the dead-letter topic: the original key, value and headers,
 * plus headers naming the reason and where the record came from. A partition's file is committed
 * only after its dead letters are acknowledged, so none is lost; after a crash some may be sent
 * twice. At most {@value #MAX_UNACKNOWLEDGED} sends per partition are held unacknowledged: the
 * next one waits for them, so a long run of bad records holds bounded memory. Not thread-safe:
 * one per worker.
 */
public final class DeadLetterPublisher implements AutoCloseable {

  public static final String REASON_HEADER = "dead-letter.reason";
  public static final String DETAIL_HEADER = "dead-letter.detail";
  public static final String TOPIC_HEADER = "dead-letter.topic";
  public static final String PARTITION_HEADER = "dead-letter.partition";
  public static final String OFFSET_HEADER = "dead-letter.offset";
  /** Sends per partition held before waiting for their acknowledgements. */
  public static final int MAX_UNACKNOWLEDGED = 1_000;

  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final Map<TopicPartition, List<Future<RecordMetadata>>> pending = new HashMap<>();

  public DeadLetterPublisher(Producer<byte[], byte[]> producer, String topic) {
    this.producer = producer;
    this.topic = topic;
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
    Future<RecordMetadata> sent = producer.send(
        new ProducerRecord<>(topic, null, record.key(), record.value(), headers));
    pending.computeIfAbsent(partition, key -> new ArrayList<>()).add(sent);
  }

  /** Sends of the partition not yet known to be acknowledged. */
  int unacknowledged(TopicPartition partition) {
    List<Future<RecordMetadata>> sends = pending.get(partition);
    return sends == null ? 0 : sends.size();
  }

  /** Waits until every dead letter of the partition is acknowledged. */
  public void awaitAcknowledged(TopicPartition partition) throws DeadLetterException {
    if (pending.isEmpty()) {
      return;
    }
    List<Future<RecordMetadata>> sends = pending.remove(partition);
    if (sends == null) {
      return;
    }
    producer.flush();
    for (Future<RecordMetadata> send : sends) {
      try {
        send.get();
      } catch (ExecutionException e) {
        throw new DeadLetterException("Kafka did not take a dead letter of partition " + partition
            + " for topic " + topic + ".", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DeadLetterException("Interrupted while waiting for the dead letters of partition "
            + partition + ".", e);
      }
    }
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

  /** A dead letter was not acknowledged; the partition's records must be read again. */
  public static final class DeadLetterException extends Exception {

    private static final long serialVersionUID = 1L;

    DeadLetterException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
