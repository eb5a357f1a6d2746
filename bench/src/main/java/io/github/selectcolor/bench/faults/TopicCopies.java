package io.github.selectcolor.bench.faults;

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
 * The copies of each eventId in the topic itself, read from its start to the end offsets of the
 * moment the read began. Copies here are resends the producer's idempotence cannot remove (a
 * client that got no answer, a collector restart); the stores must still hold each event once.
 *
 * @param records    records in the topic
 * @param distinct   distinct eventIds among them
 * @param duplicated eventIds in more than one record
 * @param extraCopies records beyond the first of each eventId, summed
 */
record TopicCopies(long records, int distinct, int duplicated, long extraCopies) {

  private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

  static TopicCopies read(String bootstrapServers, String topic)
      throws IOException, TimeoutException {
    Map<String, Integer> copies = new HashMap<>();
    long records = 0;
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
          records++;
          copies.merge(json.readTree(record.value()).path("eventId").asText(), 1, Integer::sum);
        }
      }
    }
    int duplicated = (int) copies.values().stream().filter(count -> count > 1).count();
    return new TopicCopies(records, copies.size(), duplicated, records - copies.size());
  }
}
