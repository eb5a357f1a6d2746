package io.github.selectcolor.bench.faults;

import io.github.selectcolor.bench.cluster.ManagedProcess;
import io.github.selectcolor.bench.cluster.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The faults of a run, in order, on a running {@link Pipeline}. Which partition's leader dies is
 * drawn from the run's seed.
 */
final class FaultPlan {

  static final Duration ELASTICSEARCH_DOWN = Duration.ofSeconds(60);
  static final Duration BROKER_DOWN = Duration.ofSeconds(15);
  private static final Duration HEAL_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final Pipeline pipeline;
  private final Random random;

  FaultPlan(Pipeline pipeline, Random random) {
    this.pipeline = pipeline;
    this.random = random;
  }

  /** The full run: ten sink crashes, then one of each other fault. */
  List<Fault> full() {
    List<Fault> faults = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      faults.add(sinkKill(i, 10));
    }
    faults.add(connectKill());
    faults.add(elasticsearchStop());
    faults.add(nameNodeRestart());
    faults.add(collectorRestart());
    faults.add(leaderKill());
    return faults;
  }

  /** The integration test's run: three sink crashes and a collector restart. */
  List<Fault> shortPlan() {
    List<Fault> faults = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      faults.add(sinkKill(i, 3));
    }
    faults.add(collectorRestart());
    return faults;
  }

  private Fault sinkKill(int number, int of) {
    return Fault.of("HDFS sink SIGKILL " + number + "/" + of + ", restarted", () -> {
      ManagedProcess sink = pipeline.sink();
      long pid = sink.pid();
      sink.kill();
      pipeline.startSink();
      pipeline.awaitSink();
      return "pid " + pid;
    });
  }

  private Fault connectKill() {
    return Fault.of("Kafka Connect worker SIGKILL, restarted", () -> {
      ManagedProcess worker = pipeline.connect().process();
      long pid = worker.pid();
      worker.kill();
      pipeline.connect().start();
      pipeline.connect().awaitRest();
      pipeline.connect().awaitRunning(Pipeline.CONNECTOR, Pipeline.CONNECTOR_TASKS);
      return "pid " + pid;
    });
  }

  private Fault elasticsearchStop() {
    return Fault.of("Elasticsearch stopped for " + ELASTICSEARCH_DOWN.toSeconds() + " s", () -> {
      pipeline.elasticsearch().stop();
      Poll.pause(ELASTICSEARCH_DOWN);
      pipeline.elasticsearch().start();
      return "SIGTERM, started again on the same port and data";
    });
  }

  private Fault nameNodeRestart() {
    return Fault.of("NameNode restarted", () -> {
      ManagedProcess hdfs = pipeline.hdfs();
      long from = hdfs.logSize();
      hdfs.send(HdfsNode.RESTART_NAME_NODE);
      hdfs.awaitLog(HdfsNode.NAME_NODE_BACK, from, HEAL_TIMEOUT);
      return "same port and name directory";
    });
  }

  private Fault collectorRestart() {
    return Fault.of("Collector SIGTERM, restarted", () -> {
      ManagedProcess collector = pipeline.collector();
      long pid = collector.pid();
      boolean killed = collector.terminate(STOP_GRACE);
      pipeline.startCollector();
      pipeline.awaitCollector();
      return "pid " + pid + (killed ? ", killed after " + STOP_GRACE.toSeconds() + " s" : "");
    });
  }

  private Fault leaderKill() {
    int partition = random.nextInt(3);
    return Fault.of("Leader broker of partition " + partition + " SIGKILL, restarted after "
        + BROKER_DOWN.toSeconds() + " s", () -> {
          int leader = pipeline.kafka().leaderOf(Pipeline.TOPIC, partition);
          ManagedProcess broker = pipeline.kafka().broker(leader);
          long pid = broker.pid();
          broker.kill();
          Poll.pause(BROKER_DOWN);
          broker.start();
          pipeline.kafka().awaitFullyReplicated(List.of(Pipeline.TOPIC), HEAL_TIMEOUT);
          return "broker " + leader + ", pid " + pid;
        });
  }
}
