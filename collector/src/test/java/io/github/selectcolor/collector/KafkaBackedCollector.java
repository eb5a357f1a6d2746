package io.github.selectcolor.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.selectcolor.collector.delivery.TopicReadiness;
import io.github.selectcolor.testkit.kafka.KafkaClusterExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The collector on a real three-broker Kafka cluster of its own: each test class gets a fresh
 * cluster and a fresh application, so that a class may stop brokers without harming the next.
 * Subclasses may redeclare {@link SpringBootTest} to add properties.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
public abstract class KafkaBackedCollector {

  public static final String TOPIC = "select-color";

  @RegisterExtension
  protected static final KafkaClusterExtension kafka = KafkaClusterExtension.withBrokers(3);

  /** What landed in the topic; open from the first test of a class to the last. */
  protected static TopicProbe topic;

  @Autowired
  protected WebTestClient client;

  @DynamicPropertySource
  static void kafkaProperties(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
  }

  /** Takes the context so that the collector has started, and waits until it provisioned the topic. */
  @BeforeAll
  static void openProbe(@Autowired ApplicationContext started) throws InterruptedException {
    awaitTopicReady(started);
    topic = new TopicProbe(kafka.bootstrapServers(), TOPIC);
  }

  /** Waits until the collector provisioned its topic and accepts events. */
  public static void awaitTopicReady(ApplicationContext collector) throws InterruptedException {
    assertThat(collector.getBean(TopicReadiness.class).awaitReady(Duration.ofSeconds(60)))
        .as("the collector's topic is ready").isTrue();
  }

  @AfterAll
  static void closeProbe() {
    topic.close();
  }
}
