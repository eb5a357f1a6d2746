package io.github.selectcolor.collector.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.selectcolor.collector.CollectorProperties;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class KafkaProducerConfigurationTest {

  @Test
  void theDurablePolicyAsksEveryInSyncReplicaAndIsIdempotent() {
    Map<String, Object> config = producerConfig(Map.of("collector.delivery-policy", "durable"));

    assertThat(config).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
        .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
  }

  @Test
  void theFastPolicyIsTheBooksLeaderOnlyAcknowledgement() {
    Map<String, Object> config = producerConfig(Map.of("collector.delivery-policy", "fast"));

    assertThat(config).containsEntry(ProducerConfig.ACKS_CONFIG, "1")
        .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
  }

  @Test
  void springKafkaSettingsOverrideThePolicy() {
    Map<String, Object> config = producerConfig(Map.of(
        "collector.delivery-policy", "fast",
        "spring.kafka.producer.acks", "all",
        "spring.kafka.producer.compression-type", "zstd",
        "spring.kafka.producer.properties.linger.ms", "20"));

    assertThat(config).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
        .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd")
        .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "20");
  }

  @Test
  void fitsTheRequestTimeoutAndKafkasDefaultLingerInTheBound() {
    assertThat(producerConfig(Map.of())).doesNotContainKey(ProducerConfig.LINGER_MS_CONFIG)
        .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2000)
        .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1995);
  }

  @Test
  void givesUpOnAnEventWhenTheClientIsToldToRetry() {
    Map<String, Object> config = producerConfig(Map.of("collector.ack-timeout", "1500ms",
        "spring.kafka.producer.properties.linger.ms", "20"));

    assertThat(config).containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1500)
        .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1480)
        .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 500);
  }

  @Test
  void refusesAnOverrideWeakerThanThePolicyNamingItsKey() {
    assertThatThrownBy(() -> producerConfig(Map.of("collector.delivery-policy", "durable",
        "spring.kafka.producer.acks", "0")))
        .hasMessageContaining("spring.kafka.producer.acks=0 is weaker than the durable policy's "
            + "acks=all; remove it, or choose collector.delivery-policy=at-most-once");
    assertThatThrownBy(() -> producerConfig(Map.of("collector.delivery-policy", "fast",
        "spring.kafka.producer.properties.acks", "0")))
        .hasMessageContaining("spring.kafka.producer.properties.acks=0 is weaker than the fast");
    assertThatThrownBy(() -> producerConfig(Map.of(
        "spring.kafka.producer.properties.enable.idempotence", "false")))
        .hasMessageContaining("spring.kafka.producer.properties.enable.idempotence=false");
  }

  @Test
  void reachesAcksZeroOnlyThroughTheAtMostOncePolicy() {
    Map<String, Object> config = producerConfig(Map.of("collector.delivery-policy", "at-most-once"));

    assertThat(config).containsEntry(ProducerConfig.ACKS_CONFIG, "0")
        .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
  }

  @Test
  void refusesTimingsThatCannotWorkTogetherNamingEachKey() {
    assertThatThrownBy(() -> producerConfig(Map.of("collector.ack-timeout", "4ms")))
        .hasMessageContaining("collector.ack-timeout=4ms is not longer than linger.ms=5");
    assertThatThrownBy(() -> producerConfig(Map.of(
        "spring.kafka.producer.properties.delivery.timeout.ms", "1000",
        "spring.kafka.producer.properties.request.timeout.ms", "1500",
        "spring.kafka.producer.properties.max.block.ms", "60000")))
        .hasMessageContaining("spring.kafka.producer.properties.delivery.timeout.ms=1000 is "
            + "shorter than linger.ms + request.timeout.ms = 1505")
        .hasMessageContaining("spring.kafka.producer.properties.max.block.ms=60000 is longer than "
            + "collector.ack-timeout=2000ms");
  }

  private static Map<String, Object> producerConfig(Map<String, String> settings) {
    Binder binder = new Binder(new MapConfigurationPropertySource(settings));
    KafkaProperties kafka = binder.bindOrCreate("spring.kafka", KafkaProperties.class);
    CollectorProperties collector = binder.bindOrCreate("collector", CollectorProperties.class);
    return KafkaProducerConfiguration.producerConfig(kafka, collector, null);
  }
}
