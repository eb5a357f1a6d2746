package io.github.selectcolor.bench.latency;

import io.github.selectcolor.bench.Poll;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End-to-end latency of the running local pipeline under a steady load of clicks: from each
 * {@code POST /api/events} to the event being readable in Kafka (the baseline: what any consumer
 * could see), searchable in Elasticsearch, and committed in HDFS. Usage: {@code LatencyBench RATE
 * SECONDS RESULTS_DIR STAMP COMMIT COLLECTOR_URL ELASTICSEARCH_URL HDFS_URI BOOTSTRAP_SERVERS
 * ROLL_AGE_MS STACK_PID READY_SECONDS}.
 */
public final class LatencyBench {

  static final Duration SEARCHABLE_P99_TARGET = Duration.ofSeconds(2);
  static final Duration HDFS_MARGIN = Duration.ofSeconds(1);
  /**
   * At the same rate, not timed: right after start-up the JIT compilers of the pipeline's JVM
   * take most of one core for about a minute on two cores.
   */
  static final Duration WARM_UP = Duration.ofSeconds(60);
  private static final String TOPIC = "select-color";
  private static final Logger log = LoggerFactory.getLogger(LatencyBench.class);

  private LatencyBench() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 12) {
      System.err.println("Usage: LatencyBench RATE SECONDS RESULTS_DIR STAMP COMMIT COLLECTOR_URL"
          + " ELASTICSEARCH_URL HDFS_URI BOOTSTRAP_SERVERS ROLL_AGE_MS STACK_PID READY_SECONDS");
      System.exit(2);
    }
    int rate = Integer.parseInt(args[0]);
    Duration load = Duration.ofSeconds(Long.parseLong(args[1]));
    Path results = Path.of(args[2]);
    String stamp = args[3];
    Duration rollAge = Duration.ofMillis(Long.parseLong(args[9]));
    LatencyResult result;
    try (ClickLoad clicks = new ClickLoad(URI.create(args[5]), rate);
        StackMemory memory = new StackMemory(Long.parseLong(args[10]));
        KafkaWatcher kafka = new KafkaWatcher(args[8], TOPIC);
        SearchWatcher search = new SearchWatcher(URI.create(args[6]), TOPIC, clicks.acceptedAt());
        HdfsWatcher hdfs = new HdfsWatcher(URI.create(args[7]), "/data/" + TOPIC)) {
      log.info("Sending {} clicks a second for {} of warm-up, then for {}.", rate, WARM_UP, load);
      clicks.run(WARM_UP, load);
      int accepted = clicks.acceptedAt().size();
      log.info("Sent {} clicks, {} of them timed and accepted, refused: {}; waiting for every"
          + " accepted one downstream.", clicks.attempted(), accepted, clicks.refusals());
      Duration drain = rollAge.plus(Duration.ofSeconds(30));
      try {
        Map<String, Long> timed = clicks.acceptedAt();
        Poll.until(() -> kafka.arrivals().countOf(timed) == accepted
            && search.arrivals().countOf(timed) == accepted
            && hdfs.arrivals().countOf(timed) == accepted,
            Duration.ofMillis(200), drain, "every accepted click is in Kafka, Elasticsearch and HDFS");
      } catch (IllegalStateException e) {
        // The report counts what is missing at each stage.
        log.warn("{} Search check failure: {}. HDFS check failure: {}.", e.getMessage(),
            search.failure(), hdfs.failure());
      }
      result = new LatencyResult(stamp, args[4], rate, load, rollAge,
          Long.parseLong(args[11]), memory.peakMebibytes(), accepted, clicks.refusals(),
          kafka.arrivals().latenciesMillis(clicks.acceptedAt()),
          search.arrivals().latenciesMillis(clicks.acceptedAt()),
          hdfs.arrivals().latenciesMillis(clicks.acceptedAt()));
    }
    Files.writeString(results.resolve("latency-" + stamp + ".md"), result.markdown(),
        StandardCharsets.UTF_8);
    Files.writeString(results.resolve("latency-" + stamp + ".json"), result.json(),
        StandardCharsets.UTF_8);
    Files.writeString(results.resolve("latency-latest.md"), result.markdown(),
        StandardCharsets.UTF_8);
    log.info("Wrote {}.", results.resolve("latency-" + stamp + ".md"));
  }
}
