package io.github.selectcolor.bench.latency;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Notes when each event was committed to HDFS: every 200 ms it lists the sink's committed tree
 * (the sink renames a file into it when it commits) and reads each file it has not read yet.
 */
final class HdfsWatcher implements AutoCloseable {

  static final long INTERVAL_MILLIS = 200;

  private final ObjectMapper json = new ObjectMapper();
  private final FileSystem fileSystem;
  private final Path committed;
  private final Set<Path> read = new HashSet<>();
  private final Arrivals arrivals = new Arrivals();
  private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(
      runnable -> new Thread(runnable, "bench-hdfs-watcher"));
  private volatile Exception failure;

  HdfsWatcher(URI hdfs, String topicDirectory) throws IOException {
    fileSystem = FileSystem.newInstance(hdfs, new Configuration());
    committed = new Path(topicDirectory);
    markExistingFilesRead();
    checks.scheduleWithFixedDelay(this::check, 0, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
  }

  Arrivals arrivals() {
    return arrivals;
  }

  private void markExistingFilesRead() throws IOException {
    if (fileSystem.exists(committed)) {
      RemoteIterator<LocatedFileStatus> files = fileSystem.listFiles(committed, true);
      while (files.hasNext()) {
        read.add(files.next().getPath());
      }
    }
  }

  private void check() {
    try {
      if (!fileSystem.exists(committed)) {
        return;
      }
      RemoteIterator<LocatedFileStatus> files = fileSystem.listFiles(committed, true);
      long now = System.nanoTime();
      while (files.hasNext()) {
        Path file = files.next().getPath();
        if (read.add(file)) {
          readEventIds(file, now);
        }
      }
    } catch (IOException e) {
      failure = e;
    }
  }

  private void readEventIds(Path file, long listedAt) throws IOException {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(fileSystem.open(file),
        StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        arrivals.record(json.readTree(line).get("eventId").asText(), listedAt);
      }
    }
  }

  Exception failure() {
    return failure;
  }

  @Override
  public void close() throws IOException {
    checks.shutdownNow();
    fileSystem.close();
  }
}
