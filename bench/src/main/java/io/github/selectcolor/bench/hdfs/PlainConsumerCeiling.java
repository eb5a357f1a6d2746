package io.github.selectcolor.bench.hdfs;

import io.github.selectcolor.hdfssink.worker.SinkClients;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Plain consumer loops reading the whole topic from the start to the end offsets and discarding the
 * records, or handing them to a {@link RecordHandler} that does nothing else with them: the
 * ceilings the sink is compared with. Not thread-safe: one run at a time.
 */
final class PlainConsumerCeiling {

  private final String bootstrapServers;
  private final String topic;

  PlainConsumerCeiling(String bootstrapServers, String topic) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
  }

  /** One plain KafkaConsumer with Kafka's defaults, assigned every partition: the ceiling. */
  Throughput readWithOneConsumer(int partitions) throws IOException {
    return readToEnd(IntStream.range(0, partitions)
        .mapToObj(partition -> new TopicPartition(topic, partition)).toList(), Map.of(),
        RecordHandler.DISCARD).throughput();
  }

  /**
   * One thread per partition, each a KafkaConsumer with the sink's fetch settings: what the sink's
   * workers could read if landing the records cost nothing. A stricter ceiling than the issue's.
   */
  Throughput readWithConsumerPerPartition(int partitions) throws InterruptedException {
    return readWithConsumerPerPartition(partitions, partition -> RecordHandler.DISCARD);
  }

  /**
   * Like {@link #readWithConsumerPerPartition(int)}, each consumer handing its records to the
   * partition's handler; timed until the last handler has {@linkplain RecordHandler#end ended}.
   */
  Throughput readWithConsumerPerPartition(int partitions, IntFunction<RecordHandler> handlers)
      throws InterruptedException {
    ExecutorService threads = Executors.newFixedThreadPool(partitions,
        runnable -> new Thread(runnable, "ceiling-consumer"));
    try {
      List<Future<Read>> reads = new ArrayList<>();
      for (int partition = 0; partition < partitions; partition++) {
        List<TopicPartition> assigned = List.of(new TopicPartition(topic, partition));
        RecordHandler handler = handlers.apply(partition);
        reads.add(threads.submit(() -> readToEnd(assigned, SinkClients.FETCH_DEFAULTS, handler)));
      }
      Read all = null;
      for (Future<Read> read : reads) {
        all = all == null ? read.get() : all.and(read.get());
      }
      return all.throughput();
    } catch (ExecutionException e) {
      throw new IllegalStateException("A ceiling consumer failed.", e.getCause());
    } finally {
      threads.shutdownNow();
    }
  }

  private Read readToEnd(List<TopicPartition> partitions, Map<String, Object> settings,
      RecordHandler handler) throws IOException {
    Map<String, Object> config = new HashMap<>(settings);
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long records = 0;
      long bytes = 0;
      long firstRecordAt = 0;
      while (!caughtUp(consumer, ends)) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          if (records == 0) {
            firstRecordAt = System.nanoTime();
          }
          records++;
          bytes += record.value().length + 1;
          handler.record(record);
        }
      }
      handler.end();
      return new Read(records, bytes, firstRecordAt, System.nanoTime());
    }
  }

  /** What a ceiling does with each record it reads. Not thread-safe: one per consumer. */
  interface RecordHandler {

    RecordHandler DISCARD = new RecordHandler() {
      @Override
      public void record(ConsumerRecord<byte[], byte[]> record) {
      }

      @Override
      public void end() {
      }
    };

    void record(ConsumerRecord<byte[], byte[]> record) throws IOException;

    /** Called once the consumer has read to the end offsets. */
    void end() throws IOException;
  }

  private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer,
      Map<TopicPartition, Long> ends) {
    return ends.entrySet().stream()
        .allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
  }

  /**
   * Timed like the sink, from the first record read: the client's start, metadata and offset
   * lookups are not part of either.
   */
  private record Read(long records, long bytes, long firstRecordAt, long endedAt) {

    Read and(Read other) {
      return new Read(records + other.records, bytes + other.bytes,
          Math.min(firstRecordAt, other.firstRecordAt), Math.max(endedAt, other.endedAt));
    }

    Throughput throughput() {
      return new Throughput(records, bytes, Duration.ofNanos(endedAt - firstRecordAt));
    }
  }
}
