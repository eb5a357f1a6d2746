package io.github.selectcolor.launcher;

import io.github.selectcolor.collector.CollectorApplication;
import io.github.selectcolor.embedded.connect.EmbeddedConnect;
import io.github.selectcolor.embedded.elasticsearch.EmbeddedElasticsearch;
import io.github.selectcolor.embedded.hdfs.EmbeddedHdfsCluster;
import io.github.selectcolor.embedded.kafka.EmbeddedKafkaCluster;
import io.github.selectcolor.hdfssink.HdfsSinkApplication;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the pipeline on this machine with embedded engines: a three-broker KRaft Kafka cluster on
 * localhost:9092-9094, HDFS at hdfs://localhost:9000, Elasticsearch on localhost:9200, a Kafka
 * Connect worker on localhost:8083 running the Elasticsearch connector, the collector on port 8080
 * (or {@code --server.port}) and the HDFS sink (health and metrics on port 8082). Arguments are
 * passed to the collector as Spring Boot arguments. Run from the repository's root after
 * {@code ./mvnw install}: the Elasticsearch distribution and the connector's plugin are read from
 * the build's output ({@code -Dlocal.elasticsearch.distribution} and {@code -Dlocal.plugin.path}
 * point elsewhere). Stops everything on Ctrl-C.
 */
public final class LocalPipeline {

  private static final Logger log = LoggerFactory.getLogger(LocalPipeline.class);
  private static final List<Integer> KAFKA_PORTS = List.of(9092, 9093, 9094);
  private static final int HDFS_PORT = 9000;
  private static final int ELASTICSEARCH_PORT = 9200;
  private static final int CONNECT_PORT = 8083;
  private static final int COLLECTOR_PORT = 8080;
  private static final int HDFS_SINK_PORT = 8082;
  private static final String CONNECTOR = "select-color-elasticsearch";

  private LocalPipeline() {
  }

  public static void main(String[] args) throws IOException {
    List<String> busy = busyPorts(collectorPort(args));
    if (!busy.isEmpty()) {
      log.error("Cannot start the local pipeline: {} already in use. Stop what holds {} and run"
          + " again.", String.join(", ", busy), busy.size() == 1 ? "it" : "them");
      System.exit(2);
    }
    Path distribution = buildOutput("local.elasticsearch.distribution",
        Path.of("launcher", "target", "elasticsearch"), "elasticsearch-", ".zip");
    Path pluginPath = Path.of(System.getProperty("local.plugin.path",
        Path.of("elasticsearch-sink", "target", "plugin").toString()));
    EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder()
        .brokers(KAFKA_PORTS.size())
        .publicPorts(KAFKA_PORTS)
        .build()
        .start();
    EmbeddedHdfsCluster hdfs = EmbeddedHdfsCluster.onPort(HDFS_PORT).start();
    EmbeddedElasticsearch elasticsearch = EmbeddedElasticsearch.builder()
        .distribution(distribution).httpPort(ELASTICSEARCH_PORT).heap("512m").build().start();
    // Connect's Jersey and Jetty are on this class path; both applications stay reactive on Netty.
    ConfigurableApplicationContext collector = new SpringApplicationBuilder(CollectorApplication.class,
        NettyWebServer.class)
        .web(WebApplicationType.REACTIVE)
        .properties("spring.kafka.bootstrap-servers=" + kafka.bootstrapServers())
        .run(args);
    // The collector's application.yml is on this class path too; the sink must not read it.
    ConfigurableApplicationContext hdfsSink = HdfsSinkApplication.builder()
        .sources(NettyWebServer.class)
        .web(WebApplicationType.REACTIVE)
        .properties("spring.config.name=hdfs-sink",
            "spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
            "hdfs-sink.file-system=" + hdfs.uri(),
            "hdfs-sink.hadoop.dfs.client.block.write.replace-datanode-on-failure.policy=NEVER")
        .run();
    EmbeddedConnect connect = EmbeddedConnect.builder()
        .bootstrapServers(kafka.bootstrapServers()).pluginPath(pluginPath)
        .restPort(CONNECT_PORT).start();
    connect.put("connectors/" + CONNECTOR + "/config", Map.of(
        "connector.class", "io.github.selectcolor.essink.ElasticsearchSinkConnector",
        "tasks.max", "3",
        "topics", "select-color",
        "connection.urls", elasticsearch.url(),
        "errors.tolerance", "all",
        "errors.deadletterqueue.topic.name", "select-color.es.dlq",
        "errors.deadletterqueue.context.headers.enable", "true"));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      // In order, and each whatever the one before did, so that Kafka is stopped last.
      close("the collector", collector);
      close("Kafka Connect", connect);
      close("the HDFS sink", hdfsSink);
      close("Elasticsearch", elasticsearch);
      close("HDFS", hdfs);
      close("Kafka", kafka);
    }, "local-pipeline-shutdown"));
    String port = collector.getEnvironment().getProperty("local.server.port");
    log.info("The pipeline is running. Kafka: {}. HDFS: {} (events land under"
        + " /data/select-color). Elasticsearch: http://localhost:{} (alias select-color)."
        + " Kafka Connect: {} (connector {}). Open the page at http://localhost:{}/",
        kafka.bootstrapServers(), hdfs.uri(), ELASTICSEARCH_PORT, connect.restUrl(), CONNECTOR,
        port);
  }

  private static void close(String component, AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // Hadoop's own shutdown hooks, for one, refuse changes while the JVM exits.
      log.warn("Stopping {} did not finish cleanly: {}", component, e.toString());
    }
  }

  /** The fixed ports the pipeline needs that something else holds, each with its user. */
  private static List<String> busyPorts(int collectorPort) {
    Map<Integer, String> ports = new LinkedHashMap<>();
    KAFKA_PORTS.forEach(port -> ports.put(port, "Kafka"));
    ports.put(HDFS_PORT, "the HDFS NameNode");
    ports.put(ELASTICSEARCH_PORT, "Elasticsearch");
    ports.put(CONNECT_PORT, "Kafka Connect");
    ports.put(collectorPort, "the collector");
    ports.put(HDFS_SINK_PORT, "the HDFS sink");
    List<String> busy = new ArrayList<>();
    ports.forEach((port, user) -> {
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      } catch (IOException e) {
        busy.add("port " + port + " (" + user + ")");
      }
    });
    return busy;
  }

  private static int collectorPort(String[] args) {
    for (String arg : args) {
      if (arg.startsWith("--server.port=")) {
        return Integer.parseInt(arg.substring("--server.port=".length()));
      }
    }
    return COLLECTOR_PORT;
  }

  /** A file the build wrote, or the one a system property names. */
  private static Path buildOutput(String property, Path directory, String prefix, String suffix)
      throws IOException {
    String given = System.getProperty(property);
    if (given != null) {
      return Path.of(given);
    }
    if (Files.isDirectory(directory)) {
      try (Stream<Path> files = Files.list(directory)) {
        List<Path> found = files.filter(file -> file.getFileName().toString().startsWith(prefix)
            && file.getFileName().toString().endsWith(suffix)).toList();
        if (found.size() == 1) {
          return found.get(0);
        }
      }
    }
    throw new IllegalStateException("No " + prefix + "*" + suffix + " in " + directory.toAbsolutePath()
        + ": run from the repository's root after ./mvnw -DskipTests install, or set -D" + property
        + ".");
  }
}
