package io.github.selectcolor.bench.producer;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one record over and over from one thread as fast as the producer takes them; a full buffer
 * blocks {@code send()}, which is the back-pressure. Counts the records Kafka acknowledged during
 * the measured window that follows the warm-up. Not thread-safe: run it once, from one thread.
 */
final class ProducerLoop {

  private static final Logger log = LoggerFactory.getLogger(ProducerLoop.class);
  private static final int SENDS_PER_CLOCK_READ = 256;

  private final Producer<String, byte[]> producer;
  private final String topic;
  private final byte[] value;
  private final LongAdder acknowledged = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

  ProducerLoop(Producer<String, byte[]> producer, String topic, byte[] value) {
    this.producer = producer;
    this.topic = topic;
    this.value = value;
  }

  /** What the measured window saw. */
  record Result(long records, long failed, Duration duration) {
  }

  Result run(Duration warmup, Duration measured) {
    Callback callback = (metadata, error) -> {
      if (error == null) {
        acknowledged.increment();
      } else {
        failed.increment();
        firstFailure.compareAndSet(null, error);
      }
    };
    long measureFrom = System.nanoTime() + warmup.toNanos();
    long measureUntil = measureFrom + measured.toNanos();
    sendUntil(measureFrom, callback);
    long startNanos = System.nanoTime();
    long startAcknowledged = acknowledged.sum();
    long startFailed = failed.sum();
    sendUntil(measureUntil, callback);
    long endNanos = System.nanoTime();
    Result result = new Result(acknowledged.sum() - startAcknowledged, failed.sum() - startFailed,
        Duration.ofNanos(endNanos - startNanos));
    if (firstFailure.get() != null) {
      log.warn("Kafka refused {} record(s) for topic {}; the first refusal follows.", failed.sum(),
          topic, firstFailure.get());
    }
    return result;
  }

  private void sendUntil(long deadlineNanos, Callback callback) {
    while (System.nanoTime() < deadlineNanos) {
      for (int i = 0; i < SENDS_PER_CLOCK_READ; i++) {
        producer.send(new ProducerRecord<>(topic, value), callback);
      }
    }
  }
}
