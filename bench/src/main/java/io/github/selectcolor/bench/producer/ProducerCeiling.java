package io.github.selectcolor.bench.producer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer ceiling: how many of the collector's records one plain {@code KafkaProducer} lands per
 * second on this machine, without HTTP. Usage:
 * {@code ProducerCeiling BOOTSTRAP TOPIC fast|durable WARMUP_SECONDS DURATION_SECONDS}. Prints one
 * line, {@code BENCH records=N failed=N duration_us=N}, for bench/run.sh.
 */
public final class ProducerCeiling {

  private static final Logger log = LoggerFactory.getLogger(ProducerCeiling.class);

  private ProducerCeiling() {
  }

  public static void main(String[] args) {
    if (args.length != 5) {
      System.err.println(
          "Usage: ProducerCeiling BOOTSTRAP TOPIC fast|durable WARMUP_SECONDS DURATION_SECONDS");
      System.exit(2);
    }
    String topic = args[1];
    ProducerPolicy policy = ProducerPolicy.parse(args[2]);
    Duration warmup = Duration.ofSeconds(Long.parseLong(args[3]));
    Duration measured = Duration.ofSeconds(Long.parseLong(args[4]));
    byte[] value = SampleEvent.json();
    log.info("Measuring the producer ceiling on topic {} with the {} policy and {}-byte records: "
        + "{} s warm-up, {} s measured.", topic, policy, value.length, warmup.toSeconds(),
        measured.toSeconds());
    ProducerLoop.Result result;
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings(args[0], policy))) {
      result = new ProducerLoop(producer, topic, value).run(warmup, measured);
    }
    System.out.printf("BENCH records=%d failed=%d duration_us=%d record_bytes=%d%n", result.records(),
        result.failed(), result.duration().toNanos() / 1_000, value.length);
  }

  private static Map<String, Object> settings(String bootstrapServers, ProducerPolicy policy) {
    Map<String, Object> settings = new HashMap<>(policy.producerSettings());
    settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return settings;
  }
}
