package io.github.selectcolor.hdfssink.worker;

import io.github.selectcolor.hdfssink.HdfsSinkProperties;
import io.github.selectcolor.hdfssink.files.BackgroundSync;
import io.github.selectcolor.hdfssink.files.CommitListener;
import io.github.selectcolor.hdfssink.files.EventIdRebuild;
import io.github.selectcolor.hdfssink.files.OffsetRewindException;
import io.github.selectcolor.hdfssink.files.PartitionWriter;
import io.github.selectcolor.hdfssink.files.PartitionWriter.Committed;
import io.github.selectcolor.hdfssink.files.PartitionClaims.DataFile;
import io.github.selectcolor.hdfssink.files.SinkPaths;
import io.github.selectcolor.hdfssink.records.DeadLetterPublisher;
import io.github.selectcolor.hdfssink.records.DeadLetterPublisher.DeadLetterException;
import io.github.selectcolor.hdfssink.records.RecordInspector;
import io.github.selectcolor.hdfssink.records.RecordInspector.Inspection;
import io.github.selectcolor.hdfssink.records.RecordInspector.Invalid;
import io.github.selectcolor.hdfssink.records.RecordInspector.Reason;
import io.github.selectcolor.hdfssink.records.RecordInspector.Valid;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands the records of the partitions a worker writes, one {@link PartitionWriter} each, and
 * decides where each record ends: a record that fails inspection - in any way, since inspection
 * reads nothing but the record - goes to the dead-letter topic with its reason, its offset
 * covered even when Kafka will never take the dead letter, which the publisher then drops and
 * reports; a copy of an event its writer holds is dropped, its offset covered like a dead
 * letter's; a failure to write or commit is the partition's, handed to the worker, which pauses
 * the partition and claims it again. Not thread-safe: it belongs to one worker.
 */
