package io.github.selectcolor.essink.it;

import io.github.selectcolor.event.EventJson;
import io.github.selectcolor.event.EventTimes;
import io.github.selectcolor.event.SelectColorEvent;
import io.github.selectcolor.event.UserAgentDetails;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes events into a topic the way the collector does: the event's JSON, no key. */
final class Events implements AutoCloseable {

  static final String KOREAN_NAME = "김민준";
  private static final String[] COLORS = {"red", "orange", "yellow", "green", "blue", "purple"};
  private static final String USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) "
      + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;
  private final EventJson json = new EventJson();

  Events(String bootstrapServers, String topic) {
    this.topic = topic;
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
  }

  static SelectColorEvent event(int index) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    String name = index % 3 == 0 ? KOREAN_NAME : "user-" + index;
    return SelectColorEvent.of(UUID.randomUUID(), now.minusNanos(5_000_000), now.minusNanos(
        1_000_000), now, name, COLORS[index % COLORS.length], USER_AGENT,
        new UserAgentDetails("Chrome", "131", "Windows NT", "Desktop"));
  }

  /** The JSON of an event with only an id, a color and a receipt time of now. */
  static String minimal(String eventId, String colorName) {
    return "{\"eventId\":\"" + eventId + "\",\"colorName\":\"" + colorName
        + "\",\"receivedAt\":\"" + EventTimes.format(OffsetDateTime.now(ZoneOffset.UTC)) + "\"}";
  }

  /** Sends {@code count} new events and waits until Kafka has every one of them. */
  List<SelectColorEvent> send(int count) {
    List<SelectColorEvent> sent = new ArrayList<>(count);
    List<Future<RecordMetadata>> acks = new ArrayList<>(count);
    for (int index = 0; index < count; index++) {
      SelectColorEvent event = event(index);
      acks.add(producer.send(new ProducerRecord<>(topic, json.write(event))));
      sent.add(event);
    }
    awaitAll(acks);
    return sent;
  }

  /** Sends one value as it is and waits until Kafka has it. */
  void sendRaw(String value) {
    awaitAll(List.of(producer.send(new ProducerRecord<>(topic,
        value.getBytes(StandardCharsets.UTF_8)))));
  }

  private void awaitAll(List<Future<RecordMetadata>> acks) {
    producer.flush();
    try {
      for (Future<RecordMetadata> ack : acks) {
        ack.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("Kafka did not take a test event.", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while sending test events.", e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
