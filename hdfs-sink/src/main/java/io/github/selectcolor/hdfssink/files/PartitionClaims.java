package io.github.selectcolor.hdfssink.files;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
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
 * earlier owner that may still be writing - and only then reads the committed files. HDFS orders
 * the delete and an earlier owner's rename: either that rename came first and its file is counted,
 * or it fails. The earlier owner cannot create files again either, because it never creates
 * parent directories. Progress counts data files and {@link DeadLetterMarker}s alike; markers
 * that a later file or marker makes redundant are deleted. Thread-safe if the file system is.
 */
public final class PartitionClaims {

  private static final Logger log = LoggerFactory.getLogger(PartitionClaims.class);

  private final FileSystem fileSystem;
  private final SinkPaths paths;

  public PartitionClaims(FileSystem fileSystem, SinkPaths paths) {
    this.fileSystem = fileSystem;
    this.paths = paths;
  }

  /**
   * Claims the partitions: fences earlier owners, then reads each one's committed offsets and
   * lists its committed data files.
   */
  public Map<Integer, Claim> claim(Collection<Integer> partitions) throws IOException {
    Map<Integer, Path> directories = new HashMap<>();
    for (int partition : partitions) {
      directories.put(partition, fence(partition));
    }
    Map<Integer, List<DataFile>> dataFiles = dataFiles(directories.keySet());
    Map<Integer, Long> next = nextOffsets(directories.keySet(), dataFiles);
    for (Map.Entry<Integer, Long> partition : next.entrySet()) {
      deleteRedundantMarkers(partition.getKey(), partition.getValue());
    }
    Map<Integer, Claim> claims = new HashMap<>();
    directories.forEach((partition, directory) -> claims.put(partition, new Claim(partition,
        directory, next.containsKey(partition) ? OptionalLong.of(next.get(partition))
            : OptionalLong.empty(), dataFiles.getOrDefault(partition, List.of()))));
    return claims;
  }

  private Path fence(int partition) throws IOException {
    Path partitionDirectory = paths.partitionTempDirectory(partition);
    if (fileSystem.delete(partitionDirectory, true)) {
      log.debug("Deleted {}: the temporary files of an earlier owner of partition {}.",
          partitionDirectory, partition);
    }
    Path claimDirectory = new Path(partitionDirectory, UUID.randomUUID().toString());
    if (!fileSystem.mkdirs(claimDirectory)) {
      throw new IOException("Could not create the claim directory " + claimDirectory + ".");
    }
    return claimDirectory;
  }

  /** The offset after the last one committed, per partition that has committed files or markers. */
  Map<Integer, Long> nextOffsets(Collection<Integer> partitions) throws IOException {
    return nextOffsets(partitions, dataFiles(partitions));
  }

  private Map<Integer, Long> nextOffsets(Collection<Integer> partitions,
      Map<Integer, List<DataFile>> dataFiles) throws IOException {
    Map<Integer, Long> next = new HashMap<>();
    dataFiles.forEach((partition, files) -> next.put(partition, files.get(0).name().nextOffset()));
    for (int partition : partitions) {
      for (CommittedFile marker : markers(partition)) {
        next.merge(partition, marker.nextOffset(), Math::max);
      }
    }
    return next;
  }

  /** The committed data files of each partition that has any, newest (highest offsets) first. */
  private Map<Integer, List<DataFile>> dataFiles(Collection<Integer> partitions)
      throws IOException {
    Map<Integer, List<DataFile>> files = new HashMap<>();
    for (FileStatus day : list(paths.topicDirectory())) {
      for (FileStatus hour : list(day.getPath())) {
        for (FileStatus file : list(hour.getPath())) {
          CommittedFile.parse(file.getPath().getName())
              .filter(committed -> committed.topic().equals(paths.topic())
                  && partitions.contains(committed.partition()))
              .ifPresent(committed -> files.computeIfAbsent(committed.partition(),
                  partition -> new ArrayList<>()).add(new DataFile(committed, file)));
        }
      }
    }
    files.values().forEach(list -> list.sort(
        Comparator.comparingLong((DataFile file) -> file.name().lastOffset()).reversed()));
    return files;
  }

  private void deleteRedundantMarkers(int partition, long nextOffset) throws IOException {
    for (CommittedFile marker : markers(partition)) {
      if (marker.nextOffset() < nextOffset) {
        fileSystem.delete(new Path(paths.deadLetteredDirectory(partition),
            marker.fileName(DeadLetterMarker.EXTENSION)), false);
      }
    }
  }

  private List<CommittedFile> markers(int partition) throws IOException {
    List<CommittedFile> markers = new ArrayList<>();
    for (FileStatus file : list(paths.deadLetteredDirectory(partition))) {
      CommittedFile.parse(file.getPath().getName())
          .filter(marker -> marker.topic().equals(paths.topic()) && marker.partition() == partition
              && file.getPath().getName().endsWith(DeadLetterMarker.EXTENSION))
          .ifPresent(markers::add);
    }
    return markers;
  }

  private FileStatus[] list(Path directory) throws IOException {
    try {
      return fileSystem.listStatus(directory);
    } catch (FileNotFoundException e) {
      return new FileStatus[0];
    }
  }

  /**
   * A partition this sink now owns in HDFS.
   *
   * @param partition  the partition
   * @param directory  where its temporary files go
   * @param nextOffset where reading resumes; empty when nothing was committed yet
   * @param dataFiles  its committed data files, newest first
   */
  public record Claim(int partition, Path directory, OptionalLong nextOffset,
      List<DataFile> dataFiles) {
  }

  /**
   * A committed data file.
   *
   * @param name   what its name says
   * @param status its length and modification time among others
   */
  public record DataFile(CommittedFile name, FileStatus status) {
  }
}
