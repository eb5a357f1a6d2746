package io.github.selectcolor.launcher;

import io.github.selectcolor.collector.CollectorApplication;
import io.github.selectcolor.dashboard.DashboardApplication;
import io.github.selectcolor.embedded.connect.EmbeddedConnect;
import io.github.selectcolor.embedded.elasticsearch.EmbeddedElasticsearch;
import io.github.selectcolor.embedded.hdfs.EmbeddedHdfsCluster;
import io.github.selectcolor.embedded.kafka.PersistentKafkaCluster;
import io.github.selectcolor.hdfssink.HdfsSinkApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole pipeline on this machine: a three-broker KRaft Kafka cluster, HDFS, Elasticsearch (a
 * child process), a Kafka Connect worker running the Elasticsearch connector, the collector, the
 * HDFS sink and the dashboard, each keeping its data under the settings' data folder. Closing it
 * stops the collector first, so that what it accepted reaches Kafka, then the other parts in the
 * reverse order of their start, so that both sinks commit what they hold before the engines stop.
 */
public final class LocalStack implements AutoCloseable {

  public static final String TOPIC = "select-color";
  public static final String CONNECTOR = "select-color-elasticsearch";
  public static final String HDFS_BASE_PATH = "/data";
  public static final String DEAD_LETTER_TOPIC = TOPIC + ".es.dlq";

  private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
  /**
   * Both sinks' consumers wait for this much data (or the wait below) instead of waking the
   * brokers for every small batch the collector sends: on one machine, one fetch per record per
   * consumer is most of what the brokers spend.
   */
  private static final int SINK_FETCH_MIN_BYTES = 64 * 1024;
  /**
   * A file's roll age starts when its first record is written, so what a record waits here adds
   * to its time to HDFS beyond the roll age.
   */
  private static final int HDFS_SINK_FETCH_MAX_WAIT_MS = 50;
  /** Searchable within two seconds of the click leaves little room here. */
  private static final int CONNECTOR_FETCH_MAX_WAIT_MS = 100;
  /** Spring Boot would print three banners and log each start as the launcher's main class. */
  private static final Map<String, Object> QUIET_START = Map.of(
      "spring.main.banner-mode", "off", "spring.main.log-startup-info", "false");

  private final Deque<Part> started = new ArrayDeque<>();
  private PersistentKafkaCluster kafka;
  private EmbeddedHdfsCluster hdfs;
  private EmbeddedElasticsearch elasticsearch;
  private EmbeddedConnect connect;
  private ConfigurableApplicationContext collector;
  private ConfigurableApplicationContext dashboard;

  private LocalStack() {
  }

