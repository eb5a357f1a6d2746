package io.github.selectcolor.bench.kafka;

import io.github.selectcolor.embedded.kafka.LocalKafkaCluster;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a KRaft Kafka cluster in a JVM of its own until the process is stopped, for the
 * benchmark. Usage: {@code BenchKafka BROKERS [PORT...]}: without ports the brokers listen on
 * OS-assigned ones. Prints {@value #READY} followed by the bootstrap servers once every broker is
 * ready. Disk use is bounded by a size-based retention, since a run writes gigabytes.
 */
public final class BenchKafka {

  /** The line start bench/run.sh waits for. */
  public static final String READY = "bench-kafka ready bootstrap.servers=";

  private static final Logger log = LoggerFactory.getLogger(BenchKafka.class);
  private static final String RETENTION_BYTES_PER_PARTITION = String.valueOf(256L * 1024 * 1024);
  private static final String SEGMENT_BYTES = String.valueOf(64L * 1024 * 1024);

  private BenchKafka() {
  }

  public static void main(String[] args) throws InterruptedException {
    if (args.length < 1) {
      System.err.println("Usage: BenchKafka BROKERS [PORT...]");
      System.exit(2);
    }
    int brokers = Integer.parseInt(args[0]);
    List<Integer> ports = Arrays.stream(args).skip(1).map(Integer::valueOf).toList();
    Map<String, String> retention = Map.of(
        "log.retention.bytes", RETENTION_BYTES_PER_PARTITION,
        "log.segment.bytes", SEGMENT_BYTES,
        "log.retention.check.interval.ms", "30000");
    LocalKafkaCluster cluster = (ports.isEmpty()
        ? LocalKafkaCluster.temporary(brokers, retention)
        : LocalKafkaCluster.temporary(ports, retention))
        .start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("Stopping the benchmark's Kafka cluster.");
      cluster.close();
      stopped.countDown();
    }, "bench-kafka-shutdown"));
    System.out.println(READY + cluster.bootstrapServers());
    stopped.await();
  }
}
