package io.github.selectcolor.essink;

import io.github.selectcolor.essink.bulk.BulkWriter;
import io.github.selectcolor.essink.bulk.OffsetTracker;
import io.github.selectcolor.essink.bulk.OffsetTracker.Tracked;
import io.github.selectcolor.essink.bulk.RetryPolicy;
import io.github.selectcolor.essink.config.ElasticsearchSinkConnectorConfig;
import io.github.selectcolor.essink.documents.Conversion;
import io.github.selectcolor.essink.documents.Document;
import io.github.selectcolor.essink.documents.DocumentConverter;
import io.github.selectcolor.essink.elastic.ElasticsearchClients;
import io.github.selectcolor.essink.elastic.OutageLog;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes records as documents. {@code put} only hands documents to the {@link BulkWriter} and never
 * waits: when too many are unacknowledged it pauses its partitions instead. {@code preCommit}
 * returns, per partition, only the offsets up to the first record Elasticsearch has not yet
 * acknowledged, so a crash or restart replays what was not indexed; the replayed documents are
 * created under ids Elasticsearch already holds, so they change nothing and are counted in
 * {@link TaskMetrics}. {@code start} does not contact Elasticsearch: the first {@code put} waits
 * for it (see {@link ServerReadiness}), and a writer that failed fails the next {@code put}.
 *
 * <p>While Elasticsearch is not ready, {@code put} holds the records it was given, pauses the
 * partitions and returns, rather than throwing {@code RetriableException}: Connect logs each of
 * those with its stack trace, several times a second. Connect keeps calling {@code put} with no
 * records while the partitions are paused, and the task checks again on those calls. The held
 * records are the one batch that found Elasticsearch not ready (at most the consumer's
 * {@code max.poll.records}); they are not tracked, so nothing of them is committed until they are
 * indexed.
 */
public class ElasticsearchSinkTask extends SinkTask {

  private static final Logger log = LoggerFactory.getLogger(ElasticsearchSinkTask.class);
  private static final long PAUSED_POLL_MILLIS = 100;

  private ElasticsearchSinkConnectorConfig config;
  private ElasticsearchClients clients;
  private ServerReadiness readiness;
  private DocumentConverter converter;
  private OffsetTracker tracker;
  private RecordPolicies policies;
  private BulkWriter writer;
  private TaskMetrics metrics;
  private final List<SinkRecord> held = new ArrayList<>();
  private boolean waitingForElasticsearch;
  private boolean bufferFull;
  private boolean paused;

  @Override
  public String version() {
    return Version.get();
  }

  @Override
  public void start(Map<String, String> properties) {
    config = new ElasticsearchSinkConnectorConfig(properties);
    clients = new ElasticsearchClients(config);
    readiness = new ServerReadiness(clients, config, Clock.systemUTC());
    converter = new DocumentConverter(config.indexPrefix(), Clock.systemUTC());
    tracker = new OffsetTracker();
    metrics = TaskMetrics.registeredWith(context);
    policies = new RecordPolicies(config.behaviorOnMalformedDocuments(),
        config.behaviorOnNullValues(), errantRecordReporter(), tracker);
    writer = new BulkWriter(clients.asyncClient(),
        new BulkWriter.Limits(config.batchSize(), config.batchMaxBytes(), config.linger(),
            config.maxInFlightRequests()),
        new RetryPolicy(config.retryBackoff(), config.retryBackoffMax(), config.retryTimeout()),
        new WriterOutcomes(), writerOutage(), "es-sink-writer-" + properties.getOrDefault(
            "task.id", Integer.toHexString(System.identityHashCode(this))));
    log.info("The Elasticsearch sink task started: indices {}-YYYY.MM.DD at {}.",
        config.indexPrefix(), config.connectionUrls());
  }

  private OutageLog writerOutage() {
    return new OutageLog("Elasticsearch at " + config.connectionUrls(), "take bulk requests",
        "the task retries each document for up to " + config.retryTimeout() + " (retry.timeout.ms),"
            + " pausing its partitions once " + config.maxBufferedRecords() + " records wait",
        Clock.systemUTC());
  }

