package io.github.selectcolor.collector.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.selectcolor.collector.CollectorApplication;
import io.github.selectcolor.testkit.kafka.KafkaClusterExtension;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

class TopicProvisioningIT {

  @RegisterExtension
  static final KafkaClusterExtension kafka = KafkaClusterExtension.withBrokers(1);

  @Test
  void refusesToStartWhenThePolicysReplicationNeedsMoreBrokersThanTheClusterHas() {
    assertThatThrownBy(() -> start("collector.topic.name=durable-on-one-broker"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("replication factor 3 needs 3 brokers but the cluster has 1")
        .hasMessageContaining("collector.topic.replication-factor");
  }

  @Test
  void refusesToStartOnAnExistingTopicWhoseMinInsyncReplicasExceedsItsReplicas() throws Exception {
    try (Admin admin = admin()) {
      admin.createTopics(List.of(new NewTopic("unwritable", 3, (short) 1)
          .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2")))).all().get();
    }

    assertThatThrownBy(() -> start("collector.topic.name=unwritable",
        "collector.delivery-policy=fast", "collector.topic.replication-factor=1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("min.insync.replicas=2 is larger than its replication factor 1");
  }

  @Test
  void createsAMissingTopicWithThreePartitionsAndTheConfiguredReplication() throws Exception {
    try (ConfigurableApplicationContext ignored = start("collector.topic.name=created",
        "collector.delivery-policy=fast", "collector.topic.replication-factor=1");
        Admin admin = admin()) {
      TopicDescription topic = admin.describeTopics(List.of("created")).allTopicNames().get()
          .get("created");

      assertThat(topic.partitions()).hasSize(3)
          .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(1));
    }
  }

  private static ConfigurableApplicationContext start(String... properties) {
    String[] args = Stream.concat(
            Stream.of("server.port=0", "spring.kafka.bootstrap-servers=" + kafka.bootstrapServers()),
            Stream.of(properties))
        .map(property -> "--" + property)
        .toArray(String[]::new);
    return new SpringApplicationBuilder(CollectorApplication.class).run(args);
  }

  private static Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }
}
