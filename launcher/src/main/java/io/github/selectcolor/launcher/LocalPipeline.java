package io.github.selectcolor.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the pipeline on this machine with embedded engines on the standard ports (Kafka
 * localhost:9092-9094, HDFS hdfs://localhost:9000, Elasticsearch 9200, Connect 8083, the page 8080,
 * the HDFS sink's health 8082, the dashboard 5601) and stops it in order on Ctrl-C or SIGTERM.
 *
 * <p>Options: {@code --data-dir=DIR} (default {@code local-data}) is the folder every part keeps its
 * data and log files in, so that a restart finds the events again; {@code --fresh} deletes it
 * first. Run from the repository's root after {@code ./mvnw install}: the Elasticsearch
 * distribution and the connector's plugin are read from the build's output
 * ({@code -Dlocal.elasticsearch.distribution} and {@code -Dlocal.plugin.path} point elsewhere).
 */
public final class LocalPipeline {

  static final String LOG_DIRECTORY_PROPERTY = "local.log.dir";
  private static final int USAGE_ERROR = 2;

  private LocalPipeline() {
  }

  public static void main(String[] args) throws IOException {
    Options options = Options.parse(args);
    if (options.fresh() && options.problems().isEmpty()) {
      deleteRecursively(options.dataDirectory());
    }
    StackSettings settings = StackSettings.standardPorts(options.dataDirectory().toAbsolutePath());
    Files.createDirectories(settings.logDirectory());
    // Set before the first logger exists, so that the log files land in the data folder.
    System.setProperty(LOG_DIRECTORY_PROPERTY, settings.logDirectory().toString());
    Logger log = LoggerFactory.getLogger(LocalPipeline.class);
    if (!options.problems().isEmpty()) {
      options.problems().forEach(problem -> log.error("{}", problem));
      log.error("Usage: java -jar launcher/target/select-color-local.jar [--data-dir=DIR] [--fresh]");
      System.exit(USAGE_ERROR);
    }
    List<String> busy = PortCheck.busy(settings.fixedPorts());
    if (!busy.isEmpty()) {
      log.error("Cannot start the local pipeline: {} already in use. Stop what holds {} and run"
          + " again.", String.join(", ", busy), busy.size() == 1 ? "it" : "them");
      System.exit(USAGE_ERROR);
    }
    log.info("Starting the local pipeline with its data in {} and its log files in {}.",
        settings.dataDirectory(), settings.logDirectory());
    long began = System.nanoTime();
    LocalStack stack = LocalStack.start(settings, BuildOutput.elasticsearchDistribution(),
        BuildOutput.pluginPath());
    Runnable stop = () -> {
      log.info("Stopping the local pipeline: the collector first, Kafka last.");
      stack.close();
      log.info("The local pipeline is stopped; its data stays in {}.", settings.dataDirectory());
    };
    StopSignals.onInterruptOrTerminate(stop);
    log.info("The pipeline is ready after {} s. Kafka: {}. HDFS: {} (events under {}/{})."
        + " Elasticsearch: {} (alias {}). Kafka Connect: {} (connector {}).",
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began), stack.bootstrapServers(),
        stack.hdfsUri(), LocalStack.HDFS_BASE_PATH, LocalStack.TOPIC, stack.elasticsearchUrl(),
        LocalStack.TOPIC, stack.connect().restUrl(), LocalStack.CONNECTOR);
    log.info("Open the page at {} and the dashboard at {}. Press Ctrl-C to stop.", stack.pageUrl(),
        stack.dashboardUrl());
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** The command line, with every problem in it. */
  private record Options(Path dataDirectory, boolean fresh, List<String> problems) {

    static Options parse(String[] args) {
      Path dataDirectory = Path.of("local-data");
      boolean fresh = false;
      List<String> problems = new ArrayList<>();
      for (String arg : args) {
        if (arg.equals("--fresh")) {
          fresh = true;
        } else if (arg.startsWith("--data-dir=") && arg.length() > "--data-dir=".length()) {
          dataDirectory = Path.of(arg.substring("--data-dir=".length()));
        } else {
          problems.add("Unknown option " + arg + ".");
        }
      }
      return new Options(dataDirectory, fresh, List.copyOf(problems));
    }
  }
}
