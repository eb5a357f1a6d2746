package io.github.selectcolor.hdfssink.files;

import io.github.selectcolor.hdfssink.HdfsSinkProperties;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A partition's commit log: one {@link CommitRecord} per data file committed within the last
 * {@linkplain #retention retention}, in {@code <base>/+committed/<topic>/partition=<p>/}. It exists
 * so that a claim reads one small directory instead of every hour directory the topic ever had.
 *
 * <p>A data file's entry is appended <em>before</em> the file is renamed into place, and the
 * rename stays the commit point. So every committed data file has an entry, and the newest entry
 * names either the newest committed file or, after a crash or fencing between the two steps, a
 * file that was never renamed; no file can be committed that the log does not name. A claim
 * therefore checks the newest entries' files from the newest down and resumes after the first that
 * exists, deleting the entries above it. The alternative, appending after the rename, leaves the
 * log one commit behind after such a crash, and that commit's file may be in any hour directory,
 * since hours are the records' times: finding it would mean listing again.
 *
 * <p>Entries are created in the writer's claim directory without creating parents and then
 * renamed into the log, like data files, so an owner fenced by a later claim cannot add one. A
 * fenced owner can still delete entries, but only those it appended itself and that are older than
 * the retention behind its own newest commit, which every later owner's commits are newer than.
 * Dead-letter markers need no entry: they already sit in a per-partition directory that a claim
 * lists, and that holds no more than the newest one for long.
 *
 * <p>A partition without a log, written by a version without one, gets one by listing once: the
 * log is built in the claim directory and renamed into place whole, so that a log directory, even
 * an empty one, always names the newest committed data file, if there is one. Not thread-safe:
 * one per claim or writer of a partition.
 */
final class CommitLog {

  private static final Logger log = LoggerFactory.getLogger(CommitLog.class);
  /** The directory in each claim directory where a claim that lists builds a new log. */
  private static final String STAGING = "commit-log";
  /**
   * How far a collector's clock and its records' landing may run ahead of or behind the file
   * that holds them, so that a window rebuilt from the log still finds a full window of ids.
   */
  private static final Duration SLACK = Duration.ofHours(1);

  private final FileSystem fileSystem;
  private final SinkPaths paths;
  private final int partition;
  private final Duration retention;
  private final Deque<Appended> appended = new ArrayDeque<>();

  CommitLog(FileSystem fileSystem, SinkPaths paths, int partition, Duration retention) {
    this.fileSystem = fileSystem;
    this.paths = paths;
    this.partition = partition;
    this.retention = retention;
  }

  /**
   * How long an entry stays after a newer commit: the de-duplication window that a claim's
   * rebuild reads back, plus the oldest a file's records can be, plus slack. Bounded by time, not
   * by count, because a file per minute of one record each is as valid as one of a million. A sink
   * that lands records more than the slack after the collector received them can need older files
   * than these to fill its window; it then rebuilds a window that misses ids of that lag.
   */
  static Duration retention(HdfsSinkProperties properties) {
    return properties.dedup().window().plus(properties.roll().maxAge()).plus(SLACK);
  }

  /** Where a claim directory's new log is built, created with the claim directory in one call. */
  static Path staging(Path claimDirectory) {
    return new Path(claimDirectory, STAGING);
  }

  Duration retention() {
    return retention;
  }

  /** Appends the entry of a data file about to be renamed into place. */
  void append(Path claimDirectory, CommitRecord record) throws IOException {
    Path temporary = new Path(claimDirectory, UUID.randomUUID() + ".commit.tmp");
    createEmpty(temporary);
    Path target = new Path(paths.commitLogDirectory(partition), record.name());
    if (!fileSystem.rename(temporary, target)) {
      throw new PartitionFencedException("Could not rename " + temporary + " to " + target
          + ": another owner of partition " + partition + " removed it or the log, or the target"
          + " exists.");
    }
  }

  /**
   * Notes that the entry's file is committed, and deletes what this log appended that is older
   * than the retention, all but the newest.
   */
  void committed(CommitRecord record, Instant now) {
    appended.addLast(new Appended(record, now));
    Instant oldestKept = now.minus(retention);
    while (appended.size() > 1 && appended.peekFirst().at().isBefore(oldestKept)) {
      CommitRecord expired = appended.removeFirst().record();
      try {
        delete(expired);
      } catch (IOException e) {
        log.warn("Could not delete the commit log entry {} of partition {}, older than the log"
            + " keeps; the partition's next claim deletes it: {}", expired.name(), partition,
            e.toString());
      }
    }
  }

  /** The entries, newest (highest offsets) first; empty when the partition has no log yet. */
  Optional<List<Logged>> read() throws IOException {
    FileStatus[] statuses;
    try {
      statuses = fileSystem.listStatus(paths.commitLogDirectory(partition));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
    List<Logged> entries = new ArrayList<>();
    for (FileStatus status : statuses) {
      CommitRecord.parse(status.getPath().getName())
          .filter(record -> record.file().topic().equals(paths.topic())
              && record.file().partition() == partition)
          .ifPresent(record -> entries.add(new Logged(record, status.getModificationTime())));
    }
    entries.sort(Comparator.comparingLong((Logged entry) -> entry.record().file().lastOffset())
        .reversed());
    return Optional.of(entries);
  }

  /** Replaces the log, or creates it, with these entries, all at once. */
  void replace(Path claimDirectory, List<CommitRecord> records) throws IOException {
    Path staging = staging(claimDirectory);
    for (CommitRecord record : records) {
      createEmpty(new Path(staging, record.name()));
    }
    Path directory = paths.commitLogDirectory(partition);
    fileSystem.delete(directory, true);
    fileSystem.mkdirs(directory.getParent());
    if (!fileSystem.rename(staging, directory)) {
      throw new PartitionFencedException("Could not rename " + staging + " to " + directory
          + ": another owner of partition " + partition + " removed it.");
    }
  }

  boolean delete(CommitRecord record) throws IOException {
    return fileSystem.delete(new Path(paths.commitLogDirectory(partition), record.name()), false);
  }

  /** True when the entry's data file exists: it was renamed into place. */
  boolean isCommitted(CommitRecord record) throws IOException {
    try {
      fileSystem.getFileStatus(record.target(paths));
      return true;
    } catch (FileNotFoundException e) {
      return false;
    }
  }

  private void createEmpty(Path path) throws IOException {
    fileSystem.createNonRecursive(path, false, 4096, fileSystem.getDefaultReplication(path),
        fileSystem.getDefaultBlockSize(path), null).close();
  }

  /**
   * An entry as listed.
   *
   * @param record   the entry
   * @param loggedAt when it was appended, by the file system's clock
   */
  record Logged(CommitRecord record, long loggedAt) {
  }

  private record Appended(CommitRecord record, Instant at) {
  }
}
