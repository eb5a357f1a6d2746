package io.github.selectcolor.hdfssink.files;

import io.github.selectcolor.hdfssink.files.CommitLog.Logged;
import io.github.selectcolor.hdfssink.files.PartitionClaims.DataFile;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the committed data files of fenced partitions, newest first, from their {@link CommitLog}s:
 * one listing of the log and a look at the newest entries' files, however long the topic's history.
 * Only a partition without a log, or whose log names no file that still exists, is found by
 * listing every hour directory of the topic, once for all such partitions, which also writes the
 * log that the next claim reads. Used once per claim, after fencing.
 */
final class DataFileRecovery {

  private static final Logger log = LoggerFactory.getLogger(DataFileRecovery.class);

  private final FileSystem fileSystem;
  private final SinkPaths paths;
  private final Duration retention;

  DataFileRecovery(FileSystem fileSystem, SinkPaths paths, Duration retention) {
    this.fileSystem = fileSystem;
    this.paths = paths;
    this.retention = retention;
  }

  /** The committed data files of each fenced partition, newest first, keyed by partition. */
  Map<Integer, List<DataFile>> recover(Map<Integer, Path> claimDirectories) throws IOException {
    Map<Integer, List<DataFile>> found = new HashMap<>();
    List<Integer> unlogged = new ArrayList<>();
    for (int partition : claimDirectories.keySet()) {
      Optional<List<DataFile>> logged = fromLog(partition);
      if (logged.isPresent()) {
        found.put(partition, logged.get());
      } else {
        unlogged.add(partition);
      }
    }
    if (!unlogged.isEmpty()) {
      Map<Integer, List<Listed>> listed = list(unlogged);
      for (int partition : unlogged) {
        List<Listed> records = listed.getOrDefault(partition, List.of());
        found.put(partition, logListed(partition, claimDirectories.get(partition), records));
      }
    }
    return found;
  }

  /** Empty when the partition has no log, or none of the files its log names exists. */
  private Optional<List<DataFile>> fromLog(int partition) throws IOException {
    CommitLog commitLog = log(partition);
    Optional<List<Logged>> read = commitLog.read();
    if (read.isEmpty()) {
      log.info("Partition {} of topic {} has no commit log yet: it is new, or its files were"
          + " written by a version of the sink without one; the topic's files are listed once to"
          + " write it.", partition, paths.topic());
      return Optional.empty();
    }
    List<Logged> entries = read.get();
    int newest = 0;
    while (newest < entries.size() && !commitLog.isCommitted(entries.get(newest).record())) {
      newest++;
    }
    if (newest == entries.size() && newest > 0) {
      log.warn("None of the {} files the commit log of partition {} of topic {} names exists:"
          + " they were never renamed into place, as when the first commit crashed, or were"
          + " deleted since; the topic's files are listed instead.", entries.size(), partition,
          paths.topic());
      return Optional.empty();
    }
    for (Logged uncommitted : entries.subList(0, newest)) {
      commitLog.delete(uncommitted.record());
      log.info("Deleted the commit log entry {} of partition {}: its file was never renamed into"
          + " place, because its writer crashed or was fenced in between.",
          uncommitted.record().name(), partition);
    }
    List<DataFile> files = kept(commitLog, entries.subList(newest, entries.size()));
    if (files.isEmpty()) {
      log.info("The commit log of partition {} of topic {} names no data file: none was"
          + " committed.", partition, paths.topic());
    } else {
      log.info("The commit log of partition {} of topic {} names {} as its newest data file, so"
          + " its data files end before offset {}; it names {} data files within {}.", partition,
          paths.topic(), entries.get(newest).record().target(paths),
          files.get(0).name().nextOffset(), files.size(), retention);
    }
    return Optional.of(files);
  }

  /** The entries' files, newest first, after deleting the entries older than the retention. */
  private List<DataFile> kept(CommitLog commitLog, List<Logged> newestFirst) throws IOException {
    List<DataFile> files = new ArrayList<>();
    long oldestKept = newestFirst.isEmpty() ? 0
        : newestFirst.get(0).loggedAt() - retention.toMillis();
    for (Logged entry : newestFirst) {
      if (!files.isEmpty() && entry.loggedAt() < oldestKept) {
        commitLog.delete(entry.record());
      } else {
        files.add(new DataFile(entry.record().file(), entry.record().target(paths)));
      }
    }
    return files;
  }

  /** Logs the files of a listed partition committed within the retention of its newest. */
  private List<DataFile> logListed(int partition, Path claimDirectory,
      List<Listed> newestFirst) throws IOException {
    List<CommitRecord> logged = new ArrayList<>();
    long oldestKept = newestFirst.isEmpty() ? 0
        : newestFirst.get(0).modifiedAt() - retention.toMillis();
    for (Listed file : newestFirst) {
      if (!logged.isEmpty() && file.modifiedAt() < oldestKept) {
        break;
      }
      logged.add(file.record());
    }
    log(partition).replace(claimDirectory, logged);
    if (newestFirst.isEmpty()) {
      log.info("Listed the topic {} for partition {}: it has no committed data file, and an empty"
          + " commit log now says so to the next claim.", paths.topic(), partition);
    } else {
      log.info("Listed the topic {} for partition {}: its {} committed data files end before"
          + " offset {}, and a commit log of the {} committed within {} of the newest now tells"
          + " the next claim.", paths.topic(), partition, newestFirst.size(),
          newestFirst.get(0).record().file().nextOffset(), logged.size(), retention);
    }
    return newestFirst.stream().map(Listed::record)
        .map(record -> new DataFile(record.file(), record.target(paths))).toList();
  }

  /** Every committed data file of the partitions in the topic's tree, newest first. */
  private Map<Integer, List<Listed>> list(Collection<Integer> partitions) throws IOException {
    Map<Integer, List<Listed>> files = new HashMap<>();
    for (FileStatus day : list(paths.topicDirectory())) {
      for (FileStatus hour : list(day.getPath())) {
        String bucketPath = day.getPath().getName() + "/" + hour.getPath().getName();
        for (FileStatus file : list(hour.getPath())) {
          CommitRecord.of(bucketPath, file.getPath().getName())
              .filter(record -> record.file().topic().equals(paths.topic())
                  && partitions.contains(record.file().partition()))
              .ifPresent(record -> files.computeIfAbsent(record.file().partition(),
                  partition -> new ArrayList<>())
                  .add(new Listed(record, file.getModificationTime())));
        }
      }
    }
    files.values().forEach(list -> list.sort(Comparator.comparingLong(
        (Listed file) -> file.record().file().lastOffset()).reversed()));
    return files;
  }

  private FileStatus[] list(Path directory) throws IOException {
    try {
      return fileSystem.listStatus(directory);
    } catch (FileNotFoundException e) {
      return new FileStatus[0];
    }
  }

  private CommitLog log(int partition) {
    return new CommitLog(fileSystem, paths, partition, retention);
  }

  private record Listed(CommitRecord record, long modifiedAt) {
  }
}
