package io.github.selectcolor.bench.lab;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;

/**
 * A row of the delivery lab: the producer's acks and idempotence, and the topic's
 * min.insync.replicas and unclean leader election, all with replication factor 3. Idempotence is
 * set explicitly in every row, since a producer left to its default silently turns it off when
 * acks is 0 or 1.
 */
enum LabPolicy {

  ACKS_0("acks=0", "0", false, 1, false, "at-most-once"),
  ACKS_1("acks=1 (the book's)", "1", false, 1, false, "fast"),
  ACKS_ALL_ISR_1("acks=all, min.insync.replicas=1", "all", true, 1, false, "durable"),
  DURABLE("durable: acks=all, min.insync.replicas=2, idempotent", "all", true, 2, false, "durable"),
  DURABLE_UNCLEAN("durable + unclean.leader.election.enable", "all", true, 2, true, "durable");

  static final int REPLICATION_FACTOR = 3;

  private final String description;
  private final String acks;
  private final boolean idempotent;
  private final int minInsyncReplicas;
  private final boolean uncleanElection;
  private final String collectorPolicy;

  LabPolicy(String description, String acks, boolean idempotent, int minInsyncReplicas,
      boolean uncleanElection, String collectorPolicy) {
    this.description = description;
    this.acks = acks;
    this.idempotent = idempotent;
    this.minInsyncReplicas = minInsyncReplicas;
    this.uncleanElection = uncleanElection;
    this.collectorPolicy = collectorPolicy;
  }

  /** How the lab's options name it, such as {@code acks-all-isr-1}. */
  String optionName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static LabPolicy ofOption(String option) {
    return Arrays.stream(values()).filter(policy -> policy.optionName().equals(option)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown policy '" + option + "'; the"
            + " policies are " + Arrays.stream(values()).map(LabPolicy::optionName).toList()
            + "."));
  }

  String description() {
    return description;
  }

  boolean uncleanElection() {
    return uncleanElection;
  }

  String topic() {
    return "lab-" + optionName();
  }

  /** The topic's own settings; replication comes from its replica assignment. */
  Map<String, String> topicConfigs() {
    return Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(minInsyncReplicas),
        TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG, String.valueOf(uncleanElection));
  }

  /** The bare producer's settings besides bootstrap servers and serializers. */
  Map<String, Object> producerSettings() {
    return Map.of(ProducerConfig.ACKS_CONFIG, acks,
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, idempotent,
        // The collector's defaults (collector.ack-timeout 2 s), so that both senders give up alike.
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2_000,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_995,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 500);
  }

  /** The collector's arguments for this row; the lab creates the topic before it starts. */
  List<String> collectorArguments() {
    return List.of("--collector.delivery-policy=" + collectorPolicy,
        "--collector.topic.name=" + topic(),
        "--collector.topic.min-insync-replicas=" + minInsyncReplicas,
        "--spring.kafka.producer.properties.enable.idempotence=" + idempotent);
  }
}
