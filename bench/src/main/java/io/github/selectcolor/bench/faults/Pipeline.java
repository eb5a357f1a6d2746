package io.github.selectcolor.bench.faults;

import io.github.selectcolor.bench.cluster.FreePorts;
import io.github.selectcolor.bench.cluster.KafkaProcessCluster;
import io.github.selectcolor.bench.cluster.ManagedProcess;
import io.github.selectcolor.bench.cluster.ProcessGroup;
import io.github.selectcolor.bench.cluster.ProcessSpec;
import io.github.selectcolor.embedded.elasticsearch.EmbeddedElasticsearch;
import io.github.selectcolor.embedded.files.ZipArchive;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline with every part a process of its own: a KRaft Kafka cluster (a controller and
 * three brokers), HDFS, Elasticsearch, a Connect worker running the Elasticsearch connector, the
 * collector (durable policy: acks=all, idempotent, RF 3, min.insync.replicas 2) and the HDFS sink,
 * all on free ports, each part's output in the logs folder. Closing it stops them all.
 */
final class Pipeline implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Pipeline.class);
  static final String TOPIC = "select-color";
  static final String CONNECTOR = "select-color-elasticsearch";
  static final String DEAD_LETTER_TOPIC = TOPIC + ".es.dlq";
  static final String BASE_PATH = "/data";
  static final int CONNECTOR_TASKS = 3;
  /** Generous: on a busy two-core machine nine JVMs starting at once take minutes. */
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(300);

  private final ProcessGroup group = new ProcessGroup(Duration.ofSeconds(30));
  private final Path runDirectory;
  private final Path logs;
  private final PipelineParts parts;
  private final Duration rollAge;
  private KafkaProcessCluster kafka;
  private ManagedProcess hdfs;
  private int nameNodePort;
  private EmbeddedElasticsearch elasticsearch;
  private Future<EmbeddedElasticsearch> pendingSearch;
  private ConnectWorker connect;
  private ManagedProcess collector;
  private int collectorPort;
  private ManagedProcess sink;
  private int sinkPort;

  Pipeline(Path runDirectory, Path logs, PipelineParts parts, Duration rollAge) {
    this.runDirectory = runDirectory;
    this.logs = logs;
    this.parts = parts;
    this.rollAge = rollAge;
  }

  /** Starts every part, each once what it needs is ready. */
  Pipeline start() throws Exception {
    String classPath = parts.engineClassPath();
    ExecutorService background = Executors.newSingleThreadExecutor(
        runnable -> new Thread(runnable, "fault-run-elasticsearch-start"));
    try {
      pendingSearch = background.submit(this::startElasticsearch);
      startHdfs(classPath);
      kafka = new KafkaProcessCluster(group, runDirectory.resolve("kafka"), logs, classPath, 3,
          "384m", Map.of("min.insync.replicas", "2")).start();
      hdfs.awaitLog(HdfsNode.READY, 0, READY_TIMEOUT);
      startCollector();
      awaitCollector();
      elasticsearch = pendingSearch.get();
      connect = new ConnectWorker(group, runDirectory, logs, classPath, kafka.bootstrapServers(),
          unpackPlugin());
      connect.start();
      startSink();
      connect.awaitRest();
      createConnector();
      awaitSink();
      return this;
    } catch (ExecutionException e) {
      throw new IllegalStateException("Elasticsearch could not start.", e.getCause());
    } finally {
      background.shutdown();
    }
  }

  private EmbeddedElasticsearch startElasticsearch() {
    return EmbeddedElasticsearch.builder().distribution(parts.elasticsearchZip())
        .workDirectory(runDirectory.resolve("elasticsearch")).heap("512m").startTimeout(READY_TIMEOUT)
        .build().start();
  }

  private void startHdfs(String classPath) {
    nameNodePort = FreePorts.next();
    hdfs = group.add(ProcessSpec.java("hdfs", "512m", classPath, HdfsNode.class.getName(),
        List.of(runDirectory.resolve("hdfs").toString(), String.valueOf(nameNodePort)),
        runDirectory, logs.resolve("hdfs.log"))).start();
  }

  void startCollector() {
    if (collector == null) {
      collectorPort = FreePorts.next();
      collector = group.add(ProcessSpec.javaJar("collector", "384m", parts.collectorJar(), List.of(
          "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
          "--server.port=" + collectorPort, "--server.address=127.0.0.1",
          "--collector.delivery-policy=durable"), runDirectory, logs.resolve("collector.log")));
    }
    collector.start();
  }

  void awaitCollector() throws TimeoutException {
    HttpProbe.awaitOk(collector, collectorUrl().resolve("/actuator/health/readiness"),
        READY_TIMEOUT);
  }

  void startSink() {
    if (sink == null) {
      sinkPort = FreePorts.next();
      sink = group.add(ProcessSpec.javaJar("hdfs-sink", "384m", parts.hdfsSinkJar(), List.of(
          "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
          "--server.port=" + sinkPort, "--server.address=127.0.0.1",
          "--hdfs-sink.file-system=" + hdfsUri(), "--hdfs-sink.base-path=" + BASE_PATH,
          "--hdfs-sink.roll.max-age=" + rollAge.toMillis() + "ms",
          "--hdfs-sink.hadoop.dfs.client.block.write.replace-datanode-on-failure.policy=NEVER"),
          runDirectory, logs.resolve("hdfs-sink.log")));
    }
    sink.start();
  }

  void awaitSink() throws TimeoutException {
    HttpProbe.awaitOk(sink, URI.create("http://127.0.0.1:" + sinkPort + "/actuator/health"),
        READY_TIMEOUT);
  }

  private Path unpackPlugin() throws IOException {
    Path pluginPath = Files.createDirectories(runDirectory.resolve("connect-plugins"));
    ZipArchive.ofFile(parts.connectorPlugin()).extractInto(pluginPath);
    return pluginPath;
  }

  private void createConnector() throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(DEAD_LETTER_TOPIC, 3, (short) 3)
          .configs(Map.of("min.insync.replicas", "2")))).all().get();
    }
    connect.createConnector(CONNECTOR, Map.of(
        "connector.class", "io.github.selectcolor.essink.ElasticsearchSinkConnector",
        "tasks.max", String.valueOf(CONNECTOR_TASKS),
        "topics", TOPIC,
        "index.refresh.interval", "500ms",
        "connection.urls", elasticsearch.url(),
        "errors.tolerance", "all",
        "errors.deadletterqueue.topic.name", DEAD_LETTER_TOPIC,
        "errors.deadletterqueue.context.headers.enable", "true"));
    connect.awaitRunning(CONNECTOR, CONNECTOR_TASKS);
  }

  KafkaProcessCluster kafka() {
    return kafka;
  }

  ManagedProcess hdfs() {
    return hdfs;
  }

  ManagedProcess collector() {
    return collector;
  }

  ManagedProcess sink() {
    return sink;
  }

  ConnectWorker connect() {
    return connect;
  }

  EmbeddedElasticsearch elasticsearch() {
    return elasticsearch;
  }

  URI collectorUrl() {
    return URI.create("http://127.0.0.1:" + collectorPort + "/");
  }

  URI hdfsUri() {
    return URI.create("hdfs://localhost:" + nameNodePort);
  }

  /**
   * Stops every part, the collector first so that what it accepted reaches Kafka, the engines
   * last. Each step runs even when an earlier one failed; the first failure is thrown at the end
   * with the later ones suppressed in it.
   */
  @Override
  public void close() {
    RuntimeException failure = null;
    for (Runnable step : List.<Runnable>of(this::stopCollector, this::stopElasticsearch,
        this::stopHdfs, group::close, this::copyElasticsearchLog)) {
      try {
        step.run();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void stopCollector() {
    if (collector != null) {
      collector.terminate(Duration.ofSeconds(30));
    }
  }

  private void stopHdfs() {
    if (hdfs != null && hdfs.isAlive()) {
      hdfs.terminate(Duration.ofSeconds(30));
    }
  }

  /** Stops Elasticsearch, also when start() failed before its own start finished. */
  private void stopElasticsearch() {
    if (elasticsearch == null && pendingSearch != null) {
      try {
        elasticsearch = pendingSearch.get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        log.warn("Elasticsearch had failed to start, so there is nothing to stop.", e.getCause());
      } catch (TimeoutException e) {
        pendingSearch.cancel(true);
        throw new IllegalStateException("Elasticsearch's start did not end within "
            + READY_TIMEOUT.toSeconds() + " s; it is left to its shutdown hook.", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for Elasticsearch's start.", e);
      }
    }
    if (elasticsearch != null) {
      elasticsearch.stop();
    }
  }

  private void copyElasticsearchLog() {
    Path console = runDirectory.resolve("elasticsearch").resolve("elasticsearch-console.log");
    try {
      if (Files.exists(console)) {
        Files.copy(console, logs.resolve("elasticsearch.log"));
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Could not keep the Elasticsearch log.", e);
    }
  }
}
