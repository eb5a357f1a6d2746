package io.github.selectcolor.hdfssink.worker;

import io.github.selectcolor.hdfssink.HdfsSinkProperties;
import io.github.selectcolor.hdfssink.files.BackgroundSync;
import io.github.selectcolor.hdfssink.files.CommitListener;
import io.github.selectcolor.hdfssink.files.PartitionClaims;
import io.github.selectcolor.hdfssink.files.PartitionClaims.Claim;
import io.github.selectcolor.hdfssink.files.PartitionWriter;
import io.github.selectcolor.hdfssink.files.PartitionWriter.Committed;
import io.github.selectcolor.hdfssink.files.SinkPaths;
import io.github.selectcolor.hdfssink.records.DeadLetterPublisher;
import io.github.selectcolor.hdfssink.records.DeadLetterPublisher.DeadLetterException;
import io.github.selectcolor.hdfssink.records.RecordInspector;
import io.github.selectcolor.hdfssink.records.RecordInspector.Inspection;
import io.github.selectcolor.hdfssink.records.RecordInspector.Invalid;
import io.github.selectcolor.hdfssink.records.RecordInspector.Valid;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker thread: one KafkaConsumer, one HDFS client, one writer per partition it owns. It
 * claims each assigned partition in HDFS and seeks to the offset after the last committed file;
 * Kafka's group offsets are only updated for lag monitoring. A partition whose file cannot be
 * written or committed (HDFS down, fenced by a later owner, dead letters not acknowledged) is
 * paused, its open file dropped, and claimed again after a back-off: its records are read again,
 * so nothing is lost and, as the claim reads HDFS, nothing is written twice. Stopped by
 * {@link #stop()}, which commits the open files. Not thread-safe apart from {@link #stop()} and
 * {@link #status()}.
 */
final class SinkWorker implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(SinkWorker.class);

  private final String name;
  private final Consumer<byte[], byte[]> consumer;
  private final FileSystem fileSystem;
  private final DeadLetterPublisher deadLetters;
  private final HdfsSinkProperties properties;
  private final SinkPaths paths;
  private final PartitionClaims claims;
  private final RecordInspector inspector;
  private final Clock clock;
  private final SinkMetrics metrics;
  private final CommitListener listener;
  private final Backoff backoff;
  private final BackgroundSync backgroundSync;
  private final Map<TopicPartition, PartitionWriter> writers = new HashMap<>();
  private final Map<TopicPartition, Retry> retries = new HashMap<>();
  private final AtomicReference<WorkerStatus> status;
  private volatile boolean running = true;
  private String lastError;

  SinkWorker(String name, Consumer<byte[], byte[]> consumer, FileSystem fileSystem,
      DeadLetterPublisher deadLetters, HdfsSinkProperties properties, SinkPaths paths, Clock clock,
      SinkMetrics metrics, CommitListener listener) {
    this.name = name;
    this.consumer = consumer;
    this.fileSystem = fileSystem;
    this.deadLetters = deadLetters;
    this.properties = properties;
    this.paths = paths;
    this.claims = new PartitionClaims(fileSystem, paths);
    this.inspector = new RecordInspector(properties.timeZone());
    this.clock = clock;
    this.metrics = metrics;
    this.listener = listener;
    this.backoff = new Backoff(properties.retry().initialBackoff(), properties.retry().maxBackoff());
    this.status = new AtomicReference<>(WorkerStatus.starting(name));
    this.backgroundSync = new BackgroundSync(name + "-sync", properties.syncBehind());
  }

  @Override
  public void run() {
    boolean orderly = false;
    try {
      consumer.subscribe(List.of(properties.topic()), new Rebalance());
      publishStatus(WorkerStatus.State.RUNNING);
      while (running) {
        pollOnce();
      }
      orderly = true;
    } catch (WakeupException e) {
      orderly = !running;
      if (!orderly) {
        throw e;
      }
    } catch (RuntimeException | Error e) {
      lastError = "The worker stopped on an unexpected failure: " + e;
      publishStatus(WorkerStatus.State.FAILED);
      log.error("Worker {} stopped on an unexpected failure; its open files are left for the next"
          + " owner of its partitions to discard.", name, e);
      throw e;
    } finally {
      close(orderly);
    }
  }

  /** Asks the worker to commit its open files and stop; returns at once. */
  void stop() {
    running = false;
    consumer.wakeup();
  }

  WorkerStatus status() {
    return status.get();
  }

  private void pollOnce() {
    ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout(clock.instant()));
    for (TopicPartition partition : records.partitions()) {
      for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
        PartitionWriter writer = writers.get(partition);
        if (writer == null) {
          break;
        }
        land(partition, writer, record);
      }
    }
    Instant now = clock.instant();
    for (Map.Entry<TopicPartition, PartitionWriter> entry : new ArrayList<>(writers.entrySet())) {
      if (entry.getValue().isDue(now)) {
        commit(entry.getKey());
      }
    }
    retryDue(now);
    publishStatus(WorkerStatus.State.RUNNING);
  }

  /**
   * The poll timeout, cut short when an open file falls due sooner, so that a file is committed at
   * its roll age rather than up to a poll timeout later.
   */
  private Duration pollTimeout(Instant now) {
    Duration timeout = properties.pollTimeout();
    for (PartitionWriter writer : writers.values()) {
      Optional<Duration> dueIn = writer.dueIn(now);
      if (dueIn.isPresent() && dueIn.get().compareTo(timeout) < 0) {
        timeout = dueIn.get();
      }
    }
    return timeout;
  }

  private void land(TopicPartition partition, PartitionWriter writer,
      ConsumerRecord<byte[], byte[]> record) {
    Inspection inspection = inspector.inspect(record.value(), record.timestamp());
    try {
      if (inspection instanceof Valid valid) {
        // The write may commit a file, and no file is committed before the dead letters it covers.
        deadLetters.awaitAcknowledged(partition);
        long started = System.nanoTime();
        List<Committed> committed = writer.write(record.offset(), record.value(), valid.bucket());
        if (!committed.isEmpty()) {
          afterCommit(partition, committed, Duration.ofNanos(System.nanoTime() - started));
        }
      } else if (inspection instanceof Invalid invalid) {
        deadLetters.publish(record, invalid);
        writer.skip(record.offset());
        metrics.deadLettered(invalid.reason());
        log.debug("Sent offset {} of partition {} to the dead-letter topic: {}", record.offset(),
            partition, invalid.detail());
      }
    } catch (IOException | DeadLetterException | KafkaException e) {
      fail(partition, e);
    }
  }

  private void commit(TopicPartition partition) {
    PartitionWriter writer = writers.get(partition);
    if (writer == null || !writer.hasOpenFile()) {
      return;
    }
    long started = System.nanoTime();
    try {
      deadLetters.awaitAcknowledged(partition);
      writer.commit().ifPresent(committed -> afterCommit(partition, List.of(committed),
          Duration.ofNanos(System.nanoTime() - started)));
    } catch (IOException | DeadLetterException | KafkaException e) {
      fail(partition, e);
    }
  }

  private void afterCommit(TopicPartition partition, List<Committed> committed, Duration took) {
    Committed last = committed.get(committed.size() - 1);
    committed.forEach(file -> metrics.committed(file.records(), file.bytes(), took));
    try {
      consumer.commitSync(Map.of(partition, new OffsetAndMetadata(last.nextOffset())));
    } catch (KafkaException e) {
      log.warn("Committed {} but could not update the group offset of partition {} to {} (used"
          + " for lag monitoring only; HDFS holds the progress): {}", last.path(), partition,
          last.nextOffset(), e.toString());
    }
  }

  private void fail(TopicPartition partition, Exception cause) {
    PartitionWriter writer = writers.remove(partition);
    if (writer != null) {
      writer.abandon();
    }
    deadLetters.forget(partition);
    consumer.pause(List.of(partition));
    Retry retry = retries.getOrDefault(partition, new Retry(0, clock.instant()));
    Duration delay = backoff.delay(retry.attempt());
    retries.put(partition, new Retry(retry.attempt() + 1, clock.instant().plus(delay)));
    lastError = "Partition " + partition + " failed: " + cause;
    log.warn("Could not land partition {}; its open file is dropped and its records will be read"
        + " again after claiming it anew in {} ms: {}", partition, delay.toMillis(), cause.toString());
  }

  private void retryDue(Instant now) {
    List<TopicPartition> due = retries.entrySet().stream()
        .filter(entry -> !entry.getValue().at().isAfter(now))
        .map(Map.Entry::getKey).toList();
    if (!due.isEmpty()) {
      claimAndSeek(due);
    }
  }

  private void claimAndSeek(Collection<TopicPartition> partitions) {
    try {
      Map<Integer, Claim> claimed = claims.claim(
          partitions.stream().map(TopicPartition::partition).toList());
      for (TopicPartition partition : partitions) {
        Claim claim = claimed.get(partition.partition());
        long next = claim.nextOffset().orElse(-1L);
        writers.put(partition, new PartitionWriter(partition, fileSystem, paths, claim.directory(),
            next, properties, backgroundSync, clock, listener));
        if (next >= 0) {
          consumer.seek(partition, next);
        } else {
          consumer.seekToBeginning(List.of(partition));
        }
        retries.remove(partition);
        log.info("Worker {} claimed partition {} in HDFS and resumes it at {}.", name, partition,
            next >= 0 ? "offset " + next : "its earliest offset");
      }
      consumer.resume(partitions);
    } catch (IOException e) {
      partitions.forEach(partition -> fail(partition, e));
    }
  }

  private void close(boolean orderly) {
    try {
      if (orderly) {
        new ArrayList<>(writers.keySet()).forEach(this::commit);
      } else {
        writers.values().forEach(PartitionWriter::abandon);
      }
      writers.clear();
      consumer.close(Duration.ofSeconds(5));
    } catch (KafkaException e) {
      log.warn("Worker {} could not close its consumer cleanly: {}", name, e.toString());
    } finally {
      deadLetters.close();
      backgroundSync.close();
      closeFileSystem();
      if (status.get().state() != WorkerStatus.State.FAILED) {
        publishStatus(WorkerStatus.State.STOPPED);
      }
      log.info("Worker {} stopped{}.", name, orderly ? " after committing its open files" : "");
    }
  }

  private void closeFileSystem() {
    try {
      fileSystem.close();
    } catch (IOException e) {
      log.warn("Worker {} could not close its HDFS client: {}", name, e.toString());
    }
  }

  private void publishStatus(WorkerStatus.State state) {
    Set<TopicPartition> assigned = writers.keySet().stream().collect(Collectors.toSet());
    assigned.addAll(retries.keySet());
    status.set(new WorkerStatus(name, state, assigned, retries.keySet(), lastError));
  }

  /** In the worker's thread, inside {@code poll()}. */
  private final class Rebalance implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      for (TopicPartition partition : partitions) {
        if (running) {
          commit(partition);
        }
        drop(partition);
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      log.warn("Worker {} lost partitions {} without a revocation; their open files are dropped.",
          name, partitions);
      partitions.forEach(this::drop);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        claimAndSeek(partitions);
      }
    }

    private void drop(TopicPartition partition) {
      PartitionWriter writer = writers.remove(partition);
      if (writer != null) {
        writer.abandon();
      }
      retries.remove(partition);
      deadLetters.forget(partition);
    }
  }

  /**
   * @param attempt failures so far
   * @param at      when to claim the partition again
   */
  private record Retry(int attempt, Instant at) {
  }
}
