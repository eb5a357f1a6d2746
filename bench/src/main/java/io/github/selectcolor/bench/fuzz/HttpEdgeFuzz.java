package io.github.selectcolor.bench.fuzz;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fuzzes the collector's HTTP edge, a collector already running as a process of its own: first
 * with Kafka up, then the whole topic is checked against the controls, then Kafka (a process of
 * its own too) is stopped and a second, shorter phase runs against the same collector. Writes
 * {@code fuzz-<stamp>.md} and {@code .json}; exits 1 when any answer or the topic was wrong.
 *
 * <p>Usage: {@code HttpEdgeFuzz COLLECTOR_URL BOOTSTRAP KAFKA_PID REQUESTS DOWN_REQUESTS
 * SLOW_SENDERS SEED MAX_SECONDS BODY_TIMEOUT_S RESULTS_DIR STAMP COMMAND COMMIT HEAP}
 */
public final class HttpEdgeFuzz {

  private static final Logger log = LoggerFactory.getLogger(HttpEdgeFuzz.class);
  private static final String TOPIC = "select-color";
  private static final Duration DEADLINE = Duration.ofSeconds(15);
  private static final int CONCURRENCY = 32;
  private static final int SLOW_LANES = 32;

  private HttpEdgeFuzz() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 14) {
      throw new IllegalArgumentException("Usage: HttpEdgeFuzz COLLECTOR_URL BOOTSTRAP KAFKA_PID "
          + "REQUESTS DOWN_REQUESTS SLOW_SENDERS SEED MAX_SECONDS BODY_TIMEOUT_S RESULTS_DIR "
          + "STAMP COMMAND COMMIT HEAP");
    }
    URI collector = URI.create(args[0]);
    long seed = Long.parseLong(args[6]);
    Duration bound = Duration.ofSeconds(Long.parseLong(args[7]));
    Duration bodyTimeout = Duration.ofSeconds(Long.parseLong(args[8]));
    log.info("Fuzzing {} with seed {}.", collector, seed);
    ExecutorService sockets = Executors.newCachedThreadPool(FuzzPhase.named("fuzz-socket-"));
    EdgeClient client = new EdgeClient(collector, DEADLINE, bodyTimeout, sockets);
    Instant started = Instant.now();
    List<PhaseResult> results = new ArrayList<>();
    try (HeapWatch heap = new HeapWatch(collector)) {
      heap.start();
      FuzzPhase up = new FuzzPhase("kafka-up", Integer.parseInt(args[3]),
          Integer.parseInt(args[5]), CONCURRENCY, SLOW_LANES, bound);
      results.add(runPhase(up, client, new HostileRequests(seed, true), heap, args[1]));
      stopKafka(Long.parseLong(args[2]));
      FuzzPhase down = new FuzzPhase("kafka-down", Integer.parseInt(args[4]),
          Math.max(1, Integer.parseInt(args[5]) / 10), CONCURRENCY, SLOW_LANES, bound);
      results.add(runPhase(down, client, new HostileRequests(seed + 1, false), heap, null));
      FuzzReport report = new FuzzReport(args[11], args[12], args[13], seed, started,
          heap.heapMax(), results);
      Path markdown = report.write(Path.of(args[9]), args[10]);
      log.info("Wrote {}.", markdown);
      sockets.shutdownNow();
      System.exit(report.passed() ? 0 : 1);
    }
  }

  private static PhaseResult runPhase(FuzzPhase phase, EdgeClient client,
      HostileRequests generator, HeapWatch heap, String bootstrap) throws Exception {
    heap.resetMax();
    long before = heap.heapUsed();
    log.info("Phase {}: {} requests and {} slow senders.", phase.name(), phase.requests(),
        phase.slowSenders());
    long start = System.nanoTime();
    Tally tally = phase.run(client, generator);
    double seconds = (System.nanoTime() - start) / 1e9;
    long after = heap.heapUsed();
    TopicCheck topic = bootstrap == null ? null
        : TopicCheck.read(bootstrap, TOPIC, tally.accepted(), tally.unsure());
    log.info("Phase {}: {} requests in {} s, {} wrong answers, topic {}.", phase.name(),
        tally.requests(), String.format("%.1f", seconds), tally.failureCount(), topic);
    tally.failures().forEach(failure -> log.warn("Wrong answer: {}", failure));
    return new PhaseResult(phase, tally, seconds, before, heap.max(), after, topic);
  }

  /** Stops the Kafka process as an operator would (SIGTERM) and waits until it is gone. */
  private static void stopKafka(long pid) throws Exception {
    ProcessHandle kafka = ProcessHandle.of(pid)
        .orElseThrow(() -> new IllegalStateException("No Kafka process " + pid + "."));
    log.info("Stopping Kafka (process {}).", pid);
    kafka.destroy();
    try {
      kafka.onExit().get(2, TimeUnit.MINUTES);
    } catch (TimeoutException e) {
      throw new IOException("Kafka did not stop within 2 minutes.", e);
    }
  }
}