final class RecordLanding implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RecordLanding.class);

  /** Told when a partition cannot be landed now; the partition has been stopped already. */
  interface PartitionFailure {
    void failed(TopicPartition partition, Exception cause);
  }

  private final Consumer<byte[], byte[]> consumer;
  private final FileSystem fileSystem;
  private final DeadLetterPublisher deadLetters;
  private final HdfsSinkProperties properties;
  private final SinkPaths paths;
  private final RecordInspector inspector;
  private final Clock clock;
  private final SinkMetrics metrics;
  private final CommitListener listener;
  private final BackgroundSync backgroundSync;
  private final EventIdRebuild eventIdRebuild;
  private final PartitionFailure onFailure;
  private final Map<TopicPartition, PartitionWriter> writers = new HashMap<>();

  RecordLanding(String workerName, Consumer<byte[], byte[]> consumer, FileSystem fileSystem,
      DeadLetterPublisher deadLetters, HdfsSinkProperties properties, SinkPaths paths, Clock clock,
      SinkMetrics metrics, CommitListener listener, PartitionFailure onFailure) {
    this.consumer = consumer;
    this.fileSystem = fileSystem;
    this.deadLetters = deadLetters;
    this.properties = properties;
    this.paths = paths;
    this.inspector = new RecordInspector(properties.timeZone());
    this.clock = clock;
    this.metrics = metrics;
    this.listener = listener;
    this.onFailure = onFailure;
    this.backgroundSync = new BackgroundSync(workerName + "-sync", properties.syncBehind());
    this.eventIdRebuild = new EventIdRebuild(fileSystem, properties.dedup(), clock);
  }

  /**
   * Starts landing a claimed partition, with the event ids of its newest committed files.
   *
   * @param nextOffset the first offset its next file covers; -1 when the first record decides
   * @param dataFiles  its committed data files, newest first
   */
  void start(TopicPartition partition, Path claimDirectory, long nextOffset,
      List<DataFile> dataFiles) throws IOException {
    writers.put(partition, new PartitionWriter(partition, fileSystem, paths, claimDirectory,
        nextOffset, properties, backgroundSync, clock, listener,
        eventIdRebuild.rebuild(partition, dataFiles)));
  }

  boolean lands(TopicPartition partition) {
    return writers.containsKey(partition);
  }

  Set<TopicPartition> partitions() {
    return Set.copyOf(writers.keySet());
  }

  /** Drops the partition's open file and unacknowledged dead letters: it will be read again. */
  void stop(TopicPartition partition) {
    PartitionWriter writer = writers.remove(partition);
    if (writer != null) {
      writer.abandon();
    }
    deadLetters.forget(partition);
  }

  void land(TopicPartition partition, ConsumerRecord<byte[], byte[]> record) {
    PartitionWriter writer = writers.get(partition);
    Inspection inspection = inspect(partition, record);
    try {
      if (inspection instanceof Valid valid) {
        write(partition, writer, record, valid);
      } else if (inspection instanceof Invalid invalid) {
        deadLetter(partition, writer, record, invalid);
      }
    } catch (IOException | DeadLetterException | OffsetRewindException | KafkaException e) {
      fail(partition, e);
    } catch (RuntimeException e) {
      // The record passed inspection, so this is the sink's state, not the record: read it again.
      log.error("Landing offset {} of partition {} failed unexpectedly; the partition is paused"
          + " and claimed again.", record.offset(), partition, e);
      fail(partition, e);
    }
  }

  private Inspection inspect(TopicPartition partition, ConsumerRecord<byte[], byte[]> record) {
    try {
      return inspector.inspect(record.value(), record.timestamp());
    } catch (RuntimeException e) {
      log.warn("Inspecting offset {} of partition {} failed; the record goes to the dead-letter"
          + " topic.", record.offset(), partition, e);
      return new Invalid(Reason.UNINSPECTABLE, "Inspecting the value failed with "
          + e.getClass().getName() + ".");
    }
  }

  private void write(TopicPartition partition, PartitionWriter writer,
      ConsumerRecord<byte[], byte[]> record, Valid valid)
      throws IOException, DeadLetterException, OffsetRewindException {
    if (valid.hasEventId() && writer.holds(valid.eventIdHigh(), valid.eventIdLow())) {
      writer.skip(record.offset());
      metrics.duplicateDropped();
      log.debug("Dropped offset {} of partition {}: its event id landed before.", record.offset(),
          partition);
      return;
    }
    // The write may commit a file, and no file is committed before the dead letters it covers.
    deadLetters.awaitAcknowledged(partition);
    long started = System.nanoTime();
    List<Committed> committed;
    if (valid.hasEventId()) {
      committed = writer.write(record.offset(), record.value(), valid.bucket(), valid.placedAt(),
          valid.eventIdHigh(), valid.eventIdLow());
    } else {
      committed = writer.write(record.offset(), record.value(), valid.bucket());
      metrics.withoutEventId();
    }
    if (!committed.isEmpty()) {
      afterCommit(partition, committed, Duration.ofNanos(System.nanoTime() - started));
    }
  }

  private void deadLetter(TopicPartition partition, PartitionWriter writer,
      ConsumerRecord<byte[], byte[]> record, Invalid invalid)
      throws DeadLetterException, OffsetRewindException {
    writer.skip(record.offset());
    deadLetters.publish(record, invalid);
    metrics.deadLettered(invalid.reason());
    log.debug("Sent offset {} of partition {} to the dead-letter topic: {}", record.offset(),
        partition, invalid.detail());
  }

  /** Commits what is due by {@code hdfs-sink.roll.max-age}. */
  void commitDue(Instant now) {
    for (Map.Entry<TopicPartition, PartitionWriter> entry : new ArrayList<>(writers.entrySet())) {
      if (entry.getValue().isDue(now)) {
        commit(entry.getKey());
      }
    }
  }

  void commitAll() {
    new ArrayList<>(writers.keySet()).forEach(this::commit);
  }

  /** Commits the open file, or the marker of dead-lettered offsets, after their dead letters. */
  void commit(TopicPartition partition) {
    PartitionWriter writer = writers.get(partition);
    if (writer == null || !writer.hasUncommitted()) {
      return;
    }
    long started = System.nanoTime();
    try {
      deadLetters.awaitAcknowledged(partition);
      writer.commit().ifPresent(committed -> afterCommit(partition, List.of(committed),
          Duration.ofNanos(System.nanoTime() - started)));
    } catch (IOException | DeadLetterException | KafkaException e) {
      fail(partition, e);
    } catch (RuntimeException e) {
      log.error("Committing partition {} failed unexpectedly; the partition is paused and claimed"
          + " again.", partition, e);
      fail(partition, e);
    }
  }

  private void afterCommit(TopicPartition partition, List<Committed> committed, Duration took) {
    Committed last = committed.get(committed.size() - 1);
    committed.stream().filter(Committed::isDataFile)
        .forEach(file -> metrics.committed(file.records(), file.bytes(), took));
    try {
      consumer.commitSync(Map.of(partition, new OffsetAndMetadata(last.nextOffset())));
    } catch (KafkaException e) {
      log.warn("Committed {} but could not update the group offset of partition {} to {} (used"
          + " for lag monitoring only; HDFS holds the progress): {}", last.path(), partition,
          last.nextOffset(), e.toString());
    }
  }

  private void fail(TopicPartition partition, Exception cause) {
    stop(partition);
    onFailure.failed(partition, cause);
  }

  /**
   * The poll timeout, cut short when an open file falls due sooner, so that a file is committed at
   * its roll age rather than up to a poll timeout later.
   */
  Duration pollTimeout(Instant now) {
    Duration timeout = properties.pollTimeout();
    for (PartitionWriter writer : writers.values()) {
      Optional<Duration> dueIn = writer.dueIn(now);
      if (dueIn.isPresent() && dueIn.get().compareTo(timeout) < 0) {
        timeout = dueIn.get();
      }
    }
    return timeout;
  }

  /** Drops every open file without committing it. */
  void abandonAll() {
    writers.values().forEach(PartitionWriter::abandon);
    writers.clear();
  }

  @Override
  public void close() {
    abandonAll();
    deadLetters.close();
    backgroundSync.close();
  }
}
