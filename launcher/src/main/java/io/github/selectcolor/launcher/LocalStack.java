package io.github.selectcolor.launcher;

import io.github.selectcolor.collector.CollectorApplication;
import io.github.selectcolor.collector.CollectorProperties;
import io.github.selectcolor.collector.delivery.TopicReadiness;
import io.github.selectcolor.dashboard.DashboardApplication;
import io.github.selectcolor.embedded.connect.EmbeddedConnect;
import io.github.selectcolor.embedded.elasticsearch.EmbeddedElasticsearch;
import io.github.selectcolor.embedded.hdfs.EmbeddedHdfsCluster;
import io.github.selectcolor.embedded.kafka.LocalKafkaCluster;
import io.github.selectcolor.hdfssink.HdfsSinkApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
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
  /** Enough for Elasticsearch to stop after its start was given up on. */
  private static final Duration ELASTICSEARCH_STOP_GRACE = Duration.ofSeconds(40);
  private static final Duration COLLECTOR_TOPIC_TIMEOUT = Duration.ofSeconds(60);
  /** Spring Boot would print three banners and log each start as the launcher's main class. */
  private static final Map<String, Object> QUIET_START = Map.of(
      "spring.main.banner-mode", "off", "spring.main.log-startup-info", "false");

  private final RunningParts parts = new RunningParts();
  private String applicationHost = "localhost";
  private LocalKafkaCluster kafka;
  private EmbeddedHdfsCluster hdfs;
  private EmbeddedElasticsearch elasticsearch;
  private EmbeddedConnect connect;
  private ConfigurableApplicationContext collector;
  private ConfigurableApplicationContext dashboard;

  private LocalStack() {
  }

  /**
   * Starts every part, each once the one it needs is ready, logging each one's address as it comes
   * up. When one fails, the ones already started are stopped before this throws.
   *
   * @param settings ports and the data folder
   * @param engines  the Elasticsearch distribution and the connector's plugin
   * @throws StartFailure naming the part that failed and why
   */
  public static LocalStack start(StackSettings settings, BundledEngines engines) {
    LocalStack stack = new LocalStack();
    stack.startParts(settings, engines);
    return stack;
  }

  /** A stack that {@link #startParts} fills; {@link #close()} may run meanwhile, from a signal. */
  static LocalStack starting() {
    return new LocalStack();
  }

  void startParts(StackSettings settings, BundledEngines engines) {
    applicationHost = settings.applicationHost();
    try {
      RunningParts.attempt("the data folder", () -> letOthersThrough(settings.dataDirectory()));
      startEngines(settings, engines);
      // The collector creates the topic, which the sinks' consumers then find at once.
      startCollector(settings);
      Path pluginPath = RunningParts.attempt("Kafka Connect",
          () -> engines.unpackConnectorPlugin(settings.connectPluginDirectory()));
      connect = parts.start("Kafka Connect", () -> startConnect(settings, pluginPath),
          worker -> worker.restUrl() + ", connector " + CONNECTOR);
      startHdfsSinkAndDashboard(settings);
    } catch (StartFailure e) {
      close();
      throw e;
    }
  }

  /**
   * Elasticsearch needs nothing of the others and is the slowest to start, so it starts on a thread
   * of its own while Kafka and HDFS start here.
   */
  private void startEngines(StackSettings settings, BundledEngines engines) {
    ExecutorService background = Executors.newSingleThreadExecutor(
        runnable -> new Thread(runnable, "local-pipeline-elasticsearch-start"));
    Future<EmbeddedElasticsearch> pending = background.submit(() -> parts.start("Elasticsearch",
        () -> EmbeddedElasticsearch.builder()
            .distribution(engines.elasticsearch())
            .workDirectory(settings.elasticsearchDirectory())
            .httpPort(settings.elasticsearchPort())
            .heap("512m")
            .build()
            .start(), EmbeddedElasticsearch::url));
    try {
      kafka = parts.start("Kafka", () -> LocalKafkaCluster.inDirectory(settings.kafkaDirectory(),
          settings.kafkaPorts(), Map.of()).start(), LocalKafkaCluster::bootstrapServers);
      hdfs = parts.start("HDFS", () -> EmbeddedHdfsCluster.keptIn(settings.hdfsDirectory(),
          settings.hdfsPort()).start(), cluster -> cluster.uri().toString());
      elasticsearch = RunningParts.awaitStarted("Elasticsearch", pending);
    } catch (StartFailure e) {
      // Elasticsearch, interrupted, stops its half-started process.
      pending.cancel(true);
      throw e;
    } finally {
      RunningParts.awaitEnd(background, ELASTICSEARCH_STOP_GRACE);
    }
  }

  private EmbeddedConnect startConnect(StackSettings settings, Path pluginPath) {
    CollectorProperties events = collector.getBean(CollectorProperties.class);
    int replication = events.replicationFactor();
    EmbeddedConnect worker = EmbeddedConnect.builder()
        .bootstrapServers(kafka.bootstrapServers())
        .pluginPath(pluginPath)
        .restPort(settings.connectPort())
        // Fixed names, so that a restart finds the connector and its offsets again.
        .property("group.id", "select-color-connect")
        .property("config.storage.topic", "select-color-connect-configs")
        .property("offset.storage.topic", "select-color-connect-offsets")
        .property("status.storage.topic", "select-color-connect-status")
        .property("config.storage.replication.factor", String.valueOf(replication))
        .property("offset.storage.replication.factor", String.valueOf(replication))
        .property("status.storage.replication.factor", String.valueOf(replication))
        .property("consumer.fetch.min.bytes", String.valueOf(SINK_FETCH_MIN_BYTES))
        .property("consumer.fetch.max.wait.ms", String.valueOf(CONNECTOR_FETCH_MAX_WAIT_MS))
        .start();
    try {
      // Connect would create it on first use, but reports the missing topic as an error.
      createTopicIfAbsent(DEAD_LETTER_TOPIC, replication, events.minInsyncReplicas());
      worker.put("connectors/" + CONNECTOR + "/config", Map.of(
          "connector.class", "io.github.selectcolor.essink.ElasticsearchSinkConnector",
          "tasks.max", "3",
          "topics", TOPIC,
          // Searchable within two seconds of the click needs a refresh more often than each second.
          "index.refresh.interval", "500ms",
          "connection.urls", elasticsearch.url(),
          "errors.tolerance", "all",
          "errors.deadletterqueue.topic.name", DEAD_LETTER_TOPIC,
          "errors.deadletterqueue.context.headers.enable", "true"));
      return worker;
    } catch (RuntimeException e) {
      worker.close();
      throw e;
    }
  }

  /**
   * The settings go in as command-line arguments, which outrank each application's own
   * application.yml (default properties would not: the collector's names port 8080).
   */
  private void startCollector(StackSettings settings) {
    // Connect's Jersey and Jetty are on this class path; the applications stay reactive on Netty.
    collector = parts.start("the collector", () -> new SpringApplicationBuilder(
        CollectorApplication.class, NettyWebServer.class)
        .web(WebApplicationType.REACTIVE)
        .properties(QUIET_START)
        .run(arguments(
            "spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
            "server.port=" + settings.collectorPort(),
            "server.address=" + settings.applicationAddress())),
        application -> address(application, "/"));
    RunningParts.attempt("the collector's topic", this::awaitCollectorTopic);
  }

  /** The sinks subscribe to the topic the collector creates, so it must exist before they start. */
  private TopicReadiness awaitCollectorTopic() {
    TopicReadiness readiness = collector.getBean(TopicReadiness.class);
    try {
      if (!readiness.awaitReady(COLLECTOR_TOPIC_TIMEOUT)) {
        throw new IllegalStateException("The collector could not make its topic ready within "
            + COLLECTOR_TOPIC_TIMEOUT.toSeconds() + " s: "
            + readiness.notReadyBecause().orElse("no reason given"));
      }
      return readiness;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the collector's topic.", e);
    }
  }

  private void startHdfsSinkAndDashboard(StackSettings settings) {
    // The collector's application.yml is on this class path too; the sink must not read it.
    parts.start("the HDFS sink", () -> HdfsSinkApplication.builder()
        .sources(NettyWebServer.class)
        .web(WebApplicationType.REACTIVE)
        .properties(QUIET_START)
        .run(arguments(
            "spring.config.name=hdfs-sink",
            "spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
            "server.port=" + settings.hdfsSinkPort(),
            "server.address=" + settings.applicationAddress(),
            "hdfs-sink.file-system=" + hdfs.uri(),
            "hdfs-sink.base-path=" + HDFS_BASE_PATH,
            "hdfs-sink.roll.max-age=" + settings.hdfsRollAge().toMillis() + "ms",
            "spring.kafka.consumer.fetch-min-size=" + SINK_FETCH_MIN_BYTES,
            "spring.kafka.consumer.fetch-max-wait=" + HDFS_SINK_FETCH_MAX_WAIT_MS + "ms",
            "hdfs-sink.hadoop.dfs.client.block.write.replace-datanode-on-failure.policy=NEVER")),
        application -> address(application, "/actuator") + ", writing to "
            + hdfs.uri() + HDFS_BASE_PATH + "/" + TOPIC);
    dashboard = parts.start("the dashboard", () -> DashboardApplication.builder()
        .sources(NettyWebServer.class)
        .web(WebApplicationType.REACTIVE)
        .properties(QUIET_START)
        .run(arguments(
            "spring.config.name=dashboard",
            "spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
            "server.port=" + settings.dashboardPort(),
            "server.address=" + settings.applicationAddress(),
            "dashboard.elasticsearch.urls=" + elasticsearch.url(),
            "dashboard.hdfs.file-system=" + hdfs.uri(),
            "dashboard.hdfs.base-path=" + HDFS_BASE_PATH)),
        application -> address(application, "/"));
  }

  private static String[] arguments(String... settings) {
    return Arrays.stream(settings).map(setting -> "--" + setting).toArray(String[]::new);
  }

  /**
   * Elasticsearch refuses to run as root, so a root JVM runs it as an unprivileged user, who must
   * be able to pass through the data folder to reach its own (without listing it).
   */
  private static Path letOthersThrough(Path dataDirectory) {
    try {
      Files.createDirectories(dataDirectory);
      if (Files.getFileStore(dataDirectory).supportsFileAttributeView("posix")) {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dataDirectory);
        permissions.add(PosixFilePermission.OTHERS_EXECUTE);
        Files.setPosixFilePermissions(dataDirectory, permissions);
      }
      return dataDirectory;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not prepare the data folder " + dataDirectory + ".", e);
    }
  }

  /** With the replication the collector gives the events topic, so that no copy is weaker. */
  private void createTopicIfAbsent(String topic, int replication, int minInsyncReplicas) {
    try (Admin admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      if (!admin.listTopics().names().get().contains(topic)) {
        admin.createTopics(List.of(new NewTopic(topic, 3, (short) replication).configs(Map.of(
            TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
            String.valueOf(minInsyncReplicas))))).all().get();
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
    return URI.create(address(collector, "/"));
  }

  public URI dashboardUrl() {
    return URI.create(address(dashboard, "/"));
  }

  private String address(ConfigurableApplicationContext application, String path) {
    return "http://" + applicationHost + ":"
        + application.getEnvironment().getProperty("local.server.port") + path;
  }

  /**
   * Stops the collector first, so that what it accepted reaches Kafka, then the other parts, last
   * started first. A part that is still starting is stopped as soon as it is up.
   */
  @Override
  public void close() {
    parts.close(collector);
  }
}
