package io.github.selectcolor.hdfssink.worker;

import io.github.selectcolor.hdfssink.HdfsSinkProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Has Spring Kafka's admin create the dead-letter topic at start-up when it is missing, with one
 * partition and the cluster's default replication factor.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterTopicConfiguration {

  @Bean
  NewTopic deadLetterTopic(HdfsSinkProperties properties) {
    return TopicBuilder.name(properties.deadLetterTopic()).partitions(1).build();
  }
}
