package io.github.selectcolor.bench.producer;

import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The producer settings of the collector's delivery policies, so that the ceiling is measured with
 * the guarantees of the collector run it is compared with. Mirrors the collector's
 * {@code DeliveryPolicy}; this module does not depend on the collector, whose WebFlux would share a
 * classpath with the baseline's Spring MVC.
 */
enum ProducerPolicy {

  /** acks=1, not idempotent: the book's settings and the collector's {@code fast} policy. */
  FAST("1", false),

  /** acks=all and idempotent: the collector's {@code durable} policy. */
  DURABLE("all", true);

  private final String acks;
  private final boolean idempotent;

  ProducerPolicy(String acks, boolean idempotent) {
    this.acks = acks;
    this.idempotent = idempotent;
  }

  static ProducerPolicy parse(String name) {
    for (ProducerPolicy policy : values()) {
      if (policy.name().equalsIgnoreCase(name)) {
        return policy;
      }
    }
    throw new IllegalArgumentException("Unknown policy '" + name + "'; use fast or durable.");
  }

  Map<String, Object> producerSettings() {
    return Map.of(
        ProducerConfig.ACKS_CONFIG, acks,
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, idempotent);
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
