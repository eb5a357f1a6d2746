package io.github.selectcolor.collector.delivery;

import io.github.selectcolor.collector.CollectorProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.ProducerListener;

/**
 * The one producer the collector shares between all requests. Its settings are, in rising
 * precedence: Kafka's defaults, the delivery policy's, the collector's bound on blocking, and every
 * {@code spring.kafka.producer.*} setting the user gave.
 */
@Configuration(proxyBeanMethods = false)
class KafkaProducerConfiguration {

  private static final Logger log = LoggerFactory.getLogger(KafkaProducerConfiguration.class);

  /**
   * How long {@code send()} may hold a request thread when the producer has no metadata for the
   * topic yet; kept short because it runs on the web server's event loop.
   */
  static final int DEFAULT_MAX_BLOCK_MS = 500;

  /** Kafka 4's default linger.ms. */
  private static final int KAFKA_DEFAULT_LINGER_MS = 5;

  @Bean
  ProducerFactory<String, byte[]> eventProducerFactory(KafkaProperties kafka,
      CollectorProperties collector, ObjectProvider<SslBundles> sslBundles, MeterRegistry meterRegistry) {
    DefaultKafkaProducerFactory<String, byte[]> factory =
        new DefaultKafkaProducerFactory<>(producerConfig(kafka, collector, sslBundles.getIfAvailable()));
    factory.addListener(new MicrometerProducerListener<>(meterRegistry));
    return factory;
  }

  @Bean
  KafkaTemplate<String, byte[]> eventKafkaTemplate(ProducerFactory<String, byte[]> factory) {
    KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(factory);
    // The publisher times whole requests; a timer per record would cost more than it tells.
    template.setMicrometerEnabled(false);
    // The publisher classifies and counts failures; the default listener would log each record.
    template.setProducerListener(new ProducerListener<>() { });
    return template;
  }

  static Map<String, Object> producerConfig(KafkaProperties kafka, CollectorProperties collector,
      SslBundles sslBundles) {
    Map<String, Object> config = new HashMap<>(collector.deliveryPolicy().producerDefaults());
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG,
        (int) Math.min(DEFAULT_MAX_BLOCK_MS, collector.ackTimeout().toMillis()));
    config.putAll(kafka.buildProducerProperties(sslBundles));
    alignTimeoutsWithTheAcknowledgementBound(config, collector.ackTimeout().toMillis());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    List<String> problems = new ProducerSettingsCheck(kafka, collector).problems(config);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("The producer settings cannot work: "
          + String.join("; ", problems) + ".");
    }
    if (collector.deliveryPolicy() == DeliveryPolicy.AT_MOST_ONCE) {
      log.warn("The at-most-once policy sends with acks=0: a 202 means the events were sent, not "
          + "that Kafka stored them, and a broker failure loses them without an error.");
    }
    return config;
  }

  /**
   * A client told 503 sends the event again, so the producer should give up on the first copy by
   * then: otherwise it lands later as well and every outage duplicates events. Unless the user set
   * them, the delivery timeout equals the acknowledgement bound and the request timeout fits in it.
   */
  private static void alignTimeoutsWithTheAcknowledgementBound(Map<String, Object> config,
      long ackTimeoutMs) {
    config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ackTimeoutMs);
    int deliveryTimeoutMs = Integer.parseInt(
        config.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG).toString());
    int lingerMs = Integer.parseInt(
        config.getOrDefault(ProducerConfig.LINGER_MS_CONFIG, KAFKA_DEFAULT_LINGER_MS).toString());
    config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
        Math.max(1, deliveryTimeoutMs - lingerMs));
  }
}
