package io.github.selectcolor.bench.faults;

import io.github.selectcolor.bench.cluster.FreePorts;
import io.github.selectcolor.bench.cluster.ManagedProcess;
import io.github.selectcolor.bench.cluster.ProcessGroup;
import io.github.selectcolor.bench.cluster.ProcessSpec;
import io.github.selectcolor.embedded.elasticsearch.EmbeddedElasticsearch;
import io.github.selectcolor.embedded.files.ZipArchive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * The stores and what writes to Elasticsearch, each a process of its own: HDFS (a NameNode and a
 * DataNode in one JVM), Elasticsearch from its distribution (started in the background, as it
 * takes longest) and a Kafka Connect worker with the connector's plugin. Not thread-safe.
 */
public final class Stores {

  private static final Logger log = LoggerFactory.getLogger(Stores.class);
  /** Generous: on a busy two-core machine nine JVMs starting at once take minutes. */
  static final Duration READY_TIMEOUT = Duration.ofSeconds(300);

  private final ProcessGroup group;
  private final Path runDirectory;
  private final Path logs;
  private final PipelineParts parts;
  private ManagedProcess hdfs;
  private int nameNodePort;
  private EmbeddedElasticsearch elasticsearch;
  private Future<EmbeddedElasticsearch> pendingSearch;

  public Stores(ProcessGroup group, Path runDirectory, Path logs, PipelineParts parts) {
    this.group = group;
    this.runDirectory = runDirectory;
    this.logs = logs;
    this.parts = parts;
  }

  /** Starts Elasticsearch in the background and HDFS, without waiting for either. */
  public void start() {
    ExecutorService background = Executors.newSingleThreadExecutor(
        runnable -> new Thread(runnable, "stores-elasticsearch-start"));
    pendingSearch = background.submit(() -> EmbeddedElasticsearch.builder()
        .distribution(parts.elasticsearchZip())
        .workDirectory(runDirectory.resolve("elasticsearch")).heap("512m")
        .startTimeout(READY_TIMEOUT).build().start());
    background.shutdown();
    nameNodePort = FreePorts.next();
    hdfs = group.add(ProcessSpec.java("hdfs", "512m", parts.engineClassPath(),
        HdfsNode.class.getName(),
        List.of(runDirectory.resolve("hdfs").toString(), String.valueOf(nameNodePort)),
        runDirectory, logs.resolve("hdfs.log"))).start();
  }

  public void awaitHdfs() throws TimeoutException {
    hdfs.awaitLog(HdfsNode.READY, 0, READY_TIMEOUT);
  }

  public void awaitElasticsearch() {
    try {
      elasticsearch = pendingSearch.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("Elasticsearch could not start.", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for Elasticsearch.", e);
    }
  }

  /** Starts the Connect worker against the cluster; returns once it was started. */
  public ConnectWorker startConnect(String bootstrapServers) throws IOException {
    Path pluginPath = Files.createDirectories(runDirectory.resolve("connect-plugins"));
    ZipArchive.ofFile(parts.connectorPlugin()).extractInto(pluginPath);
    ConnectWorker connect = new ConnectWorker(group, runDirectory, logs,
        parts.engineClassPath(), bootstrapServers, pluginPath);
    connect.start();
    return connect;
  }

  /**
   * An HDFS sink process writing to these stores' HDFS, not started yet.
   *
   * @param arguments more of the sink's arguments, such as its topic and consumer group
   */
  public ProcessSpec hdfsSink(String name, String heap, String bootstrapServers, int port,
      String basePath, Duration rollAge, List<String> arguments) {
    List<String> all = new ArrayList<>(List.of(
        "--spring.kafka.bootstrap-servers=" + bootstrapServers,
        "--server.port=" + port, "--server.address=127.0.0.1",
        "--hdfs-sink.file-system=" + hdfsUri(), "--hdfs-sink.base-path=" + basePath,
        "--hdfs-sink.roll.max-age=" + rollAge.toMillis() + "ms",
        "--hdfs-sink.hadoop.dfs.client.block.write.replace-datanode-on-failure.policy=NEVER"));
    all.addAll(arguments);
    return ProcessSpec.javaJar(name, heap, parts.hdfsSinkJar(), all, runDirectory,
        logs.resolve(name + ".log"));
  }

  /**
   * Creates the dead-letter topic and the Elasticsearch connector for the topics on the worker,
   * writing to these stores' Elasticsearch, and waits until its tasks run.
   */
  public void createElasticsearchConnector(ConnectWorker connect, String bootstrapServers,
      String name, List<String> topics, String indexPrefix, String deadLetterTopic, int tasks)
      throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrapServers))) {
      admin.createTopics(List.of(new NewTopic(deadLetterTopic, 3, (short) 3)
          .configs(Map.of("min.insync.replicas", "2")))).all().get(30, TimeUnit.SECONDS);
    }
    connect.createConnector(name, Map.of(
        "connector.class", "io.github.selectcolor.essink.ElasticsearchSinkConnector",
        "tasks.max", String.valueOf(tasks),
        "topics", String.join(",", topics),
        "index.prefix", indexPrefix,
        "index.refresh.interval", "500ms",
        "connection.urls", elasticsearch.url(),
        "errors.tolerance", "all",
        "errors.deadletterqueue.topic.name", deadLetterTopic,
        "errors.deadletterqueue.context.headers.enable", "true"));
    connect.awaitRunning(name, tasks);
  }

  public ManagedProcess hdfs() {
    return hdfs;
  }

  public URI hdfsUri() {
    return URI.create("hdfs://localhost:" + nameNodePort);
  }

  public EmbeddedElasticsearch elasticsearch() {
    return elasticsearch;
  }

  public void stopHdfs() {
    if (hdfs != null && hdfs.isAlive()) {
      hdfs.terminate(Duration.ofSeconds(30));
    }
  }

  /** Stops Elasticsearch, also when its start has not finished or failed. */
  public void stopElasticsearch() {
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

  /** Keeps Elasticsearch's console log beside the others' logs. */
  public void copyElasticsearchLog() {
    Path console = runDirectory.resolve("elasticsearch").resolve("elasticsearch-console.log");
    try {
      if (Files.exists(console)) {
        Files.copy(console, logs.resolve("elasticsearch.log"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not keep the Elasticsearch log.", e);
    }
  }
}
