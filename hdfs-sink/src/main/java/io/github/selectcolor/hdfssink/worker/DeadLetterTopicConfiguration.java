package io.github.selectcolor.hdfssink.worker;

import io.github.selectcolor.hdfssink.HdfsSinkProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Has Spring Kafka's admin create the dead-letter topic at start-up when it is missing, with one
 * partition and the events topic's replication factor and min.insync.replicas, so that a record
 * set aside is kept as safely as the records landed. When the events topic cannot be read, the
 * topic gets the cluster's defaults.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterTopicConfiguration {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterTopicConfiguration.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Bean
  NewTopic deadLetterTopic(HdfsSinkProperties properties, KafkaAdmin kafkaAdmin) {
    TopicBuilder deadLetters = TopicBuilder.name(properties.deadLetterTopic()).partitions(1);
    try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
      String topic = properties.topic();
      int replicas = admin.describeTopics(List.of(topic)).allTopicNames()
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic).partitions().get(0)
          .replicas().size();
      ConfigResource events = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      String minInsync = admin.describeConfigs(List.of(events)).all()
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(events)
          .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value();
      return deadLetters.replicas(replicas)
          .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInsync)).build();
    } catch (ExecutionException | TimeoutException e) {
      log.warn("Could not read the replication of topic '{}' ({}); dead-letter topic '{}' gets the "
          + "cluster's defaults if it must be created.", properties.topic(), e.getMessage(),
          properties.deadLetterTopic());
      return deadLetters.build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading the events topic's replication.",
          e);
    }
  }
}
