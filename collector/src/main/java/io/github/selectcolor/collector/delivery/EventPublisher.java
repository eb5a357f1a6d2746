package io.github.selectcolor.collector.delivery;

import io.github.selectcolor.collector.CollectorProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaProducerException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Hands events to Kafka and completes once Kafka acknowledged every one of them per the producer's
 * acks, or fails within the acknowledgement bound. Never blocks the caller on a full buffer: work
 * that does not fit in the producer's buffer is refused at once. Thread-safe.
 */
@Component
public class EventPublisher {

  private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);
  private static final long DEFAULT_BUFFER_MEMORY = 32L * 1024 * 1024;

  private final KafkaTemplate<String, byte[]> template;
  private final String topic;
  private final RecordKey recordKey;
  private final Duration ackTimeout;
  private final InFlightBudget budget;
  private final Timer ackLatency;
  private final MeterRegistry meterRegistry;
  private final AtomicBoolean delivering = new AtomicBoolean(true);
  private final AtomicInteger awaitingKafka = new AtomicInteger();
  private final TopicReadiness topicReadiness;

  public EventPublisher(KafkaTemplate<String, byte[]> template,
      ProducerFactory<String, byte[]> producerFactory, CollectorProperties properties,
      TopicReadiness topicReadiness, MeterRegistry meterRegistry) {
    this.template = template;
    this.topicReadiness = topicReadiness;
    this.topic = properties.topic().name();
    this.recordKey = properties.recordKey();
    this.ackTimeout = properties.ackTimeout();
    this.budget = new InFlightBudget(bufferMemory(producerFactory) * 9 / 10);
    this.meterRegistry = meterRegistry;
    this.ackLatency = Timer.builder("collector.send.latency")
        .description("Time from handing a request's events to Kafka until all were acknowledged.")
        .publishPercentileHistogram()
        .register(meterRegistry);
    Gauge.builder("collector.producer.in.flight.bytes", budget, InFlightBudget::inFlightBytes)
        .description("Bytes handed to the producer and not yet acknowledged.")
        .baseUnit("bytes")
        .register(meterRegistry);
    Gauge.builder("collector.requests.awaiting.kafka", awaitingKafka, AtomicInteger::get)
        .description("Requests whose events Kafka has neither acknowledged nor failed yet.")
        .register(meterRegistry);
  }

  /**
   * Sends the events and completes when all are acknowledged.
   *
   * @return empty on success; fails with {@link DeliveryUnavailableException} when Kafka is too slow
   *     or full (worth retrying) or {@link DeliveryFailedException} when Kafka refused the events
   */
  public Mono<Void> publish(List<EncodedEvent> events) {
    if (!topicReadiness.isReady()) {
      DeliveryUnavailableException waiting = new DeliveryUnavailableException("topic-not-ready",
          "The collector cannot take events yet: " + topicReadiness.notReadyBecause()
              .orElse("the topic is not ready") + ".", null);
      countFailure(waiting);
      return Mono.error(waiting);
    }
    long bytes = events.stream().mapToLong(event -> event.json().length).sum();
    if (!budget.tryAcquire(bytes)) {
      DeliveryUnavailableException full = new DeliveryUnavailableException("buffer-full",
          "The producer's buffer is full; Kafka is not keeping up.", null);
      countFailure(full);
      return Mono.error(full);
    }
    long started = System.nanoTime();
    awaitingKafka.incrementAndGet();
    CompletableFuture<Void> all = sendAll(events);
    all.whenComplete((ignored, error) -> {
      budget.release(bytes);
      awaitingKafka.decrementAndGet();
    });
    // The time limit applies to a copy: a timed-out request must not release the budget of
    // records still queued, and Kafka's own failure after the limit must not surface twice.
    return Mono.fromFuture(all.copy().orTimeout(ackTimeout.toNanos(), TimeUnit.NANOSECONDS), true)
        .onErrorMap(TimeoutException.class, timeout -> new DeliveryUnavailableException("timeout",
            "Kafka did not acknowledge within " + ackTimeout.toMillis() + " ms.", null))
        .onErrorMap(error -> !(error instanceof DeliveryUnavailableException), this::classify)
        .doOnError(this::onFailure)
        .doOnSuccess(ignored -> onSuccess(started));
  }

  /**
   * A send that failed at once (no metadata for the topic, after blocking for max.block.ms) fails
   * the whole request, so that a batch holds a request thread for one max.block.ms at most, not
   * one per event.
   */
  private CompletableFuture<Void> sendAll(List<EncodedEvent> events) {
    CompletableFuture<?>[] acks = new CompletableFuture<?>[events.size()];
    for (int i = 0; i < acks.length; i++) {
      acks[i] = send(events.get(i));
      if (acks[i].isCompletedExceptionally()) {
        return CompletableFuture.allOf(Arrays.copyOf(acks, i + 1));
      }
    }
    return CompletableFuture.allOf(acks);
  }

  private CompletableFuture<?> send(EncodedEvent encoded) {
    try {
      return template.send(topic, recordKey.of(encoded.event()), encoded.json());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private RuntimeException classify(Throwable error) {
    Throwable cause = rootKafkaCause(error);
    if (cause instanceof RetriableException) {
      return new DeliveryUnavailableException("kafka-unavailable",
          "Kafka cannot take events now: " + cause.getMessage(), cause);
    }
    log.error("Kafka refused events for topic {} for a reason a retry will not fix.", topic, cause);
    return new DeliveryFailedException("Kafka refused the events: " + cause.getMessage(), cause);
  }

  private static Throwable rootKafkaCause(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException
        || cause instanceof KafkaProducerException
        || cause instanceof org.springframework.kafka.KafkaException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private void onSuccess(long startedNanos) {
    ackLatency.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    if (delivering.compareAndSet(false, true)) {
      log.info("Kafka acknowledges events for topic {} again.", topic);
    }
  }

  private void onFailure(Throwable error) {
    countFailure(error);
    if (error instanceof DeliveryUnavailableException && delivering.compareAndSet(true, false)) {
      log.warn("Kafka did not acknowledge events for topic {} ({}); answering 503 until it does.",
          topic, error.getMessage());
    }
  }

  private void countFailure(Throwable error) {
    String reason = error instanceof DeliveryUnavailableException unavailable
        ? unavailable.reason() : "refused";
    Counter.builder("collector.events.failed")
        .description("Requests whose events Kafka did not acknowledge.")
        .tag("reason", reason)
        .register(meterRegistry)
        .increment();
  }

  private static long bufferMemory(ProducerFactory<String, byte[]> producerFactory) {
    Object configured = producerFactory.getConfigurationProperties()
        .get(ProducerConfig.BUFFER_MEMORY_CONFIG);
    return configured == null ? DEFAULT_BUFFER_MEMORY : Long.parseLong(configured.toString());
  }
}
