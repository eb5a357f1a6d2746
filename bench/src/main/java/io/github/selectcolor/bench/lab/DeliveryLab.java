package io.github.selectcolor.bench.lab;

import io.github.selectcolor.bench.cluster.FreePorts;
import io.github.selectcolor.bench.cluster.KafkaProcessCluster;
import io.github.selectcolor.bench.cluster.ManagedProcess;
import io.github.selectcolor.bench.cluster.Poll;
import io.github.selectcolor.bench.cluster.ProcessGroup;
import io.github.selectcolor.bench.cluster.ProcessSpec;
import io.github.selectcolor.bench.faults.HttpProbe;
import io.github.selectcolor.bench.faults.PipelineParts;
import io.github.selectcolor.bench.kafka.EventIdCounts;
import io.github.selectcolor.embedded.files.Folders;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery lab's run: a controller and three brokers as processes of their own, one collector
 * process and one bare producer per row, all loaded at once, so that each injected fault hits
 * every row alike. Each repetition injects every column's fault once, one cell after another;
 * at the end every topic is read to its end and each cell's sends are counted against it.
 */
final class DeliveryLab {

  private static final Logger log = LoggerFactory.getLogger(DeliveryLab.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(300);
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(180);
  /** Uncounted load before the first cell, while the collectors' code warms up. */
  private static final Duration WARM_UP = Duration.ofSeconds(20);
  /**
   * Uncounted load before every cell, so that each client has found the partitions' leaders
   * after they moved back to their preferred brokers; without it the first seconds of a cell
   * measure that move instead of the cell's fault.
   */
  private static final Duration SETTLE = Duration.ofSeconds(3);

  private final LabSettings settings;
  private final PipelineParts parts;
  private final Random random;

  DeliveryLab(LabSettings settings) {
    this.settings = settings;
    this.parts = new PipelineParts(settings.parts(), settings.classes());
    this.random = new Random(settings.seed());
  }

  List<CellResult> run() throws Exception {
    Files.createDirectories(settings.logs());
    Path runDirectory = Files.createTempDirectory("delivery-lab-");
    // Elasticsearch runs as nobody when this JVM is root; nobody must pass through this folder.
    Files.setPosixFilePermissions(runDirectory, PosixFilePermissions.fromString("rwxr-xr-x"));
    log.info("Delivery lab with seed {}: {} row(s), {} column(s), {} repetition(s), {} events/s"
        + " per sender; logs in {}.", settings.seed(), settings.policies().size(),
        settings.faults().size(), settings.repetitions(), settings.rate(), settings.logs());
    try (ProcessGroup group = new ProcessGroup(Duration.ofSeconds(30))) {
      LabSinks sinks = settings.sinks()
          ? new LabSinks(group, runDirectory, settings.logs(), parts) : null;
      try {
        if (sinks != null) {
          sinks.startStores();
        }
        KafkaProcessCluster kafka = new KafkaProcessCluster(group, runDirectory.resolve("kafka"),
            settings.logs(), parts.engineClassPath(), 3, "384m", Map.of("replica.lag.time.max.ms",
                String.valueOf(FaultInjector.REPLICA_LAG_TIME.toMillis()))).start();
        List<Cell> cells;
        try (LabTopics topics = new LabTopics(kafka.bootstrapServers())) {
          topics.create(settings.policies());
          List<EventSender> senders = startSenders(group, runDirectory, kafka.bootstrapServers());
          cells = runCells(kafka, topics, senders);
        }
        LabSinks.Drained drained = null;
        if (sinks != null) {
          log.info("Draining the collectors' topics into HDFS and Elasticsearch.");
          drained = sinks.drain(kafka.bootstrapServers(),
              settings.policies().stream().map(LabPolicy::topic).toList());
        }
        return count(cells, kafka.bootstrapServers(), drained);
      } finally {
        if (sinks != null) {
          sinks.stopStores();
        }
      }
    } finally {
      Folders.deleteRecursively(runDirectory);
    }
  }

  private List<EventSender> startSenders(ProcessGroup group, Path runDirectory,
      String bootstrapServers) throws Exception {
    List<ManagedProcess> collectors = new ArrayList<>();
    List<URI> urls = new ArrayList<>();
    for (LabPolicy policy : settings.policies()) {
      int port = FreePorts.next();
      List<String> arguments = new ArrayList<>(policy.collectorArguments());
      arguments.addAll(List.of("--spring.kafka.bootstrap-servers=" + bootstrapServers,
          "--server.port=" + port, "--server.address=127.0.0.1"));
      collectors.add(group.add(ProcessSpec.javaJar("collector-" + policy.optionName(), "256m",
          parts.collectorJar(), arguments, runDirectory,
          settings.logs().resolve("collector-" + policy.optionName() + ".log"))).start());
      urls.add(URI.create("http://127.0.0.1:" + port + "/"));
    }
    List<EventSender> senders = new ArrayList<>();
    for (int i = 0; i < collectors.size(); i++) {
      HttpProbe.awaitOk(collectors.get(i), urls.get(i).resolve("/actuator/health/readiness"),
          READY_TIMEOUT);
      LabPolicy policy = settings.policies().get(i);
      senders.add(new CollectorSender(policy, urls.get(i)));
      senders.add(new ProducerSender(policy, bootstrapServers));
    }
    log.info("{} collectors are ready.", collectors.size());
    return senders;
  }

  private List<Cell> runCells(KafkaProcessCluster kafka, LabTopics topics,
      List<EventSender> senders) throws Exception {
    List<String> allTopics = LabTopics.of(settings.policies());
    List<String> uncleanTopics = LabTopics.of(settings.policies().stream()
        .filter(LabPolicy::uncleanElection).toList());
    FaultInjector injector = new FaultInjector(kafka, topics, uncleanTopics, settings.down());
    String referenceTopic = settings.policies().get(0).topic();
    List<Cell> cells = new ArrayList<>();
    try (LoadDriver load = new LoadDriver(senders, settings.rate(), random.nextLong())) {
      load.start();
      uncounted(load, WARM_UP);
      for (int repetition = 1; repetition <= settings.repetitions(); repetition++) {
        for (LabFault fault : settings.faults()) {
          int partition = random.nextInt(LabTopics.PARTITIONS);
          uncounted(load, SETTLE);
          log.info("Cell {} / repetition {}: {}, around partition {}'s leader.",
              fault.optionName(), repetition, fault.description(), partition);
          long began = System.nanoTime();
          Map<EventSender, SendTally> tallies = load.beginCell();
          Poll.pause(settings.before());
          String detail = injector.injectAndHeal(fault, referenceTopic, partition);
          topics.awaitInSync(allTopics, RESTORE_TIMEOUT);
          Poll.pause(settings.after());
          double seconds = (System.nanoTime() - began) / 1e9;
          load.endCell(tallies, SETTLE_TIMEOUT);
          log.info("Cell {} / repetition {} ended after {} s: {}.", fault.optionName(), repetition,
              Math.round(seconds), detail);
          cells.add(new Cell(fault, repetition, detail, seconds, tallies));
          topics.restorePreferredLeaders(allTopics, RESTORE_TIMEOUT);
        }
      }
    }
    return cells;
  }

  private static void uncounted(LoadDriver load, Duration time) throws TimeoutException {
    Map<EventSender, SendTally> ignored = load.beginCell();
    Poll.pause(time);
    load.endCell(ignored, SETTLE_TIMEOUT);
  }

  private List<CellResult> count(List<Cell> cells, String bootstrapServers,
      LabSinks.Drained drained) throws Exception {
    Map<String, Map<String, Integer>> copies = new HashMap<>();
    for (String topic : LabTopics.of(settings.policies())) {
      copies.put(topic, EventIdCounts.read(bootstrapServers, topic));
      log.info("Read {} to its end: {} eventIds.", topic, copies.get(topic).size());
    }
    List<CellResult> results = new ArrayList<>();
    for (Cell cell : cells) {
      cell.tallies().forEach((sender, tally) -> {
        boolean sunk = drained != null && drained.hdfs().containsKey(sender.topic());
        results.add(CellResult.of(sender.policy(), cell.fault(), cell.repetition(),
            sender.kind(), cell.detail(), cell.seconds(), tally, copies.get(sender.topic()),
            sunk ? drained.hdfs().get(sender.topic()).copies() : null,
            sunk ? drained.search().copies() : null));
      });
    }
    return results;
  }

  private record Cell(LabFault fault, int repetition, String detail, double seconds,
      Map<EventSender, SendTally> tallies) {
  }
}
