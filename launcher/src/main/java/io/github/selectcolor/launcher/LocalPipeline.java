package io.github.selectcolor.launcher;

import io.github.selectcolor.embedded.elasticsearch.PidFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.springframework.boot.logging.LoggingSystem;

/**
 * Starts the pipeline on this machine with embedded engines on the conventional ports (Kafka
 * localhost:9092-9094, HDFS hdfs://localhost:9000, Elasticsearch 9200, Connect 8083, the page 8080,
 * the HDFS sink's health 8082, the dashboard 5601) and stops it in order on Ctrl-C or SIGTERM.
 *
 * <p>Options: {@code --data-dir=DIR} (default {@code local-data} in the working directory) is the
 * folder every part keeps its data and log files in, so that a restart finds the events again;
 * {@code --fresh} deletes it first; {@code --kafka-ports=A,B,C} and {@code --<part>-port=N} move
 * the parts. The Elasticsearch distribution and the connector travel inside this jar.
 *
 * <p>Exit codes: 0 after a stop, 1 when the pipeline could not start (every part that had started
 * is stopped first), 2 for a bad command line, before anything starts.
 */
public final class LocalPipeline {

  static final String LOG_DIRECTORY_PROPERTY = "local.log.dir";
  static final int START_FAILED = 1;
  static final int USAGE_ERROR = 2;
  private static final Duration LEFTOVER_STOP_GRACE = Duration.ofSeconds(30);
  /** Logback's own switch; a bad command line has no data folder to hold log files. */
  private static final String LOGBACK_CONFIGURATION_PROPERTY = "logback.configurationFile";

  private LocalPipeline() {
  }

  public static void main(String[] args) {
    int exitCode = START_FAILED;
    try {
      exitCode = launch(args);
    } catch (RuntimeException | Error e) {
      Logger log = System.getProperty(LOG_DIRECTORY_PROPERTY) == null ? consoleOnlyLogger()
          : LoggerFactory.getLogger(LocalPipeline.class);
      log.error("The local pipeline failed: {}", StartFailure.summary(e), e);
    } finally {
      // Kafka's, HDFS's and Connect's threads would keep the JVM alive whatever happened.
      System.exit(exitCode);
    }
  }

  /** Runs the pipeline until a stop signal and returns the exit code. */
  static int launch(String... args) {
    LauncherOptions.Parsed parsed = LauncherOptions.parse(args);
    if (!parsed.problems().isEmpty() || parsed.options().help()) {
      Logger log = consoleOnlyLogger();
      parsed.problems().forEach(problem -> log.error("{}", problem));
      log.info("{}", LauncherOptions.USAGE);
      return parsed.problems().isEmpty() ? 0 : USAGE_ERROR;
    }
    LauncherOptions options = parsed.options();
    StackSettings settings = options.settings();
    try (DataFolderLock lock = DataFolderLock.tryAcquire(settings.dataDirectory())) {
      String refusal = folderRefusal(lock, options);
      // A launcher killed with SIGKILL left its Elasticsearch running, holding its ports.
      Optional<Long> leftover = refusal != null ? Optional.empty()
          : PidFile.stopLeftover(settings.elasticsearchDirectory(), LEFTOVER_STOP_GRACE);
      refusal = refusal != null ? refusal : busyPorts(settings);
      if (refusal != null) {
        consoleOnlyLogger().error("The local pipeline could not start: {}.", refusal);
        return START_FAILED;
      }
      if (options.fresh()) {
        lock.deleteData();
      }
      Files.createDirectories(settings.logDirectory());
      Logger log = fileLogging(settings);
      leftover.ifPresent(pid -> log.info("Stopped Elasticsearch (pid {}), which a launcher killed"
          + " earlier had left running in {}.", pid, settings.elasticsearchDirectory()));
      return run(settings, log);
    } catch (IOException e) {
      consoleOnlyLogger().error("The data folder {} could not be prepared: {}",
          settings.dataDirectory(), e.toString());
      return USAGE_ERROR;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return START_FAILED;
    }
  }

  /** Why the pipeline must not start on this folder, or null when it may. */
  private static String folderRefusal(DataFolderLock lock, LauncherOptions options) {
    Path dataDirectory = options.settings().dataDirectory();
    if (lock == null) {
      return "another launcher runs on the data folder " + dataDirectory
          + "; stop it or give this one another --data-dir";
    }
    if (options.fresh() && !lock.isLaunchersOwn()) {
      return "--fresh empties only a data folder the launcher made, and " + dataDirectory
          + " holds other files; give --data-dir a new or empty folder";
    }
    return null;
  }

  /** Why the ports keep the pipeline from starting, or null when all are free. */
  private static String busyPorts(StackSettings settings) {
    List<String> busy = PortCheck.busy(settings.fixedPorts());
    if (busy.isEmpty()) {
      return null;
    }
    return String.join(", ", busy) + (busy.size() == 1 ? " is" : " are") + " already in use; stop"
        + " what holds " + (busy.size() == 1 ? "it" : "them") + " or give the part another port";
  }

  /** Sets up the log files in the data folder; no logger may exist before this. */
  private static Logger fileLogging(StackSettings settings) {
    System.setProperty(LOG_DIRECTORY_PROPERTY, settings.logDirectory().toString());
    // The launcher's logback.xml serves every part; Spring Boot resetting it while the first
    // application starts would drop the lines Kafka and HDFS log meanwhile.
    System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    return LoggerFactory.getLogger(LocalPipeline.class);
  }

  private static int run(StackSettings settings, Logger log) throws InterruptedException {
    log.info("Starting the local pipeline with its data in {} and its log files in {}.",
        settings.dataDirectory(), settings.logDirectory());
    long began = System.nanoTime();
    LocalStack stack = LocalStack.starting();
    StopSignals signals = StopSignals.install(() -> {
      log.info("Stopping the local pipeline: the collector first, Kafka last.");
      stack.close();
      log.info("The local pipeline is stopped; its data stays in {}.", settings.dataDirectory());
    });
    try {
      stack.startParts(settings, BundledEngines.inThisJar());
    } catch (RuntimeException e) {
      if (!signals.takeOver()) {
        // A stop signal came during the start: the part that was starting gave up or stopped.
        signals.awaitStop();
        return 0;
      }
      // The console shows this line only; the log file keeps the stack trace.
      log.error("The local pipeline could not start. {} Every part that had started is stopped;"
          + " details are in {}.", message(e), settings.logDirectory().resolve("launcher.log"), e);
      stack.close();
      return START_FAILED;
    }
    log.info("The pipeline is ready after {} s. Open the page at {} and the dashboard at {}."
        + " Press Ctrl-C to stop.", String.format(Locale.ROOT, "%.1f",
        (System.nanoTime() - began) / 1e9), stack.pageUrl(), stack.dashboardUrl());
    signals.awaitStop();
    return 0;
  }

  private static String message(RuntimeException failure) {
    return failure instanceof StartFailure ? failure.getMessage() : StartFailure.summary(failure);
  }

  /** For a bad command line, which has no data folder to hold the log files. */
  private static Logger consoleOnlyLogger() {
    System.setProperty(LOGBACK_CONFIGURATION_PROPERTY, "logback-console.xml");
    return LoggerFactory.getLogger(LocalPipeline.class);
  }
}
