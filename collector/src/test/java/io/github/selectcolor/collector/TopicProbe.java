package io.github.selectcolor.collector;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what really landed in a topic, for assertions. */
public final class TopicProbe implements AutoCloseable {

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<TopicPartition> partitions;

  public TopicProbe(String bootstrapServers, String topic) {
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    this.partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
        .map(info -> new TopicPartition(topic, info.partition()))
        .toList();
    consumer.assign(partitions);
  }

  /** The number of records in the topic now: the sum of the partitions' end offsets. */
  public long recordCount() {
    return consumer.endOffsets(partitions, Duration.ofSeconds(30)).values().stream()
        .mapToLong(Long::longValue).sum();
  }

  /** Every record from the start of the topic, once at least {@code expected} have arrived. */
  public List<ConsumerRecord<String, byte[]>> readAll(int expected, Duration deadline) {
    consumer.seekToBeginning(partitions);
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    await("at least " + expected + " records in the topic").atMost(deadline).until(() -> {
      consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      return records.size() >= expected && caughtUp();
    });
    return records;
  }

  private boolean caughtUp() {
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
    return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
  }

  @Override
  public void close() {
    consumer.close();
  }
}
