package io.github.selectcolor.hdfssink.files;

import io.github.selectcolor.hdfssink.HdfsSinkProperties;
import io.github.selectcolor.hdfssink.HdfsSinkProperties.Compression;
import io.github.selectcolor.hdfssink.dedup.EventIdWindow;
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
 * partition tile its offsets, and is named in the partition's {@link CommitLog} before it is
 * renamed into place, so that the next claim finds it without listing the topic. A run of dead-lettered offsets that no file covers is committed by a
 * {@link DeadLetterMarker} at the same age. Offsets only go forward: a record before one already
 * landed is refused, never written into a file whose range would run backwards. It keeps the
 * claim's {@link EventIdWindow}: the ids of the committed files it was rebuilt from and of every
 * record written since, so that a copy of one of them is {@linkplain #skip skipped} like a dead
 * letter. When the writer is abandoned its window goes with it, and the next claim rebuilds one
 * from what HDFS holds. Not thread-safe: it belongs to one worker.
 */
public final class PartitionWriter {

  private static final Logger log = LoggerFactory.getLogger(PartitionWriter.class);

  private final TopicPartition partition;
  private final FileSystem fileSystem;
  private final SinkPaths paths;
  private final Path claimDirectory;
  private final HdfsSinkProperties.Roll roll;
  private final Compression compression;
  private final int gzipLevel;
  private final BackgroundSync backgroundSync;
  private final Clock clock;
  private final CommitListener listener;
  private final EventIdWindow eventIds;
  private final CommitLog commitLog;
  private long coveredFrom;
  private long expectedOffset;
  private OpenFile file;
  /** When the first dead-lettered offset that no file covers yet was skipped; null when none. */
  private Instant skippedSince;
  /** The last marker this writer committed, made redundant by whatever it commits next. */
  private Path marker;

  /**
   * @param nextOffset the first offset the next file covers; -1 when nothing was committed yet and
   *                   the first record read decides
   * @param eventIds   the ids the partition's committed files hold, rebuilt for this claim
   */
  public PartitionWriter(TopicPartition partition, FileSystem fileSystem, SinkPaths paths,
      Path claimDirectory, long nextOffset, HdfsSinkProperties properties,
      BackgroundSync backgroundSync, Clock clock, CommitListener listener,
      EventIdWindow eventIds) {
    this.partition = partition;
    this.fileSystem = fileSystem;
    this.paths = paths;
    this.claimDirectory = claimDirectory;
    this.coveredFrom = nextOffset;
    this.expectedOffset = nextOffset;
    this.roll = properties.roll();
    this.compression = properties.compression();
    this.gzipLevel = properties.gzipLevel();
    this.backgroundSync = backgroundSync;
    this.clock = clock;
    this.listener = listener;
    this.eventIds = eventIds;
    this.commitLog = new CommitLog(fileSystem, paths, partition.partition(),
        CommitLog.retention(properties));
  }

  /**
   * True when a record of this event id was written by this claim or is in the committed files
   * its window was rebuilt from: a copy, to be {@linkplain #skip skipped}.
   */
  public boolean holds(long eventIdHigh, long eventIdLow) {
    return eventIds.contains(eventIdHigh, eventIdLow);
  }

  /**
   * Like {@link #write(long, byte[], TimeBucket)} for a record with an event id, which the window
   * then holds.
   *
   * @param placedAt the time that placed the record in its hour, in epoch milliseconds
   */
  public List<Committed> write(long offset, byte[] value, TimeBucket bucket, long placedAt,
      long eventIdHigh, long eventIdLow) throws IOException, OffsetRewindException {
    List<Committed> committed = write(offset, value, bucket);
    eventIds.add(eventIdHigh, eventIdLow, placedAt);
    return committed;
  }

  /**
   * Appends a record's value as one line. A record of another hour than the open file's commits
   * that file first, and so does reaching the count or size limit afterwards.
   *
   * @return the files committed on the way, oldest first
   * @throws OffsetRewindException when the offset is before one already landed
   */
  public List<Committed> write(long offset, byte[] value, TimeBucket bucket)
      throws IOException, OffsetRewindException {
    requireForward(offset);
    List<Committed> committed = new ArrayList<>(2);
    noteGap(offset);
    if (file != null && !file.bucket().equals(bucket)) {
      commit().ifPresent(committed::add);
    }
    if (file == null) {
      file = OpenFile.create(fileSystem, claimDirectory, bucket,
          coveredFrom >= 0 ? coveredFrom : offset, compression, gzipLevel, backgroundSync,
          clock.instant());
      skippedSince = null;
    }
    file.append(value, offset);
    expectedOffset = offset + 1;
    listener.appended(partition, offset);
    if (file.records() >= roll.maxRecords() || file.bytes() >= roll.maxBytes().toBytes()) {
      commit().ifPresent(committed::add);
    }
    return committed;
  }

  /**
   * Covers the offset of a record that is not written: one that goes to the dead-letter topic
   * instead, or a copy of an event this writer {@linkplain #holds holds}.
   *
   * @throws OffsetRewindException when the offset is before one already landed
   */
  public void skip(long offset) throws OffsetRewindException {
    requireForward(offset);
    noteGap(offset);
    if (file != null) {
      file.cover(offset);
    } else {
      if (coveredFrom < 0) {
        coveredFrom = offset;
      }
      if (skippedSince == null) {
        skippedSince = clock.instant();
      }
    }
    expectedOffset = offset + 1;
  }

  private void requireForward(long offset) throws OffsetRewindException {
    if (expectedOffset >= 0 && offset < expectedOffset) {
      throw new OffsetRewindException(partition, offset, expectedOffset);
    }
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

  /**
   * True when the open file, or the run of dead-lettered offsets no file covers, is
   * {@code hdfs-sink.roll.max-age} old.
   */
  public boolean isDue(Instant now) {
    return dueIn(now).filter(Duration::isZero).isPresent();
  }

  /** How long until what is uncommitted is due, zero when it is; empty when nothing is. */
  public Optional<Duration> dueIn(Instant now) {
    Instant since = file != null ? file.openedAt() : skippedSince;
    if (since == null) {
      return Optional.empty();
    }
    Duration left = Duration.between(now, since.plus(roll.maxAge()));
    return Optional.of(left.isNegative() ? Duration.ZERO : left);
  }

  /** True with an open file or a run of dead-lettered offsets that no file covers yet. */
  public boolean hasUncommitted() {
    return file != null || skippedSince != null;
  }

  /**
   * Commits the open file (sync, close, rename), or else the marker of the dead-lettered offsets
   * no file covers; nothing when there is neither.
   */
  public Optional<Committed> commit() throws IOException {
    if (file == null) {
      return skippedSince == null ? Optional.empty() : Optional.of(commitMarker());
    }
    OpenFile committing = file;
    file = null;
    CommitRecord record;
    try {
      record = committing.commit(paths.bucketDirectory(committing.bucket()), commitLog,
          partition.topic(), partition.partition(), compression,
          () -> listener.synced(partition, committing.path()));
    } catch (IOException | RuntimeException e) {
      committing.abandon();
      throw e;
    }
    Path target = record.target(paths);
    commitLog.committed(record, clock.instant());
    coveredFrom = committing.lastOffset() + 1;
    replaceMarker(null);
    listener.renamed(partition, target);
    log.debug("Committed {} with {} records of partition {}.", target, committing.records(),
        partition);
    return Optional.of(new Committed(target, committing.records(), committing.bytes(),
        coveredFrom));
  }

  private Committed commitMarker() throws IOException {
    Path target = DeadLetterMarker.commit(fileSystem, claimDirectory,
        paths.deadLetteredDirectory(partition.partition()), new CommittedFile(partition.topic(),
            partition.partition(), coveredFrom, expectedOffset - 1));
    skippedSince = null;
    coveredFrom = expectedOffset;
    replaceMarker(target);
    listener.renamed(partition, target);
    log.debug("Committed {}: offsets of partition {} that all went to the dead-letter topic.",
        target, partition);
    return new Committed(target, 0, 0, coveredFrom);
  }

  /** Deletes the previous marker, which the file or marker just committed makes redundant. */
  private void replaceMarker(Path newMarker) {
    Path previous = marker;
    marker = newMarker;
    if (previous == null) {
      return;
    }
    try {
      fileSystem.delete(previous, false);
    } catch (IOException e) {
      log.warn("Could not delete {}, which a later commit of partition {} made redundant; the"
          + " partition's next claim deletes it: {}", previous, partition, e.toString());
    }
  }

  /** Drops the open file without committing it; its records will be read again. */
  public void abandon() {
    if (file != null) {
      file.abandon();
      file = null;
    }
  }

  /**
   * A committed file, or a marker of dead-lettered offsets.
   *
   * @param path       its final path
   * @param records    lines in it; zero for a marker
   * @param bytes      its size as written
   * @param nextOffset the offset after the last one it covers
   */
  public record Committed(Path path, long records, long bytes, long nextOffset) {

    /** False for a marker of dead-lettered offsets, which holds no records. */
    public boolean isDataFile() {
      return records > 0;
    }
  }
}
