package io.github.selectcolor.hdfssink.worker;

import io.github.selectcolor.hdfssink.records.DeadLetterPublisher.UnsendableDeadLetter;
import io.github.selectcolor.hdfssink.records.RecordInspector.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The sink's own meters; Kafka's consumer metrics (lag per partition among them) are bound per
 * consumer by the workers. Thread-safe.
 */
@Component
public class SinkMetrics {

  private final MeterRegistry registry;
  private final Counter recordsWritten;
  private final Counter bytesCommitted;
  private final Counter filesCommitted;
  private final Timer commitLatency;
  private final Counter workerRestarts;
  private final Counter duplicatesDropped;
  private final Counter withoutEventId;

  public SinkMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.recordsWritten = Counter.builder("hdfs.sink.records.written")
        .description("Records written to HDFS files that were then committed").register(registry);
    this.bytesCommitted = Counter.builder("hdfs.sink.bytes.written").baseUnit("bytes")
        .description("Bytes of committed files, as written (after compression)").register(registry);
    this.filesCommitted = Counter.builder("hdfs.sink.files.committed")
        .description("Files committed by rename").register(registry);
    this.commitLatency = Timer.builder("hdfs.sink.commit.latency")
        .description("Time to sync, close and rename a file").publishPercentileHistogram()
        .register(registry);
    this.workerRestarts = Counter.builder("hdfs.sink.worker.restarts")
        .description("Workers started again after they died").register(registry);
    this.duplicatesDropped = Counter.builder("hdfs.sink.duplicates.dropped")
        .description("Records not written because a record of their event id had landed")
        .register(registry);
    this.withoutEventId = Counter.builder("hdfs.sink.records.without.event.id")
        .description("Records written without de-duplication: no top-level eventId that is a UUID")
        .register(registry);
  }

  MeterRegistry registry() {
    return registry;
  }

  void committed(long records, long bytes, Duration took) {
    recordsWritten.increment(records);
    bytesCommitted.increment(bytes);
    filesCommitted.increment();
    commitLatency.record(took);
  }

  void workerRestarted() {
    workerRestarts.increment();
  }

  void duplicateDropped() {
    duplicatesDropped.increment();
  }

  void withoutEventId() {
    withoutEventId.increment();
  }

  void deadLettered(Reason reason) {
    Counter.builder("hdfs.sink.records.dead.lettered").tag("reason", reason.code())
        .description("Records sent to the dead-letter topic").register(registry).increment();
  }

  void deadLetterUnsendable(UnsendableDeadLetter deadLetter) {
    Counter.builder("hdfs.sink.dead.letters.unsendable")
        .tag("reason", deadLetter.reason().code()).tag("refusal", deadLetter.refusal().code())
        .description("Dead letters Kafka will never take, dropped so that their partition moves on")
        .register(registry).increment();
  }
}
