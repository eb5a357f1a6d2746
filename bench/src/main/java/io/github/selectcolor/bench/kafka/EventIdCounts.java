package io.github.selectcolor.bench.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How many records of a topic carry each eventId, read from the topic's start to the end offsets
 * of the moment the read began, within a deadline.
 */
public final class EventIdCounts {

  private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

  private EventIdCounts() {
  }

  /** The records per eventId (its text as written; "" for a record without one). */
  public static Map<String, Integer> read(String bootstrapServers, String topic)
      throws IOException, TimeoutException {
    Map<String, Integer> counts = new HashMap<>();
    ObjectMapper json = new ObjectMapper();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30))
          .stream().map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (System.nanoTime() - deadline > 0) {
          throw new TimeoutException("Reading " + topic + " to its end offsets " + ends
              + " did not end within " + READ_TIMEOUT.toSeconds() + " s.");
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
          counts.merge(json.readTree(record.value()).path("eventId").asText(), 1, Integer::sum);
        }
      }
    }
    return counts;
  }
}
