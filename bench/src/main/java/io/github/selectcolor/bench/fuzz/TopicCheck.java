package io.github.selectcolor.bench.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the whole topic after the run and compares it with the controls: every control answered
 * 202 must be there exactly once, a control answered otherwise at most once, and nothing else.
 *
 * @param records   records in the topic
 * @param missing   controls answered 202 but absent
 * @param duplicated eventIds found more than once
 * @param strangers records whose eventId belongs to no control: a refused request that landed
 */
record TopicCheck(long records, long missing, long duplicated, long strangers) {

  boolean passed() {
    return missing == 0 && duplicated == 0 && strangers == 0;
  }

  static TopicCheck read(String bootstrapServers, String topic, Set<UUID> accepted,
      Set<UUID> unsure) throws IOException {
    Map<UUID, Integer> seen = new HashMap<>();
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
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
          records++;
          seen.merge(UUID.fromString(json.readTree(record.value()).get("eventId").asText()), 1,
              Integer::sum);
        }
      }
    }
    long missing = accepted.stream().filter(id -> !seen.containsKey(id)).count();
    long duplicated = seen.values().stream().filter(count -> count > 1).count();
    long strangers = seen.keySet().stream()
        .filter(id -> !accepted.contains(id) && !unsure.contains(id)).count();
    return new TopicCheck(records, missing, duplicated, strangers);
  }
}
