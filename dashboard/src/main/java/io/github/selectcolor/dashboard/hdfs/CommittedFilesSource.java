package io.github.selectcolor.dashboard.hdfs;

import io.github.selectcolor.dashboard.AvailabilityLog;
import io.github.selectcolor.dashboard.DashboardProperties;
import io.github.selectcolor.dashboard.hdfs.CommittedFiles.Entry;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the {@code hdfs} part of the snapshot by listing the topic's two latest hour directories,
 * not the whole tree. Never throws: when HDFS fails, the part says so. One HDFS client for the
 * application's life, made at the first refresh (so that an unknown NameNode host does not stop
 * the dashboard from starting) and closed with the application. Thread-safe.
 */
@Component
public class CommittedFilesSource implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CommittedFilesSource.class);

  private final DashboardProperties.Hdfs settings;
  private final long timeoutMillis;
  private final Path topicDirectory;
  private final CommittedFiles committedFiles;
  private final AvailabilityLog availability;
  private FileSystem fileSystem;
  private boolean closed;

  public CommittedFilesSource(DashboardProperties properties) {
    this.settings = properties.hdfs();
    this.timeoutMillis = properties.sourceTimeout().toMillis();
    this.topicDirectory = new Path(new Path(settings.fileSystem()),
        new Path(settings.basePath(), properties.topic()));
    this.committedFiles = new CommittedFiles(properties.topic());
    this.availability = new AvailabilityLog(log, "HDFS at " + settings.fileSystem());
  }

  public HdfsSection read(Instant now) {
    try {
      FileSystem hdfs = fileSystem();
      List<Entry> entries = new ArrayList<>();
      for (String hour : CommittedFiles.hourDirectories(now, settings.timeZone())) {
        entries.addAll(list(hdfs, new Path(topicDirectory, hour)));
      }
      CommittedFiles.Totals totals = committedFiles.total(entries, now);
      availability.available();
      return new HdfsSection(true, null, topicDirectory.toString(),
          CommittedFiles.WINDOW.toSeconds(), totals.files(), totals.bytes());
    } catch (IOException | RuntimeException e) {
      // Hadoop wraps some failures, an unknown host among them, in unchecked exceptions.
      String reason = reason(e);
      availability.unavailable(reason, e);
      return HdfsSection.unavailable(topicDirectory.toString(), reason);
    }
  }

  /** An hour nothing was committed for has no directory: an empty listing, not a failure. */
  private static List<Entry> list(FileSystem hdfs, Path directory) throws IOException {
    FileStatus[] statuses;
    try {
      statuses = hdfs.listStatus(directory);
    } catch (FileNotFoundException e) {
      return List.of();
    }
    List<Entry> entries = new ArrayList<>(statuses.length);
    for (FileStatus status : statuses) {
      entries.add(new Entry(status.getPath().getName(), status.isFile(), status.getLen(),
          Instant.ofEpochMilli(status.getModificationTime())));
    }
    return entries;
  }

  private synchronized FileSystem fileSystem() throws IOException {
    if (closed) {
      throw new IOException("The dashboard is shutting down.");
    }
    if (fileSystem == null) {
      fileSystem = FileSystem.newInstance(settings.fileSystem(), configuration());
    }
    return fileSystem;
  }

  /**
   * Hadoop's client retries a NameNode that does not answer for minutes by default; the dashboard
   * rather says at once that HDFS is unavailable and asks again at the next refresh. Settings
   * under {@code dashboard.hdfs.hadoop.*} win.
   */
  private Configuration configuration() {
    Configuration configuration = new Configuration();
    configuration.setInt("ipc.client.connect.max.retries", 0);
    configuration.setInt("ipc.client.connect.max.retries.on.timeouts", 0);
    configuration.setLong("ipc.client.connect.timeout", timeoutMillis);
    configuration.setLong("ipc.client.rpc-timeout.ms", timeoutMillis);
    settings.hadoop().forEach(configuration::set);
    return configuration;
  }

  private String reason(Exception e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException) {
        return "No connection to the NameNode at " + settings.fileSystem() + ".";
      }
      if (cause instanceof SocketTimeoutException) {
        return "HDFS did not answer within " + timeoutMillis + " ms.";
      }
    }
    return "HDFS could not be listed: " + e + ".";
  }

  @Override
  public synchronized void close() throws IOException {
    closed = true;
    if (fileSystem != null) {
      fileSystem.close();
    }
  }
}
