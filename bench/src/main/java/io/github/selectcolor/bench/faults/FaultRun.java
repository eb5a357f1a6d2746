package io.github.selectcolor.bench.faults;

import io.github.selectcolor.bench.cluster.Poll;
import io.github.selectcolor.embedded.files.Folders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault run: starts the pipeline as separate processes, sends a steady load of clicks through
 * tracker clients, injects the plan's faults one after another, stops the load once they healed,
 * drains the clients' queues and audits both stores against every 202 the clients got.
 */
final class FaultRun {

  private static final Logger log = LoggerFactory.getLogger(FaultRun.class);
  private static final Duration WARM_UP = Duration.ofSeconds(10);
  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration LANDING_TIMEOUT = Duration.ofMinutes(4);
  private static final Duration AUDIT_INTERVAL = Duration.ofSeconds(3);

  private final FaultRunSettings settings;
  private final Random random;

  FaultRun(FaultRunSettings settings) {
    this.settings = settings;
    this.random = new Random(settings.seed());
  }

  FaultRunResult run() throws Exception {
    long began = System.nanoTime();
    Files.createDirectories(settings.logs());
    Path runDirectory = Files.createTempDirectory("fault-run-");
    // Elasticsearch runs as nobody when this JVM is root; nobody must pass through this folder.
    Files.setPosixFilePermissions(runDirectory, PosixFilePermissions.fromString("rwxr-xr-x"));
    log.info("Fault run with seed {} ({} plan, {} clicks/s); logs in {}.", settings.seed(),
        settings.plan(), settings.rate(), settings.logs());
    try (Pipeline pipeline = new Pipeline(runDirectory, settings.logs(),
        new PipelineParts(settings.parts(), settings.classes()), settings.rollAge())) {
      pipeline.start();
      double startup = seconds(began);
      log.info("The pipeline is ready after {} s.", Math.round(startup));
      return underLoad(pipeline, began, startup);
    } finally {
      Folders.deleteRecursively(runDirectory);
    }
  }

  private FaultRunResult underLoad(Pipeline pipeline, long began, double startup)
      throws Exception {
    long loadStarted = System.nanoTime();
    List<FaultRecord> faults;
    boolean drained;
    Map<String, Long> receipts;
    Map<String, Long> client;
    try (TrackerLoad load = new TrackerLoad(pipeline.collectorUrl(), settings.pages(),
        settings.rate(), random.nextLong())) {
      load.start();
      Poll.pause(WARM_UP);
      faults = inject(pipeline, loadStarted);
      Poll.pause(gap());
      drained = load.stopAndDrain(DRAIN_TIMEOUT);
      // Closed before the audit, so that no page still sending changes the receipts it counts.
      load.close();
      receipts = load.receipts().acceptedAt();
      client = load.counters().snapshot();
    }
    long loadEnded = System.currentTimeMillis();
    double loadSeconds = seconds(loadStarted);
    log.info("The load stopped after {} s with {} events acknowledged; queues {}.",
        Math.round(loadSeconds), receipts.size(), drained ? "drained" : "NOT drained");
    Audit audit = audit(pipeline);
    TopicCopies topic = TopicCopies.read(pipeline.kafka().bootstrapServers(), Pipeline.TOPIC);
    log.info("The topic holds {} records for {} eventIds; {} eventIds are in it more than once.",
        topic.records(), topic.distinct(), topic.duplicated());
    return new FaultRunResult(settings.seed(), settings.plan(), settings.rate(), faults,
        client, drained,
        StoreTally.of("HDFS", receipts, audit.hdfs, loadEnded),
        StoreTally.of("Elasticsearch", receipts, audit.elasticsearch, loadEnded),
        audit.documents, audit.sinksCaughtUp, topic, startup, loadSeconds, seconds(began));
  }

  private List<FaultRecord> inject(Pipeline pipeline, long loadStarted) throws Exception {
    FaultPlan plan = new FaultPlan(pipeline, random);
    List<Fault> faults = settings.plan().equals("full") ? plan.full() : plan.shortPlan();
    List<FaultRecord> records = new ArrayList<>();
    for (Fault fault : faults) {
      double at = seconds(loadStarted);
      long injected = System.nanoTime();
      log.info("Injecting: {}.", fault.name());
      String detail = fault.injectAndHeal();
      records.add(new FaultRecord(fault.name(), detail, at, seconds(injected)));
      log.info("Healed after {} s: {} ({}).", Math.round(seconds(injected)), fault.name(), detail);
      Poll.pause(gap());
    }
    return records;
  }

  /**
   * Waits until both sinks' consumer groups committed every partition of the topic to its end (a
   * sink commits only what is durable in its store), then reads both stores once. When that does
   * not happen in time, the stores are read anyway and the result says so.
   */
  private Audit audit(Pipeline pipeline) throws Exception {
    boolean caughtUp = true;
    try (SinkOffsets offsets = new SinkOffsets(pipeline.kafka().bootstrapServers(),
        Pipeline.TOPIC, List.of(SinkOffsets.HDFS_SINK_GROUP,
            SinkOffsets.connectGroup(Pipeline.CONNECTOR)))) {
      try {
        Poll.until("both sinks committing every partition of " + Pipeline.TOPIC + " to its end",
            LANDING_TIMEOUT, AUDIT_INTERVAL, FaultRun::isKafkaFailure, offsets::caughtUp);
      } catch (TimeoutException e) {
        caughtUp = false;
        log.warn("{} Still behind: {}. The stores are read as they are.", e.getMessage(),
            offsets.lagging(), e);
      }
    }
    return Audit.read(pipeline, caughtUp);
  }

  private static boolean isKafkaFailure(Exception e) {
    return e instanceof ExecutionException || e instanceof TimeoutException;
  }

  private Duration gap() {
    long min = settings.minGap().toMillis();
    long max = settings.maxGap().toMillis();
    return Duration.ofMillis(min + (max > min ? (long) (random.nextDouble() * (max - min)) : 0));
  }

  private static double seconds(long sinceNanos) {
    return (System.nanoTime() - sinceNanos) / 1e9;
  }

  /** Both stores' contents at one time. */
  private record Audit(StoreContents hdfs, StoreContents elasticsearch, long documents,
      boolean sinksCaughtUp) {

    static Audit read(Pipeline pipeline, boolean sinksCaughtUp) throws IOException {
      ElasticsearchAudit search = new ElasticsearchAudit(pipeline.elasticsearch().url());
      try (HdfsAudit files = new HdfsAudit(pipeline.hdfsUri(), Pipeline.BASE_PATH,
          Pipeline.TOPIC)) {
        return new Audit(files.read(), search.read(), search.documentCount(), sinksCaughtUp);
      }
    }
  }
}
