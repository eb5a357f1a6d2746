package io.github.selectcolor.embedded.kafka;

import io.github.selectcolor.embedded.files.Folders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka cluster in KRaft mode (one controller, N brokers) in this JVM, for the local
 * pipeline and the benchmarks. Each node is a {@link KafkaRaftServer}, the broker itself, configured
 * and formatted as {@code kafka-storage format} and {@code kafka-server-start} would; nothing of
 * Kafka's test kit is used, so it runs without any test library. A cluster
 * {@linkplain #inDirectory kept in a folder} is formatted on its first start only, so topics,
 * records and committed offsets are there again after {@link #close()} and a new {@link #start()};
 * a {@linkplain #temporary temporary} one deletes its folder when closed. Brokers listen on the
 * given client ports, one per broker. Not thread-safe.
 */
public final class LocalKafkaCluster implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalKafkaCluster.class);
  private static final int CONTROLLER_ID = 3000;
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final String BROKER_LISTENER = "PLAINTEXT";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration READY_CHECK_INTERVAL = Duration.ofMillis(100);

  private final Path directory;
  private final boolean temporary;
  private final List<Integer> clientPorts;
  private final Map<String, String> brokerProperties;
  private final List<KafkaRaftServer> running = new ArrayList<>();

  private LocalKafkaCluster(Path directory, boolean temporary, List<Integer> clientPorts,
      Map<String, String> brokerProperties) {
    this.directory = directory.toAbsolutePath();
    this.temporary = temporary;
    this.clientPorts = List.copyOf(clientPorts);
    this.brokerProperties = Map.copyOf(brokerProperties);
  }

  /**
   * A cluster with one broker per client port, such as 9092, 9093 and 9094, keeping its data in
   * {@code directory}.
   */
  public static LocalKafkaCluster inDirectory(Path directory, List<Integer> clientPorts,
      Map<String, String> brokerProperties) {
    if (clientPorts.isEmpty()) {
      throw new IllegalArgumentException("A cluster needs at least one broker, so one client port.");
    }
    return new LocalKafkaCluster(directory, false, clientPorts, brokerProperties);
  }

  /**
   * A cluster of the given number of brokers on free client ports, in a temporary folder that
   * {@link #close()} deletes.
   */
  public static LocalKafkaCluster temporary(int brokers, Map<String, String> brokerProperties) {
    if (brokers < 1) {
      throw new IllegalArgumentException("A cluster needs at least one broker, not " + brokers + ".");
    }
    List<Integer> ports = new ArrayList<>();
    try {
      for (int i = 0; i < brokers; i++) {
        ports.add(freePort());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on the loopback interface.", e);
    }
    return temporary(ports, brokerProperties);
  }

  /** A cluster with one broker per client port, in a temporary folder that {@link #close()} deletes. */
  public static LocalKafkaCluster temporary(List<Integer> clientPorts,
      Map<String, String> brokerProperties) {
    if (clientPorts.isEmpty()) {
      throw new IllegalArgumentException("A cluster needs at least one broker, so one client port.");
    }
    try {
      return new LocalKafkaCluster(Files.createTempDirectory("local-kafka-"), true, clientPorts,
          brokerProperties);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create a temporary folder for Kafka.", e);
    }
  }

  /** Formats the folder unless an earlier start did, starts every node and waits for the brokers. */
  public LocalKafkaCluster start() {
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
    boolean wasRunning = !running.isEmpty();
    running.clear();
    if (temporary) {
      deleteDirectory();
    } else if (wasRunning) {
      log.info("Kafka cluster is stopped; its data stays in {}.", directory);
    }
  }

  private void deleteDirectory() {
    try {
      Folders.deleteRecursively(directory);
    } catch (IOException e) {
      log.warn("Could not delete the temporary Kafka folder {}.", directory, e);
    }
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
    // Topics made without a replication factor of their own, such as Kafka Connect's, get the
    // events topic's rather than one copy.
    node.put("default.replication.factor", internalReplication);
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

  /**
   * Each broker's start-up returns once it is unfenced; this waits until the cluster's metadata
   * lists every one of them, which clients need before they create topics of full replication.
   */
  private void awaitBrokers() throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    try (Admin admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      DescribeClusterOptions options = new DescribeClusterOptions()
          .timeoutMs((int) READY_CHECK_INTERVAL.multipliedBy(50).toMillis());
      while (admin.describeCluster(options).nodes().get().size() < clientPorts.size()) {
        if (System.nanoTime() - deadline > 0) {
          throw new TimeoutException("Fewer than " + clientPorts.size()
              + " brokers registered within " + READY_TIMEOUT.toSeconds() + " s.");
        }
        TimeUnit.NANOSECONDS.sleep(READY_CHECK_INTERVAL.toNanos());
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    }
  }
}
