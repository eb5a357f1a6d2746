package io.github.selectcolor.testkit.kafka;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts an {@link EmbeddedKafkaCluster} before the tests of a class and closes it after them. Register
 * it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaClusterExtension kafka = KafkaClusterExtension.withBrokers(3);
 * }</pre>
 */
public final class KafkaClusterExtension implements BeforeAllCallback, AfterAllCallback {

  private final EmbeddedKafkaCluster.Builder builder;
  private EmbeddedKafkaCluster cluster;

  private KafkaClusterExtension(EmbeddedKafkaCluster.Builder builder) {
    this.builder = builder;
  }

  public static KafkaClusterExtension withBrokers(int brokers) {
    return new KafkaClusterExtension(EmbeddedKafkaCluster.builder().brokers(brokers));
  }

  public KafkaClusterExtension brokerProperty(String key, String value) {
    builder.brokerProperty(key, value);
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    cluster = builder.build().start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (cluster != null) {
      cluster.close();
    }
  }

  public EmbeddedKafkaCluster cluster() {
    if (cluster == null) {
      throw new IllegalStateException("The Kafka cluster starts before all tests of the class; "
          + "register the extension on a static field.");
    }
    return cluster;
  }

  public String bootstrapServers() {
    return cluster().bootstrapServers();
  }
}
