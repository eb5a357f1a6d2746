package io.github.selectcolor.bench.hdfs;

import io.github.selectcolor.bench.Poll;
import io.github.selectcolor.hdfssink.HdfsSinkApplication;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One pass of the HDFS sink over the pre-produced topic: the real application in this JVM, timed
 * from the first record its consumers read until its committed-records counter reaches the topic's
 * size; its bytes are those written, after compression. Start-up and the group join are not timed; the ceiling has neither.
 */
final class SinkPass {

  private static final Duration DEADLINE = Duration.ofMinutes(10);
  private static final Duration CHECK_INTERVAL = Duration.ofMillis(5);

  private final String bootstrapServers;
  private final URI fileSystem;
  private final String topic;

  SinkPass(String bootstrapServers, URI fileSystem, String topic) {
    this.bootstrapServers = bootstrapServers;
    this.fileSystem = fileSystem;
    this.topic = topic;
  }

  private static double consumed(MeterRegistry registry) {
    return registry.find("kafka.consumer.fetch.manager.records.consumed.total").functionCounters()
        .stream().mapToDouble(FunctionCounter::count).sum();
  }

  /**
   * @param compression the sink's settings for it, such as {@code hdfs-sink.compression=none}
   */
  Throughput run(String name, int workers, long records, long recordsPerFile,
      List<String> compression) throws InterruptedException {
    List<String> properties = new ArrayList<>(List.of("spring.config.name=hdfs-sink",
        "server.port=0", "spring.kafka.bootstrap-servers=" + bootstrapServers,
        "spring.kafka.consumer.group-id=" + name, "hdfs-sink.topic=" + topic,
        "hdfs-sink.dead-letter-topic=" + topic + ".dlq", "hdfs-sink.file-system=" + fileSystem,
        "hdfs-sink.base-path=/bench/" + name, "hdfs-sink.workers=" + workers,
        "hdfs-sink.roll.max-records=" + recordsPerFile, "hdfs-sink.roll.max-age=5s"));
    properties.addAll(compression);
    // The bench's own application.yml (the book-design baseline's) must not reach the sink.
    try (ConfigurableApplicationContext sink = HdfsSinkApplication.builder()
        .properties(properties.toArray(String[]::new)).run()) {
      MeterRegistry registry = sink.getBean(MeterRegistry.class);
      Counter written = registry.get("hdfs.sink.records.written").counter();
      Counter bytes = registry.get("hdfs.sink.bytes.written").counter();
      long started = Poll.until(() -> consumed(registry) > 0, CHECK_INTERVAL, DEADLINE,
          "a first record read by the sink");
      long ended = Poll.until(() -> written.count() >= records, CHECK_INTERVAL, DEADLINE,
          records + " records committed by the sink");
      return new Throughput((long) written.count(), (long) bytes.count(),
          Duration.ofNanos(ended - started));
    }
  }
}
