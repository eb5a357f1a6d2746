package io.github.selectcolor.hdfssink.files;

import io.github.selectcolor.hdfssink.HdfsSinkProperties;
import io.github.selectcolor.hdfssink.HdfsSinkProperties.Compression;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands one claimed partition: at most one open file at a time, committed when it reaches the
 * record count, the byte size or the age of {@code hdfs-sink.roll}, or when a record of another
 * hour arrives. Each committed file starts at the offset after the previous one, so the files of a
 * partition tile its offsets. Not thread-safe: it belongs to one worker.
 */
public final class PartitionWriter {

  private static final Logger log = LoggerFactory.getLogger(PartitionWriter.class);

  private final TopicPartition partition;
  private final FileSystem fileSystem;
  private final SinkPaths paths;
  private final Path claimDirectory;
  private final HdfsSinkProperties.Roll roll;
  private final Compression compression;
  private final BackgroundSync backgroundSync;
  private final Clock clock;
  private final CommitListener listener;
  private long coveredFrom;
  private long expectedOffset;
  private OpenFile file;

  /**
   * @param nextOffset the first offset the next file covers; -1 when nothing was committed yet and
   *                   the first record read decides
   */
  public PartitionWriter(TopicPartition partition, FileSystem fileSystem, SinkPaths paths,
      Path claimDirectory, long nextOffset, HdfsSinkProperties properties,
      BackgroundSync backgroundSync, Clock clock, CommitListener listener) {
    this.partition = partition;
    this.fileSystem = fileSystem;
    this.paths = paths;
    this.claimDirectory = claimDirectory;
    this.coveredFrom = nextOffset;
    this.expectedOffset = nextOffset;
    this.roll = properties.roll();
    this.compression = properties.compression();
    this.backgroundSync = backgroundSync;
    this.clock = clock;
    this.listener = listener;
  }

  /**
   * Appends a record's value as one line. A record of another hour than the open file's commits
   * that file first, and so does reaching the count or size limit afterwards.
   *
   * @return the files committed on the way, oldest first
   */
  public List<Committed> write(long offset, byte[] value, TimeBucket bucket) throws IOException {
    List<Committed> committed = new ArrayList<>(2);
    noteGap(offset);
    if (file != null && !file.bucket().equals(bucket)) {
      commit().ifPresent(committed::add);
    }
    if (file == null) {
      file = OpenFile.create(fileSystem, claimDirectory, bucket,
          coveredFrom >= 0 ? coveredFrom : offset, compression, backgroundSync, clock.instant());
    }
    file.append(value, offset);
    expectedOffset = offset + 1;
    listener.appended(partition, offset);
    if (file.records() >= roll.maxRecords() || file.bytes() >= roll.maxBytes().toBytes()) {
      commit().ifPresent(committed::add);
    }
    return committed;
  }

  /** Covers the offset of a record that went to the dead-letter topic instead. */
  public void skip(long offset) {
    noteGap(offset);
    if (file != null) {
      file.cover(offset);
    } else if (coveredFrom < 0) {
      coveredFrom = offset;
    }
    expectedOffset = offset + 1;
  }

  private void noteGap(long offset) {
    if (expectedOffset >= 0 && offset > expectedOffset) {
      log.warn("Partition {} continues at offset {} instead of {}: the records in between were"
          + " deleted from Kafka before the sink read them.", partition, offset, expectedOffset);
      if (file == null) {
        coveredFrom = offset;
      }
    }
  }

  /** True when the open file has been open for {@code hdfs-sink.roll.max-age}. */
  public boolean isDue(Instant now) {
    return file != null && Duration.between(file.openedAt(), now).compareTo(roll.maxAge()) >= 0;
  }

  /** How long until the open file is due, zero when it is; empty without an open file. */
  public Optional<Duration> dueIn(Instant now) {
    if (file == null) {
      return Optional.empty();
    }
    Duration left = Duration.between(now, file.openedAt().plus(roll.maxAge()));
    return Optional.of(left.isNegative() ? Duration.ZERO : left);
  }

  public boolean hasOpenFile() {
    return file != null;
  }

  /** Commits the open file, if any: sync, close, rename. */
  public Optional<Committed> commit() throws IOException {
    if (file == null) {
      return Optional.empty();
    }
    OpenFile committing = file;
    file = null;
    Path target;
    try {
      target = committing.commit(paths.bucketDirectory(committing.bucket()), partition.topic(),
          partition.partition(), compression,
          () -> listener.synced(partition, committing.path()));
    } catch (IOException | RuntimeException e) {
      committing.abandon();
      throw e;
    }
    coveredFrom = committing.lastOffset() + 1;
    listener.renamed(partition, target);
    log.debug("Committed {} with {} records of partition {}.", target, committing.records(),
        partition);
    return Optional.of(new Committed(target, committing.records(), committing.bytes(),
        coveredFrom));
  }

  /** Drops the open file without committing it; its records will be read again. */
  public void abandon() {
    if (file != null) {
      file.abandon();
      file = null;
    }
  }

  /**
   * A committed file.
   *
   * @param path       its final path
   * @param records    lines in it
   * @param bytes      its size as written
   * @param nextOffset the offset after the last one it covers
   */
  public record Committed(Path path, long records, long bytes, long nextOffset) {
  }
}
