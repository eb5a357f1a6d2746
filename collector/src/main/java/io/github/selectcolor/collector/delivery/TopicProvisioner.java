package io.github.selectcolor.collector.delivery;

import io.github.selectcolor.collector.CollectorProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the events topic with the policy's replication when it is missing, and checks an existing
 * one. Settings that cannot work are reported with every problem named; settings that work but
 * weaken the policy are logged as warnings. Runs on the provisioning thread only.
 */
final class TopicProvisioner {

  private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

  private final CollectorProperties properties;
  private final String acks;
  private final Duration timeout;

  TopicProvisioner(CollectorProperties properties, String acks, Duration timeout) {
    this.properties = properties;
    this.acks = acks;
    this.timeout = timeout;
  }

  /**
   * Provisions or checks the topic, or only checks that Kafka answers when provisioning is off.
   *
   * @throws TopicSettingsException when the topic or the settings cannot work on this cluster
   * @throws ExecutionException     when Kafka refused or could not be reached
   * @throws TimeoutException       when Kafka did not answer in time
   */
  void provision(Admin admin)
      throws ExecutionException, InterruptedException, TimeoutException {
    int brokers = admin.describeCluster(new DescribeClusterOptions()
            .timeoutMs((int) timeout.toMillis()))
        .nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
    if (properties.topic().provision()) {
      provision(admin, brokers);
    }
  }

  private void provision(Admin admin, int brokers)
      throws ExecutionException, InterruptedException, TimeoutException {
    List<String> problems = new ArrayList<>();
    Optional<TopicDescription> existing = describe(admin);
    if (existing.isEmpty()) {
      checkSettings(properties.replicationFactor(), properties.minInsyncReplicas(), brokers, problems);
      failOn(problems);
      create(admin);
    } else {
      int replicationFactor = existing.get().partitions().get(0).replicas().size();
      int minInsync = minInsyncReplicas(admin);
      checkSettings(replicationFactor, minInsync, brokers, problems);
      failOn(problems);
      warnOnWeakerThanPolicy(replicationFactor, minInsync);
      log.info("Topic '{}' exists with {} partition(s), replication factor {} and "
          + "min.insync.replicas {}.", properties.topic().name(), existing.get().partitions().size(),
          replicationFactor, minInsync);
    }
    if (properties.minInsyncReplicas() > 1 && !"all".equals(acks) && !"-1".equals(acks)) {
      log.warn("The producer uses acks={}, so min.insync.replicas has no effect: an event is "
          + "acknowledged once the leader alone has it.", acks);
    }
  }

  private void checkSettings(int replicationFactor, int minInsync, int brokers,
      List<String> problems) {
    String topic = properties.topic().name();
    if (minInsync > replicationFactor) {
      problems.add("topic '" + topic + "': min.insync.replicas=" + minInsync
          + " is larger than its replication factor " + replicationFactor
          + ", so no acks=all write can succeed (collector.topic.min-insync-replicas)");
    }
    if (replicationFactor > brokers) {
      problems.add("topic '" + topic + "': replication factor " + replicationFactor + " needs "
          + replicationFactor + " brokers but the cluster has " + brokers
          + " (collector.topic.replication-factor)");
    }
  }

  private void failOn(List<String> problems) {
    if (!problems.isEmpty()) {
      throw new TopicSettingsException("The topic settings cannot work: " + String.join("; ",
          problems) + ".");
    }
  }

  private void warnOnWeakerThanPolicy(int replicationFactor, int minInsync) {
    DeliveryPolicy policy = properties.deliveryPolicy();
    if (replicationFactor < policy.replicationFactor() || minInsync < policy.minInsyncReplicas()) {
      log.warn("Topic '{}' has replication factor {} and min.insync.replicas {}; the {} policy "
          + "expects {} and {}.", properties.topic().name(), replicationFactor, minInsync, policy,
          policy.replicationFactor(), policy.minInsyncReplicas());
    }
  }

  private Optional<TopicDescription> describe(Admin admin)
      throws InterruptedException, TimeoutException, ExecutionException {
    String topic = properties.topic().name();
    try {
      return Optional.of(admin.describeTopics(List.of(topic)).allTopicNames()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private int minInsyncReplicas(Admin admin)
      throws InterruptedException, TimeoutException, ExecutionException {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC,
        properties.topic().name());
    Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(resource)).all()
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return Integer.parseInt(configs.get(resource)
        .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value());
  }

  private void create(Admin admin)
      throws InterruptedException, TimeoutException, ExecutionException {
    CollectorProperties.Topic topic = properties.topic();
    NewTopic newTopic = new NewTopic(topic.name(), topic.partitions(),
        (short) properties.replicationFactor())
        .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
            String.valueOf(properties.minInsyncReplicas())));
    admin.createTopics(List.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    log.info("Created topic '{}' with {} partition(s), replication factor {} and "
        + "min.insync.replicas {}.", topic.name(), topic.partitions(),
        properties.replicationFactor(), properties.minInsyncReplicas());
  }
}