  private ErrantRecordReporter errantRecordReporter() {
    try {
      return context.errantRecordReporter();
    } catch (NoSuchMethodError | NoClassDefFoundError e) {
      log.warn("This Connect worker predates the dead-letter queue for sink tasks (Kafka 2.6);"
          + " records that cannot be indexed follow behavior.on.malformed.documents without it.");
      return null;
    }
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    throwIfFailed();
    if (!readiness.isReady()) {
      held.addAll(records);
      waitingForElasticsearch = true;
      pauseOrResume();
      return;
    }
    if (waitingForElasticsearch) {
      waitingForElasticsearch = false;
      index(held);
      held.clear();
    }
    index(records);
    pauseOrResume();
  }

  private void index(Collection<SinkRecord> records) {
    for (SinkRecord record : records) {
      Tracked tracked = tracker.track(
          new TopicPartition(record.topic(), record.kafkaPartition()), record.kafkaOffset());
      Conversion conversion = converter.convert(record);
      if (conversion instanceof Conversion.Converted converted) {
        writer.add(converted.document(), tracked);
      } else if (conversion instanceof Conversion.Malformed malformed) {
        policies.malformed(record, tracked, malformed.reason());
      } else {
        policies.nullValue(record, tracked);
      }
    }
  }

  /**
   * Pauses the partitions while Elasticsearch is not ready or the buffer is full, which it is from
   * {@code max.buffered.records} until half of it is free; resumes them otherwise. Never sleeps.
   */
  private void pauseOrResume() {
    int pending = tracker.pending();
    boolean wasFull = bufferFull;
    bufferFull = pending >= config.maxBufferedRecords()
        || bufferFull && pending > config.maxBufferedRecords() / 2;
    if (bufferFull != wasFull) {
      log.info("{} {} partition(s): {} records wait for Elasticsearch.",
          bufferFull ? "Paused" : "Resumed", context.assignment().size(), pending);
    }
    boolean pause = waitingForElasticsearch || bufferFull;
    if (pause != paused) {
      paused = pause;
      TopicPartition[] assigned = context.assignment().toArray(TopicPartition[]::new);
      if (pause) {
        context.pause(assigned);
      } else {
        context.resume(assigned);
      }
    }
    // Come back in time: a paused consumer otherwise polls until the next offset commit.
    if (waitingForElasticsearch) {
      context.timeout(Math.max(1, readiness.untilNextCheck().toMillis()));
    } else if (bufferFull) {
      context.timeout(PAUSED_POLL_MILLIS);
    }
  }

  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(
      Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    throwIfFailed();
    Map<TopicPartition, OffsetAndMetadata> committable = new HashMap<>(tracker.committable());
    committable.keySet().retainAll(currentOffsets.keySet());
    return committable;
  }

  @Override
  public void open(Collection<TopicPartition> partitions) {
    if (paused) {
      context.pause(partitions.toArray(TopicPartition[]::new));
    }
  }

  @Override
  public void close(Collection<TopicPartition> partitions) {
    // Not committed: the partitions' next owner reads these records again.
    held.removeIf(record -> partitions.contains(
        new TopicPartition(record.topic(), record.kafkaPartition())));
    tracker.forget(partitions);
  }

  @Override
  public void stop() {
    if (writer != null) {
      writer.close();
    }
    if (clients != null) {
      try {
        clients.close();
      } catch (IOException e) {
        log.warn("Closing the Elasticsearch client failed: {}", e.toString());
      }
    }
    log.info("The Elasticsearch sink task stopped.");
  }

  private void throwIfFailed() {
    if (writer != null && writer.failure().isPresent()) {
      throw writer.failure().get();
    }
  }

  private final class WriterOutcomes implements BulkWriter.Outcomes {

    @Override
    public void acknowledged(Tracked tracked) {
      tracker.done(tracked);
    }

    @Override
    public void alreadyIndexed(Tracked tracked) {
      metrics.documentAlreadyIndexed();
      tracker.done(tracked);
    }

    @Override
    public void refused(Document document, Tracked tracked, String reason) {
      policies.malformed(document.record(), tracked, "Elasticsearch refused the document: "
          + reason);
    }
  }
}
