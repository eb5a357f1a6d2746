package io.github.selectcolor.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.selectcolor.collector.delivery.DeliveryPolicy;
import io.github.selectcolor.collector.delivery.RecordKey;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class CollectorPropertiesTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
      .withUserConfiguration(PropertiesOnly.class);

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(CollectorProperties.class)
  static class PropertiesOnly {
  }

  @Test
  void defaultsToTheDurablePolicyAndTheBooksTopic() {
    runner.run(context -> {
      CollectorProperties properties = context.getBean(CollectorProperties.class);
      assertThat(properties.deliveryPolicy()).isEqualTo(DeliveryPolicy.DURABLE);
      assertThat(properties.topic().name()).isEqualTo("select-color");
      assertThat(properties.topic().partitions()).isEqualTo(3);
      assertThat(properties.replicationFactor()).isEqualTo(3);
      assertThat(properties.minInsyncReplicas()).isEqualTo(2);
      assertThat(properties.palette()).contains("red", "yellow", "green", "blue");
    });
  }

  @Test
  void keysRecordsByEventIdUnlessToldOtherwise() {
    runner.run(context -> assertThat(context.getBean(CollectorProperties.class).recordKey())
        .isEqualTo(RecordKey.EVENT_ID));
    runner.withPropertyValues("collector.record-key=none")
        .run(context -> assertThat(context.getBean(CollectorProperties.class).recordKey())
            .isEqualTo(RecordKey.NONE));
    runner.withPropertyValues("collector.record-key=user-name")
        .run(context -> assertThat(context.getBean(CollectorProperties.class).recordKey())
            .isEqualTo(RecordKey.USER_NAME));
  }

  @Test
  void takesReplicationFromTheFastPolicyUnlessSet() {
    runner.withPropertyValues("collector.delivery-policy=fast",
            "collector.topic.min-insync-replicas=2")
        .run(context -> {
          CollectorProperties properties = context.getBean(CollectorProperties.class);
          assertThat(properties.replicationFactor()).isEqualTo(2);
          assertThat(properties.minInsyncReplicas()).isEqualTo(2);
        });
  }

  @Test
  void reportsEveryInvalidSettingByKeyAtOnce() {
    runner.withPropertyValues("collector.ack-timeout=0s", "collector.allowed-origins=*",
            "collector.palette=Red", "collector.topic.partitions=0",
            "collector.limits.max-batch-events=0")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("ackTimeoutInRange")
            .hasMessageContaining("allowedOriginsExplicit")
            .hasMessageContaining("palette[0]")
            .hasMessageContaining("topic.partitions")
            .hasMessageContaining("limits.maxBatchEvents"));
  }

  @Test
  void refusesAnUnknownPolicyNamingTheAcceptedOnes() {
    runner.withPropertyValues("collector.delivery-policy=safe")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("collector.delivery-policy"));
  }
}