  /**
   * Starts every part, each once the one it needs is ready.
   *
   * @param settings     ports and the data folder
   * @param distribution the Elasticsearch distribution's zip
   * @param pluginPath   the Connect plugin path holding the Elasticsearch connector
   */
  public static LocalStack start(StackSettings settings, Path distribution, Path pluginPath) {
    LocalStack stack = new LocalStack();
    try {
      stack.startParts(settings, distribution, pluginPath);
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  private void startParts(StackSettings settings, Path distribution, Path pluginPath) {
    letOthersThrough(settings.dataDirectory());
    kafka = started("Kafka", PersistentKafkaCluster.inDirectory(settings.kafkaDirectory(),
        settings.kafkaPorts(), Map.of()).start());
    hdfs = started("HDFS", EmbeddedHdfsCluster.keptIn(settings.hdfsDirectory(), settings.hdfsPort())
        .start());
    elasticsearch = started("Elasticsearch", EmbeddedElasticsearch.builder()
        .distribution(distribution)
        .workDirectory(settings.elasticsearchDirectory())
        .httpPort(settings.elasticsearchPort())
        .heap("512m")
        .build()
        .start());
    // Connect's Jersey and Jetty are on this class path; the applications stay reactive on Netty.
    collector = started("the collector", new SpringApplicationBuilder(CollectorApplication.class,
        NettyWebServer.class)
        .web(WebApplicationType.REACTIVE)
        .properties(QUIET_START)
        .properties(
            "spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
            "server.port=" + settings.collectorPort())
        .run());
    // The collector's application.yml is on this class path too; the sink must not read it.
    started("the HDFS sink", HdfsSinkApplication.builder()
        .sources(NettyWebServer.class)
        .web(WebApplicationType.REACTIVE)
        .properties(QUIET_START)
        .properties(
            "spring.config.name=hdfs-sink",
            "spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
            "server.port=" + settings.hdfsSinkPort(),
            "hdfs-sink.file-system=" + hdfs.uri(),
            "hdfs-sink.base-path=" + HDFS_BASE_PATH,
            "hdfs-sink.roll.max-age=" + settings.hdfsRollAge().toMillis() + "ms",
            "spring.kafka.consumer.fetch-min-size=" + SINK_FETCH_MIN_BYTES,
            "spring.kafka.consumer.fetch-max-wait=" + HDFS_SINK_FETCH_MAX_WAIT_MS + "ms",
            "hdfs-sink.hadoop.dfs.client.block.write.replace-datanode-on-failure.policy=NEVER")
        .run());
    connect = started("Kafka Connect", EmbeddedConnect.builder()
        .bootstrapServers(kafka.bootstrapServers())
        .pluginPath(pluginPath)
        .restPort(settings.connectPort())
        // Fixed names, so that a restart finds the connector and its offsets again.
        .property("group.id", "select-color-connect")
        .property("config.storage.topic", "select-color-connect-configs")
        .property("offset.storage.topic", "select-color-connect-offsets")
        .property("status.storage.topic", "select-color-connect-status")
        .property("consumer.fetch.min.bytes", String.valueOf(SINK_FETCH_MIN_BYTES))
        .property("consumer.fetch.max.wait.ms", String.valueOf(CONNECTOR_FETCH_MAX_WAIT_MS))
        .start());
    // Connect would create it on first use, but reports the missing topic as an error.
    createTopicIfAbsent(DEAD_LETTER_TOPIC, settings.kafkaPorts().size());
    connect.put("connectors/" + CONNECTOR + "/config", Map.of(
        "connector.class", "io.github.selectcolor.essink.ElasticsearchSinkConnector",
        "tasks.max", "3",
        "topics", TOPIC,
        // Searchable within two seconds of the click needs a refresh more often than each second.
        "index.refresh.interval", "500ms",
        "connection.urls", elasticsearch.url(),
        "errors.tolerance", "all",
        "errors.deadletterqueue.topic.name", DEAD_LETTER_TOPIC,
        "errors.deadletterqueue.context.headers.enable", "true"));
    dashboard = started("the dashboard", DashboardApplication.builder()
        .sources(NettyWebServer.class)
        .web(WebApplicationType.REACTIVE)
        .properties(QUIET_START)
        .properties(
            "spring.config.name=dashboard",
            "spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
            "server.port=" + settings.dashboardPort(),
            "dashboard.elasticsearch.urls=" + elasticsearch.url(),
            "dashboard.hdfs.file-system=" + hdfs.uri(),
            "dashboard.hdfs.base-path=" + HDFS_BASE_PATH)
        .run());
  }

  /**
   * Elasticsearch refuses to run as root, so a root JVM runs it as an unprivileged user, who must
   * be able to pass through the data folder to reach its own (without listing it).
   */
  private static void letOthersThrough(Path dataDirectory) {
    try {
      Files.createDirectories(dataDirectory);
      if (Files.getFileStore(dataDirectory).supportsFileAttributeView("posix")) {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dataDirectory);
        permissions.add(PosixFilePermission.OTHERS_EXECUTE);
        Files.setPosixFilePermissions(dataDirectory, permissions);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not prepare the data folder " + dataDirectory + ".", e);
    }
  }

  private void createTopicIfAbsent(String topic, int brokers) {
    try (Admin admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      if (!admin.listTopics().names().get().contains(topic)) {
        admin.createTopics(List.of(new NewTopic(topic, 3, (short) Math.min(3, brokers)))).all().get();
      }
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("Could not create topic " + topic + ".", e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topic " + topic + ".", e);
    }
  }

  private <T extends AutoCloseable> T started(String name, T part) {
    started.push(new Part(name, part));
    return part;
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  public URI hdfsUri() {
    return hdfs.uri();
  }

  public EmbeddedHdfsCluster hdfs() {
    return hdfs;
  }

  public String elasticsearchUrl() {
    return elasticsearch.url();
  }

  public EmbeddedConnect connect() {
    return connect;
  }

  public URI pageUrl() {
    return URI.create("http://localhost:" + port(collector) + "/");
  }

  public URI dashboardUrl() {
    return URI.create("http://localhost:" + port(dashboard) + "/");
  }

  private static String port(ConfigurableApplicationContext application) {
    return application.getEnvironment().getProperty("local.server.port");
  }

  /** Stops the collector, then the other parts, last started first, each whatever the others did. */
  @Override
  public synchronized void close() {
    started.stream().filter(part -> part.closeable() == collector).findFirst().ifPresent(part -> {
      started.remove(part);
      stop(part);
    });
    while (!started.isEmpty()) {
      stop(started.pop());
    }
  }

  private static void stop(Part part) {
    try {
      part.closeable().close();
    } catch (Exception e) {
      // Hadoop's own shutdown hooks, for one, refuse changes while the JVM exits.
      log.warn("Stopping {} did not finish cleanly: {}", part.name(), e.toString());
    }
  }

  private record Part(String name, AutoCloseable closeable) {
  }
}
