package io.github.selectcolor.bench.latency;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The baseline: a plain consumer of the topic, outside any group, noting when each event became
 * readable in Kafka. Both sinks can be no faster than this.
 */
final class KafkaWatcher implements AutoCloseable {

  private final ObjectMapper json = new ObjectMapper();
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Arrivals arrivals = new Arrivals();
  private final Thread thread;

  KafkaWatcher(String bootstrapServers, String topic) {
    consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100"),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
        .map(info -> new TopicPartition(topic, info.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    thread = new Thread(this::consume, "bench-kafka-watcher");
    thread.start();
  }

  Arrivals arrivals() {
    return arrivals;
  }

  private void consume() {
    try {
      while (true) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
          long now = System.nanoTime();
          arrivals.record(json.readTree(record.value()).get("eventId").asText(), now);
        }
      }
    } catch (WakeupException e) {
      // close() asked it to stop.
    } catch (IOException e) {
      throw new IllegalStateException("A record of the topic is not JSON.", e);
    } finally {
      consumer.close();
    }
  }

  @Override
  public void close() throws InterruptedException {
    consumer.wakeup();
    thread.join();
  }
}
