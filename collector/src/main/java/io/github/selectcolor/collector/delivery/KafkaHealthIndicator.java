package io.github.selectcolor.collector.delivery;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Reports whether the topic is ready and a Kafka broker answers, so that readiness takes the
 * collector out of a load balancer, with the reason, while it could only answer 503. Registered as the {@code kafka} health component.
 */
@Component("kafka")
class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

  private static final int TIMEOUT_MS = 1_000;

  private final Admin admin;
  private final TopicReadiness topicReadiness;

  KafkaHealthIndicator(KafkaAdmin kafkaAdmin, TopicReadiness topicReadiness) {
    super("Kafka health check failed");
    this.admin = Admin.create(kafkaAdmin.getConfigurationProperties());
    this.topicReadiness = topicReadiness;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    Optional<String> notReady = topicReadiness.notReadyBecause();
    if (notReady.isPresent()) {
      builder.down().withDetail("reason", notReady.get());
      return;
    }
    int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
        .nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
    builder.up().withDetail("brokers", brokers);
  }

  @Override
  public void destroy() {
    admin.close();
  }
}
