package io.github.selectcolor.hdfssink.worker;

import io.github.selectcolor.hdfssink.HdfsSinkProperties;
import java.io.IOException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.stereotype.Component;

/**
 * Makes each worker's clients from Spring Boot's {@code spring.kafka.*} and the sink's settings.
 * What exactly-once depends on is not overridable: no auto-commit (HDFS holds the progress),
 * {@code auto.offset.reset=earliest} (a user's other value stops the start-up, see
 * {@link ExactlyOnceConsumerSettings}) and dead letters acknowledged by every in-sync replica.
 * Thread-safe.
 */
@Component
public class SinkClients {

  /**
   * Larger fetches than Kafka's defaults: a consumer only fetches a partition again once it handed
   * out what it buffered, so with 1 MB fetches a busy worker waits for a round trip every 2,000
   * events. Each stays overridable through {@code spring.kafka.consumer.*}.
   */
  public static final Map<String, Object> FETCH_DEFAULTS = Map.of(
      ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024,
      ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);

  private final KafkaProperties kafka;
  private final SslBundles sslBundles;
  private final HdfsSinkProperties properties;

  public SinkClients(KafkaProperties kafka, SslBundles sslBundles, HdfsSinkProperties properties) {
    ExactlyOnceConsumerSettings.check(kafka);
    this.kafka = kafka;
    this.sslBundles = sslBundles;
    this.properties = properties;
  }

  KafkaConsumer<byte[], byte[]> consumer(String workerName) {
    return new KafkaConsumer<>(consumerConfig(workerName));
  }

  Map<String, Object> consumerConfig(String workerName) {
    Map<String, Object> config = kafka.buildConsumerProperties(sslBundles);
    config.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, "hdfs-sink");
    config.putIfAbsent(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    FETCH_DEFAULTS.forEach(config::putIfAbsent);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId(workerName));
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
        ExactlyOnceConsumerSettings.AUTO_OFFSET_RESET);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return config;
  }

  KafkaProducer<byte[], byte[]> deadLetterProducer(String workerName) {
    Map<String, Object> config = kafka.buildProducerProperties(sslBundles);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId(workerName) + "-dead-letters");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return new KafkaProducer<>(config);
  }

  /** A new HDFS client of its own; the caller closes it. */
  FileSystem fileSystem() throws IOException {
    return FileSystem.newInstance(properties.fileSystem(), hadoopConfiguration());
  }

  Configuration hadoopConfiguration() {
    Configuration configuration = new Configuration();
    properties.hadoop().forEach(configuration::set);
    return configuration;
  }

  private String clientId(String workerName) {
    String prefix = kafka.getClientId() != null ? kafka.getClientId() : "hdfs-sink";
    return prefix + "-" + workerName.substring(workerName.lastIndexOf('-') + 1);
  }
}
