package io.github.selectcolor.hdfssink.files;

import io.github.selectcolor.hdfssink.HdfsSinkProperties;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes ownership of partitions in HDFS and finds where each resumes. Claiming deletes the
 * partition's temporary directory first - stale files of a crash, and the claim directory of any
 * earlier owner that may still be writing - and only then reads what was committed. HDFS orders
 * the delete and an earlier owner's rename: either that rename came first and its file is counted,
 * or it fails. The earlier owner cannot create files again either, because it never creates
 * parent directories. Progress counts data files, found through each partition's
 * {@link CommitLog} so that a claim reads a few small directories however long the topic's
 * history, and {@link DeadLetterMarker}s alike; markers that a later file or marker makes
 * redundant are deleted. Thread-safe if the file system is.
 */
public final class PartitionClaims {

  private static final Logger log = LoggerFactory.getLogger(PartitionClaims.class);

  private final FileSystem fileSystem;
  private final SinkPaths paths;
  private final DataFileRecovery recovery;

  public PartitionClaims(FileSystem fileSystem, SinkPaths paths, HdfsSinkProperties properties) {
    this(fileSystem, paths, CommitLog.retention(properties));
  }

  /** @param logRetention how long commit log entries stay behind a newer commit */
  PartitionClaims(FileSystem fileSystem, SinkPaths paths, Duration logRetention) {
    this.fileSystem = fileSystem;
    this.paths = paths;
    this.recovery = new DataFileRecovery(fileSystem, paths, logRetention);
  }

  /**
   * Claims the partitions: fences earlier owners, then finds each one's committed offsets and
   * its newest committed data files.
   */
  public Map<Integer, Claim> claim(Collection<Integer> partitions) throws IOException {
    Map<Integer, Path> directories = new HashMap<>();
    for (int partition : partitions) {
      directories.put(partition, fence(partition));
    }
    Map<Integer, List<DataFile>> dataFiles = recovery.recover(directories);
    Map<Integer, Claim> claims = new HashMap<>();
    for (Map.Entry<Integer, Path> claimed : directories.entrySet()) {
      int partition = claimed.getKey();
      List<DataFile> files = dataFiles.getOrDefault(partition, List.of());
      OptionalLong next = nextOffset(partition, files);
      claims.put(partition, new Claim(partition, claimed.getValue(), next, files));
    }
    return claims;
  }

  /**
   * Deletes the earlier owners' directory and creates this claim's, with the place for a new
   * commit log inside, in one call: a later claim that deletes them leaves nothing to write into.
   */
  private Path fence(int partition) throws IOException {
    Path partitionDirectory = paths.partitionTempDirectory(partition);
    if (fileSystem.delete(partitionDirectory, true)) {
      log.debug("Deleted {}: the temporary files of an earlier owner of partition {}.",
          partitionDirectory, partition);
    }
    Path claimDirectory = new Path(partitionDirectory, UUID.randomUUID().toString());
    if (!fileSystem.mkdirs(CommitLog.staging(claimDirectory))) {
      throw new IOException("Could not create the claim directory " + claimDirectory + ".");
    }
    return claimDirectory;
  }

  /**
   * The offset after the last one committed by the newest data file or dead-letter marker, whose
   * redundant markers it deletes; empty when nothing was committed.
   */
  private OptionalLong nextOffset(int partition, List<DataFile> newestFirst) throws IOException {
    long dataNext = newestFirst.isEmpty() ? -1 : newestFirst.get(0).name().nextOffset();
    long next = dataNext;
    List<CommittedFile> markers = markers(partition);
    for (CommittedFile marker : markers) {
      next = Math.max(next, marker.nextOffset());
    }
    for (CommittedFile marker : markers) {
      if (marker.nextOffset() < next) {
        fileSystem.delete(new Path(paths.deadLetteredDirectory(partition),
            marker.fileName(DeadLetterMarker.EXTENSION)), false);
      }
    }
    if (next > dataNext) {
      log.info("Partition {} of topic {} resumes at offset {}, after its dead-letter marker of"
          + " offsets that all went to the dead-letter topic.", partition, paths.topic(), next);
    }
    return next < 0 ? OptionalLong.empty() : OptionalLong.of(next);
  }

  private List<CommittedFile> markers(int partition) throws IOException {
    FileStatus[] files;
    try {
      files = fileSystem.listStatus(paths.deadLetteredDirectory(partition));
    } catch (FileNotFoundException e) {
      return List.of();
    }
    List<CommittedFile> markers = new ArrayList<>();
    for (FileStatus file : files) {
      CommittedFile.parse(file.getPath().getName())
          .filter(marker -> marker.topic().equals(paths.topic()) && marker.partition() == partition
              && file.getPath().getName().endsWith(DeadLetterMarker.EXTENSION))
          .ifPresent(markers::add);
    }
    return markers;
  }

  /**
   * A partition this sink now owns in HDFS.
   *
   * @param partition  the partition
   * @param directory  where its temporary files go
   * @param nextOffset where reading resumes; empty when nothing was committed yet
   * @param dataFiles  its newest committed data files, newest first: all those committed within
   *                   its commit log's retention of the newest, or all of them when it had no log
   */
  public record Claim(int partition, Path directory, OptionalLong nextOffset,
      List<DataFile> dataFiles) {
  }

  /**
   * A committed data file, which may since have been deleted by others.
   *
   * @param name what its name says
   * @param path where it is
   */
  public record DataFile(CommittedFile name, Path path) {
  }
}
