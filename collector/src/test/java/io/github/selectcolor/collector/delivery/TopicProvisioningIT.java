package io.github.selectcolor.collector.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.selectcolor.collector.CollectorApplication;
import io.github.selectcolor.testkit.kafka.KafkaClusterExtension;
import java.time.Duration;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

class TopicProvisioningIT {

  @RegisterExtension
  static final KafkaClusterExtension kafka = KafkaClusterExtension.withBrokers(1);

  @Test
  void staysNotReadyNamingTheKeyWhenThePolicysReplicationNeedsMoreBrokersThanTheClusterHas() {
    try (ConfigurableApplicationContext collector = start(
        "collector.topic.name=durable-on-one-broker")) {
      String reason = awaitNotReadyReason(collector);

      assertThat(reason).contains("replication factor 3 needs 3 brokers but the cluster has 1")
          .contains("collector.topic.replication-factor");
      assertThat(post(collector).getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }
  }

  @Test
  void staysNotReadyOnAnExistingTopicWhoseMinInsyncReplicasExceedsItsReplicas() throws Exception {
    try (Admin admin = admin()) {
      admin.createTopics(List.of(new NewTopic("unwritable", 3, (short) 1)
          .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2")))).all().get();
    }

    try (ConfigurableApplicationContext collector = start("collector.topic.name=unwritable",
        "collector.delivery-policy=fast", "collector.topic.replication-factor=1")) {
      assertThat(awaitNotReadyReason(collector))
          .contains("min.insync.replicas=2 is larger than its replication factor 1");
    }
  }

  @Test
  void createsAMissingTopicWithThreePartitionsAndTheConfiguredReplication() throws Exception {
    try (ConfigurableApplicationContext collector = start("collector.topic.name=created",
        "collector.delivery-policy=fast", "collector.topic.replication-factor=1");
        Admin admin = admin()) {
      await("the collector is ready").atMost(Duration.ofSeconds(30))
          .until(() -> client(collector).get().uri("/actuator/health/readiness").exchange()
              .expectBody().returnResult().getStatus() == HttpStatus.OK);
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

  private static String awaitNotReadyReason(ConfigurableApplicationContext collector) {
    WebTestClient client = client(collector);
    return await("readiness names the topic's problem").atMost(Duration.ofSeconds(30))
        .until(() -> client.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody(String.class).returnResult().getResponseBody(),
            body -> body.contains("The topic settings cannot work"));
  }

  private static EntityExchangeResult<byte[]> post(ConfigurableApplicationContext collector) {
    return client(collector).post().uri("/api/events").contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"userName\":\"kim\",\"colorName\":\"red\"}")
        .exchange().expectBody().returnResult();
  }

  private static WebTestClient client(ConfigurableApplicationContext collector) {
    return WebTestClient.bindToServer().baseUrl("http://localhost:"
        + collector.getEnvironment().getProperty("local.server.port")).build();
  }

  private static Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }
}
