package io.github.selectcolor.hdfssink.worker;

import io.github.selectcolor.hdfssink.HdfsSinkProperties;
import io.github.selectcolor.hdfssink.files.CommitListener;
import io.github.selectcolor.hdfssink.files.PartitionClaims;
import io.github.selectcolor.hdfssink.files.PartitionClaims.Claim;
import io.github.selectcolor.hdfssink.files.SinkPaths;
import io.github.selectcolor.hdfssink.records.DeadLetterPublisher;
import io.github.selectcolor.hdfssink.worker.ResumePosition.AfterDeletedRecords;
import io.github.selectcolor.hdfssink.worker.ResumePosition.AtOffset;
import io.github.selectcolor.hdfssink.worker.ResumePosition.HdfsAhead;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker: one KafkaConsumer, one HDFS client, and a {@link RecordLanding} for the partitions
 * it owns. It claims each assigned partition in HDFS and seeks to the offset after the last
 * committed file or marker, checked against the span of the partition's log
 * ({@link ResumePosition}); Kafka's group offsets are only updated for lag monitoring. A partition
 * that cannot be landed now (HDFS down, fenced by a later owner, dead letters not acknowledged
 * though Kafka may still take them, offsets gone backwards) is paused, its open file dropped, and claimed again after a back-off:
 * its records are read again, so nothing is lost and, as the claim reads HDFS, nothing is written
 * twice. A partition that HDFS holds further than Kafka's log reaches is not consumed at all.
 * Stopped by {@link #stop()}, which commits the open files. Not thread-safe apart from
 * {@link #stop()} and {@link #status()}.
 */
final class SinkWorker implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(SinkWorker.class);

  private final String name;
  private final Consumer<byte[], byte[]> consumer;
  private final FileSystem fileSystem;
  private final HdfsSinkProperties properties;
  private final SinkPaths paths;
  private final PartitionClaims claims;
  private final Clock clock;
  private final PartitionRetries retries;
  private final RecordLanding landing;
  private final AtomicReference<WorkerStatus> status;
  private volatile boolean running = true;
  private String lastError;

  SinkWorker(String name, Consumer<byte[], byte[]> consumer, FileSystem fileSystem,
      DeadLetterPublisher deadLetters, HdfsSinkProperties properties, SinkPaths paths, Clock clock,
      SinkMetrics metrics, CommitListener listener) {
    this.name = name;
    this.consumer = consumer;
    this.fileSystem = fileSystem;
    this.properties = properties;
    this.paths = paths;
    this.claims = new PartitionClaims(fileSystem, paths, properties);
    this.clock = clock;
    this.retries = new PartitionRetries(
        new Backoff(properties.retry().initialBackoff(), properties.retry().maxBackoff()), clock);
    this.landing = new RecordLanding(name, consumer, fileSystem, deadLetters, properties, paths,
        clock, metrics, listener, this::fail);
    this.status = new AtomicReference<>(WorkerStatus.starting(name));
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
    ConsumerRecords<byte[], byte[]> records = consumer.poll(landing.pollTimeout(clock.instant()));
    for (TopicPartition partition : records.partitions()) {
      for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
        if (!landing.lands(partition)) {
          break;
        }
        landing.land(partition, record);
      }
    }
    Instant now = clock.instant();
    landing.commitDue(now);
    List<TopicPartition> due = retries.due(now);
    if (!due.isEmpty()) {
      claimAndSeek(due);
    }
    publishStatus(WorkerStatus.State.RUNNING);
  }

  /** The partition was stopped by the landing or the claim; it is claimed again later. */
  private void fail(TopicPartition partition, Exception cause) {
    consumer.pause(List.of(partition));
    Duration delay = retries.schedule(partition);
    lastError = "Partition " + partition + " failed: " + cause;
    log.warn("Could not land partition {}; its open file is dropped and its records will be read"
        + " again after claiming it anew in {} ms: {}", partition, delay.toMillis(),
        cause.toString());
  }

  private void claimAndSeek(Collection<TopicPartition> partitions) {
    Map<Integer, Claim> claimed;
    Map<TopicPartition, Long> logStarts;
    Map<TopicPartition, Long> logEnds;
    try {
      claimed = claims.claim(partitions.stream().map(TopicPartition::partition).toList());
      logStarts = consumer.beginningOffsets(partitions);
      logEnds = consumer.endOffsets(partitions);
    } catch (WakeupException e) {
      throw e;
    } catch (IOException | KafkaException e) {
      partitions.forEach(partition -> fail(partition, e));
      return;
    }
    List<TopicPartition> resumed = new ArrayList<>();
    for (TopicPartition partition : partitions) {
      Claim claim = claimed.get(partition.partition());
      ResumePosition position = ResumePosition.of(claim.nextOffset(), logStarts.get(partition),
          logEnds.get(partition), retries.refusal(partition));
      if (position instanceof HdfsAhead ahead) {
        refuse(partition, ahead);
      } else if (resume(partition, claim, position)) {
        resumed.add(partition);
      }
    }
    consumer.resume(resumed);
  }

  /** False when the partition's event ids could not be read from HDFS; it is claimed again. */
  private boolean resume(TopicPartition partition, Claim claim, ResumePosition position) {
    long next = -1;
    if (position instanceof AtOffset at) {
      next = at.offset();
    } else if (position instanceof AfterDeletedRecords deleted) {
      next = deleted.logStart();
      log.warn("Kafka deleted offsets {} to {} of partition {} before the sink landed them; it"
          + " resumes at offset {}.", deleted.hdfsNext(), next - 1, partition, next);
    }
    try {
      landing.start(partition, claim.directory(), next, claim.dataFiles());
    } catch (IOException e) {
      fail(partition, e);
      return false;
    }
    if (next >= 0) {
      consumer.seek(partition, next);
    } else {
      consumer.seekToBeginning(List.of(partition));
    }
    retries.clear(partition);
    log.info("Worker {} claimed partition {} in HDFS and resumes it at {}.", name, partition,
        next >= 0 ? "offset " + next : "its earliest offset");
    return true;
  }

  private void refuse(TopicPartition partition, HdfsAhead ahead) {
    consumer.pause(List.of(partition));
    if (retries.refuse(partition, ahead)) {
      lastError = ahead.describe(partition);
      log.error("{} The sink does not consume this partition until those files are moved out of"
          + " {} and {}.", lastError, paths.topicDirectory(),
          paths.deadLetteredDirectory(partition.partition()));
    }
  }

  private void close(boolean orderly) {
    try {
      if (orderly) {
        landing.commitAll();
      }
      landing.abandonAll();
      consumer.close(Duration.ofSeconds(5));
    } catch (KafkaException e) {
      log.warn("Worker {} could not close its consumer cleanly: {}", name, e.toString());
    } finally {
      landing.close();
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
    Set<TopicPartition> assigned = new HashSet<>(landing.partitions());
    assigned.addAll(retries.partitions());
    Map<TopicPartition, String> refused = new HashMap<>();
    retries.refusals().forEach((partition, ahead) -> refused.put(partition,
        ahead.describe(partition)));
    status.set(new WorkerStatus(name, state, assigned, retries.partitions(), refused, lastError,
        0));
  }

  /** In the worker's thread, inside {@code poll()}. */
  private final class Rebalance implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      for (TopicPartition partition : partitions) {
        if (running) {
          landing.commit(partition);
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
      landing.stop(partition);
      retries.clear(partition);
    }
  }
}
