package io.github.selectcolor.embedded.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.apache.kafka.test.TestUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka cluster in KRaft mode (one controller, N brokers) whose data lives in a folder
 * of the caller's and survives restarts, for the local pipeline. Each node is a
 * {@link KafkaRaftServer}, configured and formatted as {@code kafka-storage format} and
 * {@code kafka-server-start} would: the folder is formatted on the first start only, so topics,
 * records and committed offsets are there again after {@link #close()} and a new
 * {@link #start()}. Brokers listen on the given client ports, one per broker. Not thread-safe.
 */
public final class PersistentKafkaCluster implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PersistentKafkaCluster.class);
  private static final int CONTROLLER_ID = 3000;
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final String BROKER_LISTENER = "PLAINTEXT";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final Path directory;
  private final List<Integer> clientPorts;
  private final Map<String, String> brokerProperties;
  private final List<KafkaRaftServer> running = new ArrayList<>();

  private PersistentKafkaCluster(Path directory, List<Integer> clientPorts,
      Map<String, String> brokerProperties) {
    this.directory = directory.toAbsolutePath();
    this.clientPorts = List.copyOf(clientPorts);
    this.brokerProperties = Map.copyOf(brokerProperties);
  }

  /**
   * A cluster with one broker per client port, such as 9092, 9093 and 9094, keeping its data in
   * {@code directory}.
   */
  public static PersistentKafkaCluster inDirectory(Path directory, List<Integer> clientPorts,
      Map<String, String> brokerProperties) {
    if (clientPorts.isEmpty()) {
      throw new IllegalArgumentException("A cluster needs at least one broker, so one client port.");
    }
    return new PersistentKafkaCluster(directory, clientPorts, brokerProperties);
  }

  /** Formats the folder unless an earlier start did, starts every node and waits for the brokers. */
  public PersistentKafkaCluster start() {
    try {
      boolean formatted = Files.exists(clusterIdFile());
      String clusterId = clusterId();
      int controllerPort = freePort();
      List<Properties> nodes = new ArrayList<>();
      nodes.add(controllerProperties(controllerPort));
      for (int id = 0; id < clientPorts.size(); id++) {
        nodes.add(brokerProperties(id, controllerPort));
      }
      for (Properties node : nodes) {
        format(node, clusterId);
      }
      for (Properties node : nodes) {
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(node), Time.SYSTEM);
        running.add(server);
        server.startup();
      }
      awaitBrokers();
      log.info("Kafka cluster {} with {} broker(s) is ready at {}, with its data in {} ({}).",
          clusterId, clientPorts.size(), bootstrapServers(), directory,
          formatted ? "kept from the last run" : "formatted now");
      return this;
    } catch (Exception e) {
      close();
      throw new IllegalStateException("The Kafka cluster in " + directory + " could not start.", e);
    }
  }

  public String bootstrapServers() {
    return clientPorts.stream().map(port -> "localhost:" + port).collect(Collectors.joining(","));
  }

  /** Stops the brokers, then the controller, each after it finished its controlled shutdown. */
  @Override
  public void close() {
    List<KafkaRaftServer> stopOrder = new ArrayList<>(running);
    // Brokers first: a broker shutting down asks the controller to move its leaderships away.
    if (!stopOrder.isEmpty()) {
      stopOrder.add(stopOrder.remove(0));
    }
    for (KafkaRaftServer server : stopOrder) {
      server.shutdown();
      server.awaitShutdown();
    }
    if (!running.isEmpty()) {
      log.info("Kafka cluster is stopped; its data stays in {}.", directory);
    }
    running.clear();
  }

  private Properties controllerProperties(int controllerPort) {
    Properties node = commonProperties(controllerPort);
    node.put("process.roles", "controller");
    node.put("node.id", String.valueOf(CONTROLLER_ID));
    node.put("listeners", CONTROLLER_LISTENER + "://localhost:" + controllerPort);
    node.put("log.dirs", directory.resolve("controller").toString());
    return node;
  }

  private Properties brokerProperties(int id, int controllerPort) {
    Properties node = commonProperties(controllerPort);
    node.put("process.roles", "broker");
    node.put("node.id", String.valueOf(id));
    node.put("listeners", BROKER_LISTENER + "://localhost:" + clientPorts.get(id));
    node.put("inter.broker.listener.name", BROKER_LISTENER);
    node.put("log.dirs", directory.resolve("broker-" + id).toString());
    String internalReplication = String.valueOf(Math.min(3, clientPorts.size()));
    node.put("offsets.topic.replication.factor", internalReplication);
    node.put("transaction.state.log.replication.factor", internalReplication);
    node.put("transaction.state.log.min.isr", "1");
    node.put("group.initial.rebalance.delay.ms", "0");
    node.put("auto.create.topics.enable", "false");
    node.putAll(brokerProperties);
    return node;
  }

  private Properties commonProperties(int controllerPort) {
    Properties node = new Properties();
    // A static quorum: the controller's address is read from here at every start, so its port may
    // change from one run to the next.
    node.put("controller.quorum.voters", CONTROLLER_ID + "@localhost:" + controllerPort);
    node.put("controller.listener.names", CONTROLLER_LISTENER);
    node.put("listener.security.protocol.map",
        CONTROLLER_LISTENER + ":PLAINTEXT," + BROKER_LISTENER + ":PLAINTEXT");
    return node;
  }

  private void format(Properties node, String clusterId) throws Exception {
    String logDirectory = node.getProperty("log.dirs");
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    new Formatter()
        .setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
        .setNodeId(Integer.parseInt(node.getProperty("node.id")))
        .setClusterId(clusterId)
        .setDirectories(List.of(logDirectory))
        .setMetadataLogDirectory(logDirectory)
        .setReleaseVersion(MetadataVersion.latestProduction())
        .setControllerListenerName(CONTROLLER_LISTENER)
        .setIgnoreFormatted(true)
        .run();
    log.debug("Formatting {}: {}", logDirectory, output.toString(StandardCharsets.UTF_8).trim());
  }

  private String clusterId() throws IOException {
    Path file = clusterIdFile();
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
    Files.createDirectories(directory);
    String clusterId = Uuid.randomUuid().toString();
    Files.writeString(file, clusterId, StandardCharsets.UTF_8);
    return clusterId;
  }

  private Path clusterIdFile() {
    return directory.resolve("cluster.id");
  }

  private void awaitBrokers() throws InterruptedException {
    try (Admin admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      TestUtils.waitForCondition(
          () -> admin.describeCluster().nodes().get().size() >= clientPorts.size(),
          READY_TIMEOUT.toMillis(),
          () -> "Fewer than " + clientPorts.size() + " brokers registered within " + READY_TIMEOUT + ".");
    } catch (AssertionError e) {
      // Kafka's test helper reports a timeout as a failed assertion; here it is a failed start.
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    }
  }
}
