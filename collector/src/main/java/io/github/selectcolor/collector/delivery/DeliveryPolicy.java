package io.github.selectcolor.collector.delivery;

import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The documented trade-offs between throughput and keeping every acknowledged event. Each sets
 * producer defaults that any {@code spring.kafka.producer.*} setting still overrides, and the
 * replication the collector provisions the topic with.
 */
public enum DeliveryPolicy {

  /**
   * Nothing is acknowledged (acks=0): a 202 means the events were sent, not that Kafka stored them,
   * so a broker failure loses them silently. Only for measuring, such as the delivery lab, or for
   * events worth nothing when lost. Topic: replication factor 3, min.insync.replicas 1.
   */
  AT_MOST_ONCE("0", false, 3, 1),

  /**
   * The book's choice: the partition leader acknowledges alone (acks=1) and retries are not
   * idempotent. An event acknowledged just before its leader fails can be lost, and a retry can
   * duplicate it. Topic: replication factor 2, min.insync.replicas 1.
   */
  FAST("1", false, 2, 1),

  /**
   * Every in-sync replica acknowledges (acks=all) and the producer is idempotent, so retries neither
   * lose nor duplicate nor reorder within a partition. With min.insync.replicas=2 of 3 replicas an
   * acknowledged event survives the loss of any one broker, and writes stop (503) rather than risk
   * loss when only one replica is left.
   */
  DURABLE("all", true, 3, 2);

  private final String acks;
  private final boolean idempotent;
  private final int replicationFactor;
  private final int minInsyncReplicas;

  DeliveryPolicy(String acks, boolean idempotent, int replicationFactor, int minInsyncReplicas) {
    this.acks = acks;
    this.idempotent = idempotent;
    this.replicationFactor = replicationFactor;
    this.minInsyncReplicas = minInsyncReplicas;
  }

  /** Producer settings of this policy, to be overridden by the user's own. */
  public Map<String, Object> producerDefaults() {
    return Map.of(
        ProducerConfig.ACKS_CONFIG, acks,
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, idempotent);
  }

  /** How {@code collector.delivery-policy} names this policy, such as {@code at-most-once}. */
  public String settingName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  String acks() {
    return acks;
  }

  boolean idempotent() {
    return idempotent;
  }

  public int replicationFactor() {
    return replicationFactor;
  }

  public int minInsyncReplicas() {
    return minInsyncReplicas;
  }
}
