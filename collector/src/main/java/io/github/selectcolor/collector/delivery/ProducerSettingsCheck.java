package io.github.selectcolor.collector.delivery;

import io.github.selectcolor.collector.CollectorProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;

/**
 * Checks the producer's settings, as merged from the policy and the user's, against the delivery
 * policy and against each other, naming the key of each problem: an override may make the producer
 * stronger than its policy, never weaker, and its timings must fit in the acknowledgement bound.
 */
final class ProducerSettingsCheck {

  private static final int KAFKA_DEFAULT_LINGER_MS = 5;
  private static final List<String> ACKS_BY_STRENGTH = List.of("0", "1", "all");

  private final KafkaProperties kafka;
  private final CollectorProperties collector;

  ProducerSettingsCheck(KafkaProperties kafka, CollectorProperties collector) {
    this.kafka = kafka;
    this.collector = collector;
  }

  /** Every problem of the merged configuration; empty when it can work as the policy promises. */
  List<String> problems(Map<String, Object> config) {
    List<String> problems = new ArrayList<>();
    checkAgainstThePolicy(config, problems);
    checkTimings(config, problems);
    return problems;
  }

  private void checkAgainstThePolicy(Map<String, Object> config, List<String> problems) {
    DeliveryPolicy policy = collector.deliveryPolicy();
    String acks = normalizedAcks(config.get(ProducerConfig.ACKS_CONFIG));
    if (strength(acks) < strength(policy.acks())) {
      problems.add(key(ProducerConfig.ACKS_CONFIG, kafka.getProducer().getAcks() != null
          ? "spring.kafka.producer.acks" : null) + "=" + acks + " is weaker than the "
          + policy.settingName() + " policy's acks=" + policy.acks()
          + "; remove it, or choose collector.delivery-policy=" + weakestPolicyFor(acks));
    }
    if (policy.idempotent()
        && "false".equals(String.valueOf(config.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)))) {
      problems.add(key(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, null) + "=false turns off the "
          + policy.settingName() + " policy's idempotence, so a retry could duplicate events");
    }
    if (policy.idempotent() && "0".equals(String.valueOf(config.get(ProducerConfig.RETRIES_CONFIG)))) {
      problems.add(key(ProducerConfig.RETRIES_CONFIG, kafka.getProducer().getRetries() != null
          ? "spring.kafka.producer.retries" : null) + "=0 leaves the idempotent producer of the "
          + policy.settingName() + " policy no retries");
    }
  }

  private void checkTimings(Map<String, Object> config, List<String> problems) {
    long ackTimeoutMs = collector.ackTimeout().toMillis();
    long lingerMs = millis(config, ProducerConfig.LINGER_MS_CONFIG, KAFKA_DEFAULT_LINGER_MS);
    long deliveryMs = millis(config, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, ackTimeoutMs);
    long requestMs = millis(config, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, deliveryMs);
    long maxBlockMs = millis(config, ProducerConfig.MAX_BLOCK_MS_CONFIG, ackTimeoutMs);
    if (ackTimeoutMs <= lingerMs) {
      problems.add("collector.ack-timeout=" + ackTimeoutMs + "ms is not longer than "
          + key(ProducerConfig.LINGER_MS_CONFIG, null) + "=" + lingerMs
          + ", so every request would time out while its events wait to be sent");
    }
    if (deliveryMs < lingerMs + requestMs) {
      problems.add(key(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, null) + "=" + deliveryMs
          + " is shorter than linger.ms + request.timeout.ms = " + (lingerMs + requestMs)
          + "; without your own value it follows collector.ack-timeout");
    }
    if (maxBlockMs > ackTimeoutMs) {
      problems.add(key(ProducerConfig.MAX_BLOCK_MS_CONFIG, null) + "=" + maxBlockMs
          + " is longer than collector.ack-timeout=" + ackTimeoutMs
          + "ms; it would hold the web server's threads past the bound");
    }
  }

  private String key(String kafkaKey, String springKey) {
    if (springKey != null) {
      return springKey;
    }
    if (kafka.getProducer().getProperties().containsKey(kafkaKey)) {
      return "spring.kafka.producer.properties." + kafkaKey;
    }
    if (kafka.getProperties().containsKey(kafkaKey)) {
      return "spring.kafka.properties." + kafkaKey;
    }
    return kafkaKey;
  }

  private static long millis(Map<String, Object> config, String key, long otherwise) {
    Object value = config.get(key);
    return value == null ? otherwise : Long.parseLong(value.toString().trim());
  }

  private static String normalizedAcks(Object acks) {
    String value = String.valueOf(acks).trim().toLowerCase(Locale.ROOT);
    return "-1".equals(value) ? "all" : value;
  }

  private static int strength(String acks) {
    return ACKS_BY_STRENGTH.indexOf(acks);
  }

  private static String weakestPolicyFor(String acks) {
    return "0".equals(acks) ? DeliveryPolicy.AT_MOST_ONCE.settingName()
        : DeliveryPolicy.FAST.settingName();
  }
}
