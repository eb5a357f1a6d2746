package io.github.selectcolor.embedded.elasticsearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Elasticsearch node (the integ-test-zip distribution) running as a child process of this JVM,
 * for local runs and integration tests. It listens on 127.0.0.1 with security off, on an OS-assigned
 * HTTP port unless a fixed one is asked for. {@link #stop()} and {@link #start()} keep the port and the
 * data; {@link #close()} also deletes the work directory unless the caller gave it. A JVM running as
 * root starts it as the user nobody, which Elasticsearch requires. Start, stop and close are
 * synchronized, so the tests of one class may share an instance.
 */
public final class EmbeddedElasticsearch implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedElasticsearch.class);
  private static final String HOST = "127.0.0.1";
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
  private static final int LOG_TAIL_LINES = 30;

  private final ElasticsearchDistribution distribution;
  private final String heap;
  private final Map<String, String> settings;
  private final Path givenWorkDirectory;
  private final Duration startTimeout;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final Thread shutdownHook = new Thread(this::kill, "embedded-elasticsearch-shutdown");
  private int httpPort;
  private WorkDirectory work;
  private volatile Process process;
  private boolean hookRegistered;

  private EmbeddedElasticsearch(Builder builder) {
    this.distribution = builder.distribution;
    this.heap = builder.heap;
    this.settings = Map.copyOf(builder.settings);
    this.givenWorkDirectory = builder.workDirectory;
    this.startTimeout = builder.startTimeout;
    this.httpPort = builder.httpPort;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts Elasticsearch and waits until the cluster is at least yellow. Calling it again after
   * {@link #stop()} restarts it on the same HTTP port with the same data; calling it while it runs
   * does nothing.
   */
  public synchronized EmbeddedElasticsearch start() {
    if (process != null && process.isAlive()) {
      return this;
    }
    long began = System.nanoTime();
    try {
      process = launch(prepare());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not prepare or launch Elasticsearch"
          + (work == null ? "" : " in " + work.root()) + ".", e);
    }
    awaitReady();
    log.info("Elasticsearch is ready at {} after {} ms, with its data in {}.", url(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began), work.data());
    return this;
  }

  /** The HTTP address, such as {@code http://127.0.0.1:9200}, fixed from the first start on. */
  public synchronized String url() {
    if (httpPort == 0) {
      throw new IllegalStateException("Elasticsearch has no port before its first start.");
    }
    return "http://" + HOST + ":" + httpPort;
  }

  /** Stops Elasticsearch gracefully, killing it after 30 s, and keeps its data for the next start. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    if (ProcessTree.terminate(process, STOP_GRACE)) {
      log.warn("Elasticsearch did not stop within {} s of SIGTERM; it was killed.",
          STOP_GRACE.toSeconds());
    }
    process = null;
    deletePidFile();
    log.info("Elasticsearch at {} is stopped; its data stays in {}.", url(), work.data());
  }

  /** Stops Elasticsearch and deletes its work directory unless the builder was given one. */
  @Override
  public synchronized void close() {
    stop();
    if (hookRegistered) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // Closed from another shutdown hook: the JVM is exiting and the hook is harmless.
        log.debug("The JVM is shutting down; Elasticsearch's own hook stays registered.");
      }
      hookRegistered = false;
    }
    if (givenWorkDirectory == null && work != null) {
      try {
        work.delete();
        log.info("Deleted the Elasticsearch work directory {}.", work.root());
      } catch (IOException e) {
        log.warn("Could not delete the Elasticsearch work directory {}.", work.root(), e);
      }
      work = null;
    }
  }

  /** Lays out the work directory and writes the settings; returns the unzipped distribution. */
  private Path prepare() throws IOException {
    if (work == null) {
      work = new WorkDirectory(givenWorkDirectory != null
          ? Files.createDirectories(givenWorkDirectory.toAbsolutePath())
          : Files.createTempDirectory("embedded-elasticsearch-"));
    }
    if (givenWorkDirectory != null) {
      stopLeftover(work.root());
    }
    boolean root = PrivilegeDrop.runningAsRoot();
    if (root) {
      PrivilegeDrop.requireReachable(work.root(), javaHome());
    }
    Path elasticsearchHome = work.prepare(distribution);
    if (httpPort == 0) {
      httpPort = freePort();
    }
    work.writeSettings(nodeSettings(freePort()));
    if (root) {
      PrivilegeDrop.handOver(work.root());
    }
    return elasticsearchHome;
  }

  private Map<String, String> nodeSettings(int transportPort) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("discovery.type", "single-node");
    all.put("network.host", HOST);
    all.put("http.port", String.valueOf(httpPort));
    all.put("transport.port", String.valueOf(transportPort));
    all.put("xpack.security.enabled", "false");
    // Test machines often have fuller disks than the default watermarks allow.
    all.put("cluster.routing.allocation.disk.threshold_enabled", "false");
    all.put("path.data", work.data().toString());
    all.put("path.logs", work.logs().toString());
    all.putAll(settings);
    return all;
  }

  private Process launch(Path elasticsearchHome) throws IOException {
    Path script = elasticsearchHome.resolve("bin").resolve("elasticsearch");
    boolean root = PrivilegeDrop.runningAsRoot();
    ProcessBuilder builder = new ProcessBuilder(
        root ? PrivilegeDrop.asNobody(script, work.home()) : List.of(script.toString()))
        .directory(work.root().toFile())
        .redirectErrorStream(true)
        .redirectOutput(Redirect.appendTo(work.consoleLog().toFile()));
    Map<String, String> environment = builder.environment();
    environment.put("ES_JAVA_HOME", javaHome().toString());
    environment.put("ES_PATH_CONF", work.config().toString());
    environment.put("ES_TMPDIR", work.tmp().toString());
    environment.put("ES_JAVA_OPTS", "-Xms" + heap + " -Xmx" + heap);
    log.info("Starting Elasticsearch on port {} as {}; its output goes to {}.", httpPort,
        root ? "the user nobody, since this JVM runs as root" : "this user", work.consoleLog());
    // Registered first: once the JVM is exiting, it refuses the hook and no process is started.
    if (!hookRegistered) {
      Runtime.getRuntime().addShutdownHook(shutdownHook);
      hookRegistered = true;
    }
    Process started = builder.start();
    new PidFile(work.root()).write(started);
    return started;
  }

  /** Polls cluster health (GET / answers 405 in this distribution) until yellow or the deadline. */
  private void awaitReady() {
    HttpRequest health = HttpRequest.newBuilder(
            URI.create(url() + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
        .timeout(Duration.ofSeconds(5)).GET().build();
    long deadline = System.nanoTime() + startTimeout.toNanos();
    while (!isHealthy(health)) {
      if (!process.isAlive()) {
        throw startFailure("Elasticsearch exited with code " + process.exitValue()
            + " before it was ready.");
      }
      if (System.nanoTime() - deadline > 0) {
        throw startFailure("Elasticsearch was not ready within " + startTimeout.toSeconds() + " s.");
      }
      awaitExit(POLL_INTERVAL);
    }
  }

  private boolean isHealthy(HttpRequest health) {
    try {
      return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      log.debug("Elasticsearch does not answer at {} yet: {}.", url(), e.toString());
      return false;
    } catch (InterruptedException e) {
      throw interruptedStart(e);
    }
  }

  /** Waits up to the timeout, less if the process exits first. */
  private void awaitExit(Duration timeout) {
    try {
      process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      throw interruptedStart(e);
    }
  }

  /** A start given up on from another thread stops the half-started process, so none is left. */
  private IllegalStateException interruptedStart(InterruptedException e) {
    ProcessTree.terminate(process, STOP_GRACE);
    process = null;
    Thread.currentThread().interrupt();
    return new IllegalStateException("Interrupted while waiting for Elasticsearch to start; it is"
        + " stopped.", e);
  }

  private IllegalStateException startFailure(String reason) {
    ProcessTree.terminate(process, STOP_GRACE);
    process = null;
    return new IllegalStateException(reason + " The last lines of " + work.consoleLog() + ":\n"
        + work.consoleTail(LOG_TAIL_LINES));
  }

  /**
   * Runs at JVM exit so that no Elasticsearch outlives a test run. Killing is safe for the data:
   * Elasticsearch syncs its translog before it acknowledges a write.
   */
  private void kill() {
    Process running = process;
    if (running != null) {
      ProcessTree.kill(running);
    }
  }

  /**
   * A JVM killed with SIGKILL may have left its node running in a work directory it was given,
   * holding the ports; a caller that checks its ports first uses {@link PidFile} itself.
   */
  private static void stopLeftover(Path workDirectory) {
    PidFile.stopLeftover(workDirectory, STOP_GRACE).ifPresent(pid -> log.info("Stopped"
        + " Elasticsearch (pid {}), which an earlier run left running in {}.", pid, workDirectory));
  }

  private void deletePidFile() {
    try {
      new PidFile(work.root()).delete();
    } catch (IOException e) {
      log.warn("Could not delete the pid file in {}; the next start checks the process it names.",
          work.root(), e);
    }
  }

  private static Path javaHome() {
    return Path.of(System.getProperty("java.home"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Collects the node's settings before it starts. */
  public static final class Builder {
    private ElasticsearchDistribution distribution;
    private String heap = "512m";
    private final Map<String, String> settings = new LinkedHashMap<>();
    private int httpPort;
    private Path workDirectory;
    private Duration startTimeout = Duration.ofSeconds(90);

    private Builder() {
    }

    /** The distribution zip, usually {@link ElasticsearchDistribution#zip()}. Required, or the next. */
    public Builder distribution(Path zip) {
      return distribution(ElasticsearchDistribution.ofZip(Objects.requireNonNull(zip, "zip")));
    }

    /** The distribution, wherever its zip is, such as inside a jar. */
    public Builder distribution(ElasticsearchDistribution distribution) {
      this.distribution = Objects.requireNonNull(distribution, "distribution");
      return this;
    }

    /** The JVM heap, both initial and maximum, such as {@code 512m} (the default) or {@code 1g}. */
    public Builder heap(String heap) {
      if (!heap.matches("\\d+[kKmMgG]")) {
        throw new IllegalArgumentException("The heap is a size such as 512m or 1g, not " + heap + ".");
      }
      this.heap = heap;
      return this;
    }

    /** One more scalar setting for elasticsearch.yml, such as thread_pool.write.size: 1. */
    public Builder setting(String key, String value) {
      settings.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** A fixed HTTP port, such as 9200; 0 (the default) lets the OS choose one at the first start. */
    public Builder httpPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("The HTTP port is 0..65535, not " + port + ".");
      }
      this.httpPort = port;
      return this;
    }

    /** A directory that keeps the distribution and the data across instances; default a temp dir. */
    public Builder workDirectory(Path directory) {
      this.workDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** How long {@link EmbeddedElasticsearch#start()} waits for a yellow cluster; default 90 s. */
    public Builder startTimeout(Duration timeout) {
      this.startTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    public EmbeddedElasticsearch build() {
      if (distribution == null) {
        throw new IllegalStateException("Give the distribution zip, such as ElasticsearchDistribution.zip().");
      }
      return new EmbeddedElasticsearch(this);
    }
  }
}
