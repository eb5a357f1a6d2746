package io.github.selectcolor.testkit.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kafka.server.BrokerServer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka cluster in KRaft mode (one controller, N brokers) running inside this JVM, for
 * local runs and integration tests. Brokers listen on OS-assigned ports unless fixed client ports are
 * asked for. Not thread-safe: start, stop and close it from one thread.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);
  private static final String PUBLIC_LISTENER = "PUBLIC";

  private final int brokerCount;
  private final List<Integer> publicPorts;
  private final Map<String, String> brokerProperties;
  private Path baseDirectory;
  private KafkaClusterTestKit cluster;

  private EmbeddedKafkaCluster(Builder builder) {
    this.brokerCount = builder.brokerCount;
    this.publicPorts = List.copyOf(builder.publicPorts);
    this.brokerProperties = Map.copyOf(builder.brokerProperties);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Formats the storage of every node, starts them and waits until every broker is ready. */
  public EmbeddedKafkaCluster start() {
    try {
      baseDirectory = Files.createTempDirectory("embedded-kafka-");
      TestKitNodes nodes = new TestKitNodes.Builder()
          .setCombined(false)
          .setNumControllerNodes(1)
          .setNumBrokerNodes(brokerCount)
          .setPerServerProperties(perBrokerProperties())
          .setBaseDirectory(baseDirectory)
          .build();
      KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
      clusterDefaults().forEach(builder::setConfigProp);
      brokerProperties.forEach(builder::setConfigProp);
      cluster = builder.build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
    } catch (Exception e) {
      close();
      throw new IllegalStateException("The embedded Kafka cluster could not start.", e);
    }
    log.info("Embedded Kafka cluster with {} broker(s) is ready at {}.", brokerCount, bootstrapServers());
    return this;
  }

  /** The client bootstrap list: the fixed public ports when asked for, else the assigned ones. */
  public String bootstrapServers() {
    if (publicPorts.isEmpty()) {
      return cluster.bootstrapServers();
    }
    return publicPorts.stream().map(port -> "localhost:" + port).collect(Collectors.joining(","));
  }

  public int brokerCount() {
    return brokerCount;
  }

  /** Stops one broker (ids start at 0) and waits until it is down, as a crash of that broker would. */
  public void stopBroker(int brokerId) {
    BrokerServer broker = broker(brokerId);
    broker.shutdown();
    broker.awaitShutdown();
    log.info("Embedded Kafka broker {} is stopped.", brokerId);
  }

  /** Starts a stopped broker again with its data intact. */
  public void startBroker(int brokerId) {
    broker(brokerId).startup();
    log.info("Embedded Kafka broker {} is started again.", brokerId);
  }

  public void stopAllBrokers() {
    for (int id = 0; id < brokerCount; id++) {
      stopBroker(id);
    }
  }

  public void startAllBrokers() {
    for (int id = 0; id < brokerCount; id++) {
      startBroker(id);
    }
  }

  @Override
  public void close() {
    try {
      if (cluster != null) {
        cluster.close();
      }
    } catch (Exception e) {
      throw new IllegalStateException("The embedded Kafka cluster did not stop cleanly.", e);
    } finally {
      cluster = null;
      deleteBaseDirectory();
    }
  }

  private BrokerServer broker(int brokerId) {
    BrokerServer broker = cluster.brokers().get(brokerId);
    if (broker == null) {
      throw new IllegalArgumentException("There is no broker " + brokerId + "; ids are 0.."
          + (brokerCount - 1) + ".");
    }
    return broker;
  }

  private Map<String, String> clusterDefaults() {
    String internalReplication = String.valueOf(Math.min(3, brokerCount));
    Map<String, String> defaults = new HashMap<>();
    defaults.put("offsets.topic.replication.factor", internalReplication);
    defaults.put("transaction.state.log.replication.factor", internalReplication);
    defaults.put("transaction.state.log.min.isr", "1");
    defaults.put("group.initial.rebalance.delay.ms", "0");
    defaults.put("auto.create.topics.enable", "false");
    return defaults;
  }

  /**
   * Fixed ports need a listener of their own: overriding the test kit's listener breaks its clients,
   * so each broker gets a second, public listener on its fixed port.
   */
  private Map<Integer, Map<String, String>> perBrokerProperties() {
    Map<Integer, Map<String, String>> perBroker = new HashMap<>();
    for (int id = 0; id < publicPorts.size(); id++) {
      perBroker.put(id, Map.of(
          "listeners", "EXTERNAL://localhost:0," + PUBLIC_LISTENER + "://localhost:" + publicPorts.get(id),
          "listener.security.protocol.map",
          "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT," + PUBLIC_LISTENER + ":PLAINTEXT"));
    }
    return perBroker;
  }

  private void deleteBaseDirectory() {
    // The test kit deletes the directories it made itself when it closes.
    if (baseDirectory == null || !Files.exists(baseDirectory)) {
      baseDirectory = null;
      return;
    }
    try (Stream<Path> paths = Files.walk(baseDirectory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      log.warn("Could not delete the embedded Kafka data directory {}.", baseDirectory, e);
    }
    baseDirectory = null;
  }

  /** Collects the cluster's shape before it starts. */
  public static final class Builder {
    private int brokerCount = 1;
    private final List<Integer> publicPorts = new ArrayList<>();
    private final Map<String, String> brokerProperties = new HashMap<>();

    private Builder() {
    }

    public Builder brokers(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("A cluster needs at least one broker, not " + count + ".");
      }
      this.brokerCount = count;
      return this;
    }

    /** Fixed client ports, one per broker in broker-id order, such as 9092, 9093, 9094. */
    public Builder publicPorts(List<Integer> ports) {
      publicPorts.clear();
      publicPorts.addAll(ports);
      return this;
    }

    public Builder brokerProperty(String key, String value) {
      brokerProperties.put(key, value);
      return this;
    }

    public EmbeddedKafkaCluster build() {
      if (!publicPorts.isEmpty() && publicPorts.size() != brokerCount) {
        throw new IllegalArgumentException("Give one public port per broker: " + brokerCount
            + " broker(s) but " + publicPorts.size() + " port(s).");
      }
      return new EmbeddedKafkaCluster(this);
    }
  }
}
