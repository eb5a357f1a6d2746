package io.github.selectcolor.hdfssink.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.selectcolor.hdfssink.HdfsSinkProperties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

class ExactlyOnceConsumerSettingsTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class,
          SslAutoConfiguration.class, ValidationAutoConfiguration.class))
      .withUserConfiguration(ClientsOnly.class);

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(HdfsSinkProperties.class)
  @Import(SinkClients.class)
  static class ClientsOnly {
  }

  @Test
  void refusesAtStartUpEveryKeyThatSetsAnotherAutoOffsetReset() {
    runner.withPropertyValues("spring.kafka.consumer.auto-offset-reset=latest",
            "spring.kafka.properties.auto.offset.reset=none")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("spring.kafka.consumer.auto-offset-reset=latest")
            .hasMessageContaining("spring.kafka.properties.auto.offset.reset=none")
            .hasMessageContaining("set it to earliest"));
  }

  @Test
  void refusesAnOverrideThroughTheConsumersRawProperties() {
    runner.withPropertyValues("spring.kafka.consumer.properties.auto.offset.reset=latest")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("spring.kafka.consumer.properties.auto.offset.reset=latest"));
  }

  @Test
  void setsEarliestItselfWhenTheUserSetsNothing() {
    runner.run(context -> assertThat(context.getBean(SinkClients.class)
        .consumerConfig("hdfs-sink-worker-0"))
        .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
  }

  @Test
  void acceptsEarliestSetByTheUser() {
    runner.withPropertyValues("spring.kafka.consumer.auto-offset-reset=EARLIEST")
        .run(context -> assertThat(context.getBean(SinkClients.class)
            .consumerConfig("hdfs-sink-worker-0"))
            .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
  }
}
