package io.github.selectcolor.bench.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

/**
 * A KRaft Kafka cluster of one controller and N brokers, each a JVM of its own running
 * {@code kafka.Kafka server.properties} from Kafka's own jars, its storage formatted first with
 * {@code kafka.tools.StorageTool format}, as an operator would. Every node keeps its port and log
 * directory across restarts, so a broker killed with {@code kill -9} comes back as itself. Not
 * thread-safe.
 */
public final class KafkaProcessCluster {

  private static final int CONTROLLER_ID = 3000;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(300);
  private static final Duration CHECK_INTERVAL = Duration.ofMillis(500);

  private final ProcessGroup group;
  private final Path directory;
  private final Path logs;
  private final String classPath;
  private final Map<String, String> brokerSettings;
  private final String heap;
  private final List<Integer> brokerPorts = new ArrayList<>();
  private final List<ManagedProcess> brokers = new ArrayList<>();
  private ManagedProcess controller;

  /**
   * @param directory      where each node's properties and log directory go
   * @param logs           where each node's output goes, as {@code <node>.log}
   * @param classPath      a class path holding {@code org.apache.kafka:kafka_2.13} and a logger
   * @param brokerSettings extra broker settings, such as {@code min.insync.replicas}
   */
  public KafkaProcessCluster(ProcessGroup group, Path directory, Path logs, String classPath,
      int brokerCount, String heap, Map<String, String> brokerSettings) {
    this.group = group;
    this.directory = directory;
    this.logs = logs;
    this.classPath = classPath;
    this.heap = heap;
    this.brokerSettings = Map.copyOf(brokerSettings);
    for (int i = 0; i < brokerCount; i++) {
      brokerPorts.add(FreePorts.next());
    }
  }

  /** Formats every node's storage, starts them all and waits until every broker registered. */
  public KafkaProcessCluster start() throws TimeoutException {
    String clusterId = Uuid.randomUuid().toString();
    int controllerPort = FreePorts.next();
    List<Path> nodes = new ArrayList<>();
    nodes.add(write("controller", controllerProperties(controllerPort)));
    for (int id = 0; id < brokerPorts.size(); id++) {
      nodes.add(write("broker-" + id, brokerProperties(id, controllerPort)));
    }
    format(nodes, clusterId);
    controller = group.add(node("kafka-controller", nodes.get(0))).start();
    for (int id = 0; id < brokerPorts.size(); id++) {
      brokers.add(group.add(node("kafka-broker-" + id, nodes.get(id + 1))).start());
    }
    awaitBrokers(brokerPorts.size());
    return this;
  }

  public String bootstrapServers() {
    return brokerPorts.stream().map(port -> "localhost:" + port).collect(Collectors.joining(","));
  }

  /** The broker with this node id, from 0. */
  public ManagedProcess broker(int id) {
    return brokers.get(id);
  }

  public ManagedProcess controller() {
    return controller;
  }

  /** The node id of the partition's leader now. */
  public int leaderOf(String topic, int partition) {
    return describe(List.of(topic)).get(topic).partitions().get(partition).leader().id();
  }

  /** Waits until the cluster's metadata lists the given number of brokers. */
  public void awaitBrokers(int count) throws TimeoutException {
    try (Admin admin = admin()) {
      Poll.until(count + " brokers registering", READY_TIMEOUT, CHECK_INTERVAL,
          e -> e instanceof ExecutionException || e instanceof TimeoutException,
          () -> admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() >= count);
    }
  }

  /** Waits until every replica of every partition of the topics is in sync again. */
  public void awaitFullyReplicated(Collection<String> topics, Duration timeout)
      throws TimeoutException {
    Poll.until("every replica of " + topics + " catching up", timeout, CHECK_INTERVAL,
        e -> e instanceof DescribeFailed,
        () -> describe(topics).values().stream().flatMap(d -> d.partitions().stream())
            .allMatch(KafkaProcessCluster::fullyInSync));
  }

  private static boolean fullyInSync(TopicPartitionInfo partition) {
    return partition.leader() != null && partition.isr().size() == partition.replicas().size();
  }

  private Map<String, TopicDescription> describe(Collection<String> topics) {
    try (Admin admin = admin()) {
      return admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new DescribeFailed("Could not describe " + topics + ".", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while describing " + topics + ".", e);
    }
  }

  private Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000",
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000"));
  }

  private ProcessSpec node(String name, Path properties) {
    return ProcessSpec.java(name, heap, classPath, "kafka.Kafka", List.of(properties.toString()),
        directory, logs.resolve(name + ".log"));
  }

  /** Formats the nodes in parallel, each with a StorageTool process of its own. */
  private void format(List<Path> nodes, String clusterId) {
    List<ManagedProcess> formats = new ArrayList<>();
    for (Path node : nodes) {
      String name = "kafka-format-" + node.getFileName().toString().replace(".properties", "");
      formats.add(group.add(ProcessSpec.java(name, "256m", classPath, "kafka.tools.StorageTool",
          List.of("format", "-t", clusterId, "-c", node.toString()), directory,
          logs.resolve("kafka-format.log"))).start());
    }
    for (ManagedProcess format : formats) {
      int exit = format.awaitExitCode(Duration.ofSeconds(120));
      if (exit != 0) {
        throw new IllegalStateException(format.name() + " exited with " + exit + "; see "
            + format.log() + ".");
      }
    }
  }

  private Properties controllerProperties(int controllerPort) {
    Properties node = commonProperties(controllerPort);
    node.put("process.roles", "controller");
    node.put("node.id", String.valueOf(CONTROLLER_ID));
    node.put("listeners", "CONTROLLER://localhost:" + controllerPort);
    node.put("log.dirs", directory.resolve("controller-data").toString());
    return node;
  }

  private Properties brokerProperties(int id, int controllerPort) {
    Properties node = commonProperties(controllerPort);
    String replication = String.valueOf(Math.min(3, brokerPorts.size()));
    node.put("process.roles", "broker");
    node.put("node.id", String.valueOf(id));
    node.put("listeners", "PLAINTEXT://localhost:" + brokerPorts.get(id));
    node.put("advertised.listeners", "PLAINTEXT://localhost:" + brokerPorts.get(id));
    node.put("inter.broker.listener.name", "PLAINTEXT");
    node.put("log.dirs", directory.resolve("broker-" + id + "-data").toString());
    node.put("offsets.topic.replication.factor", replication);
    node.put("transaction.state.log.replication.factor", replication);
    node.put("transaction.state.log.min.isr", String.valueOf(Math.min(2, brokerPorts.size())));
    node.put("default.replication.factor", replication);
    node.put("group.initial.rebalance.delay.ms", "0");
    node.put("auto.create.topics.enable", "false");
    node.putAll(brokerSettings);
    return node;
  }

  private static Properties commonProperties(int controllerPort) {
    Properties node = new Properties();
    node.put("controller.quorum.voters", CONTROLLER_ID + "@localhost:" + controllerPort);
    node.put("controller.listener.names", "CONTROLLER");
    node.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    return node;
  }

  private Path write(String name, Properties properties) {
    Path file = directory.resolve(name + ".properties");
    try {
      Files.createDirectories(directory);
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        properties.store(out, "Kafka node " + name);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + file + ".", e);
    }
  }

  /** The cluster did not answer a describe, as while a broker is down: worth asking again. */
  private static final class DescribeFailed extends IllegalStateException {
    DescribeFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
