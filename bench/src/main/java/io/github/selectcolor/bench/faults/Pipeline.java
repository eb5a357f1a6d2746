package io.github.selectcolor.bench.faults;

import io.github.selectcolor.bench.cluster.FreePorts;
import io.github.selectcolor.bench.cluster.KafkaProcessCluster;
import io.github.selectcolor.bench.cluster.ManagedProcess;
import io.github.selectcolor.bench.cluster.ProcessGroup;
import io.github.selectcolor.bench.cluster.ProcessSpec;
import io.github.selectcolor.embedded.elasticsearch.EmbeddedElasticsearch;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The whole pipeline with every part a process of its own: a KRaft Kafka cluster (a controller and
 * three brokers), HDFS, Elasticsearch, a Connect worker running the Elasticsearch connector, the
 * collector (durable policy: acks=all, idempotent, RF 3, min.insync.replicas 2) and the HDFS sink,
 * all on free ports, each part's output in the logs folder. Closing it stops them all.
 */
final class Pipeline implements AutoCloseable {

  static final String TOPIC = "select-color";
  static final String CONNECTOR = "select-color-elasticsearch";
  static final String DEAD_LETTER_TOPIC = TOPIC + ".es.dlq";
  static final String BASE_PATH = "/data";
  /** The connector's default index prefix: the daily indices are {@code select-color-*}. */
  static final String INDEX_PREFIX = "select-color";
  static final int CONNECTOR_TASKS = 3;
  private static final Duration READY_TIMEOUT = Stores.READY_TIMEOUT;

  private final ProcessGroup group = new ProcessGroup(Duration.ofSeconds(30));
  private final Path runDirectory;
  private final Path logs;
  private final PipelineParts parts;
  private final Duration rollAge;
  private final Stores stores;
  private KafkaProcessCluster kafka;
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
    this.stores = new Stores(group, runDirectory, logs, parts);
  }

  /** Starts every part, each once what it needs is ready. */
  Pipeline start() throws Exception {
    stores.start();
    kafka = new KafkaProcessCluster(group, runDirectory.resolve("kafka"), logs,
        parts.engineClassPath(), 3, "384m", Map.of("min.insync.replicas", "2")).start();
    stores.awaitHdfs();
    startCollector();
    awaitCollector();
    stores.awaitElasticsearch();
    connect = stores.startConnect(kafka.bootstrapServers());
    startSink();
    connect.awaitRest();
    createConnector();
    awaitSink();
    return this;
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
      sink = group.add(stores.hdfsSink("hdfs-sink", "384m", kafka.bootstrapServers(), sinkPort,
          BASE_PATH, rollAge, List.of()));
    }
    sink.start();
  }

  void awaitSink() throws TimeoutException {
    HttpProbe.awaitOk(sink, URI.create("http://127.0.0.1:" + sinkPort + "/actuator/health"),
        READY_TIMEOUT);
  }

  private void createConnector() throws Exception {
    stores.createElasticsearchConnector(connect, kafka.bootstrapServers(), CONNECTOR,
        List.of(TOPIC), INDEX_PREFIX, DEAD_LETTER_TOPIC, CONNECTOR_TASKS);
  }

  KafkaProcessCluster kafka() {
    return kafka;
  }

  ManagedProcess hdfs() {
    return stores.hdfs();
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
    return stores.elasticsearch();
  }

  URI collectorUrl() {
    return URI.create("http://127.0.0.1:" + collectorPort + "/");
  }

  URI hdfsUri() {
    return stores.hdfsUri();
  }

  /**
   * Stops every part, the collector first so that what it accepted reaches Kafka, the engines
   * last. Each step runs even when an earlier one failed; the first failure is thrown at the end
   * with the later ones suppressed in it.
   */
  @Override
  public void close() {
    RuntimeException failure = null;
    for (Runnable step : List.<Runnable>of(this::stopCollector, stores::stopElasticsearch,
        stores::stopHdfs, group::close, stores::copyElasticsearchLog)) {
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
}
