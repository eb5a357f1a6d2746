package io.github.selectcolor.essink;

import io.github.selectcolor.essink.bulk.OffsetTracker;
import io.github.selectcolor.essink.bulk.OffsetTracker.Tracked;
import io.github.selectcolor.essink.config.MalformedDocumentBehavior;
import io.github.selectcolor.essink.config.NullValueBehavior;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code behavior.on.malformed.documents} and {@code behavior.on.null.values}. A reported
 * record counts as done at once: Connect writes the dead-letter queue before it commits the offsets
 * of those partitions. Thread-safe: the task's and the writer's threads both use it.
 */
final class RecordPolicies {

  private static final Logger log = LoggerFactory.getLogger(RecordPolicies.class);

  private final MalformedDocumentBehavior onMalformed;
  private final NullValueBehavior onNull;
  private final ErrantRecordReporter reporter;
  private final OffsetTracker tracker;

  RecordPolicies(MalformedDocumentBehavior onMalformed, NullValueBehavior onNull,
      ErrantRecordReporter reporter, OffsetTracker tracker) {
    this.onMalformed = onMalformed;
    this.onNull = onNull;
    this.reporter = reporter;
    this.tracker = tracker;
  }

  /** @throws ConnectException when the policy is {@code fail} */
  void malformed(SinkRecord record, Tracked tracked, String reason) {
    switch (onMalformed) {
      case FAIL -> throw new ConnectException("Record " + where(record)
          + " cannot be indexed (behavior.on.malformed.documents=fail): " + reason);
      case WARN -> log.warn("Skipped record {}, which cannot be indexed: {}", where(record), reason);
      case IGNORE -> log.debug("Ignored record {}, which cannot be indexed: {}", where(record),
          reason);
      case REPORT -> report(record, reason, "behavior.on.malformed.documents");
    }
    tracker.done(tracked);
  }

  /** @throws ConnectException when the policy is {@code fail} */
  void nullValue(SinkRecord record, Tracked tracked) {
    switch (onNull) {
      case FAIL -> throw new ConnectException("Record " + where(record)
          + " has no value (behavior.on.null.values=fail).");
      case IGNORE -> log.debug("Ignored record {} without a value.", where(record));
      case REPORT -> report(record, "The record has no value.", "behavior.on.null.values");
    }
    tracker.done(tracked);
  }

  private void report(SinkRecord record, String reason, String key) {
    if (reporter == null) {
      throw new ConnectException(key + "=report needs a dead-letter queue"
          + " (errors.tolerance=all and errors.deadletterqueue.topic.name); record "
          + where(record) + " could not be reported: " + reason);
    }
    reporter.report(record, new DataException(reason));
  }

  private static String where(SinkRecord record) {
    return record.topic() + "-" + record.kafkaPartition() + " offset " + record.kafkaOffset();
  }
}
