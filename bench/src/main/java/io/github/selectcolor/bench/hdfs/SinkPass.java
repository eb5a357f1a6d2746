package io.github.selectcolor.bench.hdfs;

import io.github.selectcolor.hdfssink.HdfsSinkApplication;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One pass of the HDFS sink over the pre-produced topic: the real application in this JVM, timed
 * from the moment it is started until its committed-records counter reaches the topic's size.
 */
final class SinkPass {

  private static final Duration DEADLINE = Duration.ofMinutes(10);

  private final String bootstrapServers;
  private final URI fileSystem;
  private final String topic;

  SinkPass(String bootstrapServers, URI fileSystem, String topic) {
    this.bootstrapServers = bootstrapServers;
    this.fileSystem = fileSystem;
    this.topic = topic;
  }

  Throughput run(String name, int workers, long records, long recordsPerFile)
      throws InterruptedException {
    long started = System.nanoTime();
    // The bench's own application.yml (the book-design baseline's) must not reach the sink.
    try (ConfigurableApplicationContext sink = HdfsSinkApplication.builder()
        .properties("spring.config.name=hdfs-sink", "server.port=0",
            "spring.kafka.bootstrap-servers=" + bootstrapServers,
            "spring.kafka.consumer.group-id=" + name,
            "hdfs-sink.topic=" + topic, "hdfs-sink.dead-letter-topic=" + topic + ".dlq",
            "hdfs-sink.file-system=" + fileSystem, "hdfs-sink.base-path=/bench/" + name,
            "hdfs-sink.workers=" + workers, "hdfs-sink.roll.max-records=" + recordsPerFile,
            "hdfs-sink.roll.max-age=10m")
        .run()) {
      MeterRegistry registry = sink.getBean(MeterRegistry.class);
      Counter written = registry.get("hdfs.sink.records.written").counter();
      Counter bytes = registry.get("hdfs.sink.bytes.written").counter();
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (written.count() < records) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("The sink committed " + (long) written.count() + " of "
              + records + " records within " + DEADLINE + ".");
        }
        Thread.sleep(5);
      }
      return new Throughput((long) written.count(), (long) bytes.count(),
          Duration.ofNanos(System.nanoTime() - started));
    }
  }
}
