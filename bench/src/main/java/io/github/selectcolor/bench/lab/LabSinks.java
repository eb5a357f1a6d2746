package io.github.selectcolor.bench.lab;

import io.github.selectcolor.bench.cluster.FreePorts;
import io.github.selectcolor.bench.cluster.ManagedProcess;
import io.github.selectcolor.bench.cluster.Poll;
import io.github.selectcolor.bench.cluster.ProcessGroup;
import io.github.selectcolor.bench.faults.ConnectWorker;
import io.github.selectcolor.bench.faults.ElasticsearchAudit;
import io.github.selectcolor.bench.faults.HdfsAudit;
import io.github.selectcolor.bench.faults.HttpProbe;
import io.github.selectcolor.bench.faults.PipelineParts;
import io.github.selectcolor.bench.faults.SinkOffsets;
import io.github.selectcolor.bench.faults.StoreContents;
import io.github.selectcolor.bench.faults.Stores;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stores behind the collectors' topics: once the load is over, one HDFS sink process per
 * topic and one Elasticsearch connector for all of them drain what Kafka holds, and both stores
 * are read once every sink's group has committed every partition to its end. A store's copies
 * of an eventId are then counted against the cell whose sender sent it.
 */
final class LabSinks {

  private static final Logger log = LoggerFactory.getLogger(LabSinks.class);
  private static final String CONNECTOR = "lab-elasticsearch";
  private static final String INDEX_PREFIX = "lab";
  private static final String BASE_PATH = "/lab";
  private static final Duration ROLL_AGE = Duration.ofSeconds(3);
  private static final int CONNECTOR_TASKS = 3;
  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);

  private final ProcessGroup group;
  private final Stores stores;

  LabSinks(ProcessGroup group, Path runDirectory, Path logs, PipelineParts parts) {
    this.group = group;
    this.stores = new Stores(group, runDirectory, logs, parts);
  }

  /** Starts HDFS and Elasticsearch, without waiting for them, while Kafka starts. */
  void startStores() {
    stores.start();
  }

  /** Drains the topics into both stores and reads them. */
  Drained drain(String bootstrapServers, List<String> topics) throws Exception {
    stores.awaitHdfs();
    stores.awaitElasticsearch();
    ConnectWorker connect = stores.startConnect(bootstrapServers);
    List<ManagedProcess> sinks = new ArrayList<>();
    List<URI> health = new ArrayList<>();
    for (String topic : topics) {
      int port = FreePorts.next();
      sinks.add(group.add(stores.hdfsSink("hdfs-sink-" + topic, "256m", bootstrapServers, port,
          BASE_PATH, ROLL_AGE, List.of("--spring.kafka.consumer.group-id=" + sinkGroup(topic),
              "--hdfs-sink.topic=" + topic, "--hdfs-sink.dead-letter-topic=" + topic + ".dlq")))
          .start());
      health.add(URI.create("http://127.0.0.1:" + port + "/actuator/health"));
    }
    connect.awaitRest();
    stores.createElasticsearchConnector(connect, bootstrapServers, CONNECTOR, topics,
        INDEX_PREFIX, INDEX_PREFIX + ".es.dlq", CONNECTOR_TASKS);
    for (int i = 0; i < sinks.size(); i++) {
      HttpProbe.awaitOk(sinks.get(i), health.get(i), DRAIN_TIMEOUT);
    }
    boolean caughtUp = awaitCommitted(bootstrapServers, topics);
    Map<String, StoreContents> hdfs = new HashMap<>();
    for (String topic : topics) {
      try (HdfsAudit files = new HdfsAudit(stores.hdfsUri(), BASE_PATH, topic)) {
        hdfs.put(topic, files.read());
      }
    }
    StoreContents search = new ElasticsearchAudit(stores.elasticsearch().url(),
        INDEX_PREFIX + "-*").read();
    return new Drained(hdfs, search, caughtUp);
  }

  /** Stops Elasticsearch and HDFS, which are not in the process group, and keeps ES's log. */
  void stopStores() {
    stores.stopElasticsearch();
    stores.stopHdfs();
    stores.copyElasticsearchLog();
  }

  private boolean awaitCommitted(String bootstrapServers, List<String> topics) throws Exception {
    List<SinkOffsets> offsets = topics.stream().map(topic -> new SinkOffsets(bootstrapServers,
        topic, List.of(sinkGroup(topic), SinkOffsets.connectGroup(CONNECTOR)))).toList();
    try {
      Poll.until("every sink committing every partition of the lab's topics to its end",
          DRAIN_TIMEOUT, Duration.ofSeconds(2),
          e -> e instanceof ExecutionException || e instanceof TimeoutException,
          () -> {
            boolean all = true;
            for (SinkOffsets topic : offsets) {
              all &= topic.caughtUp();
            }
            return all;
          });
      return true;
    } catch (TimeoutException e) {
      log.warn("{} Still behind: {}. The stores are read as they are.", e.getMessage(),
          offsets.stream().flatMap(topic -> topic.lagging().stream()).toList(), e);
      return false;
    } finally {
      offsets.forEach(SinkOffsets::close);
    }
  }

  private static String sinkGroup(String topic) {
    return "lab-hdfs-sink-" + topic;
  }

  /** What both stores held once drained; caughtUp says whether every sink reached the end. */
  record Drained(Map<String, StoreContents> hdfs, StoreContents search, boolean caughtUp) {
  }
}
