package io.github.selectcolor.bench.hdfs;

import java.time.Duration;
import io.github.selectcolor.hdfssink.worker.SinkClients;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The ceiling: one thread per partition, each with a plain KafkaConsumer assigned to its partition,
 * reading from the start to the end offset and discarding the records. It fetches with the sink's
 * fetch settings, so that both read alike. Not thread-safe: one run at
 * a time.
 */
final class PlainConsumerCeiling {

  private final String bootstrapServers;
  private final String topic;

  PlainConsumerCeiling(String bootstrapServers, String topic) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
  }

  Throughput read(int partitions) throws InterruptedException {
    ExecutorService threads = Executors.newFixedThreadPool(partitions,
        runnable -> new Thread(runnable, "ceiling-consumer"));
    try {
      long started = System.nanoTime();
      List<Future<long[]>> reads = new ArrayList<>();
      for (int partition = 0; partition < partitions; partition++) {
        TopicPartition assigned = new TopicPartition(topic, partition);
        reads.add(threads.submit(() -> readToEnd(assigned)));
      }
      long records = 0;
      long bytes = 0;
      for (Future<long[]> read : reads) {
        long[] counts = read.get();
        records += counts[0];
        bytes += counts[1];
      }
      return new Throughput(records, bytes, Duration.ofNanos(System.nanoTime() - started));
    } catch (ExecutionException e) {
      throw new IllegalStateException("A ceiling consumer failed.", e.getCause());
    } finally {
      threads.shutdownNow();
    }
  }

  private long[] readToEnd(TopicPartition partition) {
    Map<String, Object> config = new HashMap<>(SinkClients.FETCH_DEFAULTS);
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      long records = 0;
      long bytes = 0;
      while (consumer.position(partition) < end) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          records++;
          bytes += record.value().length + 1;
        }
      }
      return new long[] {records, bytes};
    }
  }
}
