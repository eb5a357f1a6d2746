package io.github.selectcolor.collector.ingest;

import io.github.selectcolor.collector.CollectorProperties;
import java.time.Duration;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Counts ingestion requests from their arrival until their answer is written, and holds the web
 * server's stop until none is left. Spring Boot's graceful shutdown waits for the requests Reactor
 * Netty knows to be active; the server stop that follows closes every connection, so an answer
 * still being written from Kafka's callback thread at that moment would be cut. This lifecycle
 * stops between the two (its phase lies between Boot's graceful-shutdown and server phases) and
 * waits at most the ack timeout and a second more. Thread-safe.
 */
@Component
class InFlightRequests implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(InFlightRequests.class);
  /** After Boot's graceful shutdown (DEFAULT_PHASE - 1024), before its server stop (- 2048). */
  private static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1536;

  private final Duration longestWait;
  private int inFlight;
  private boolean running;

  InFlightRequests(CollectorProperties properties) {
    this.longestWait = properties.ackTimeout().plusSeconds(1);
  }

  /** Counts the request until the publisher of its answer terminates or is cancelled. */
  Publisher<Void> track(Publisher<Void> answer) {
    return Mono.defer(() -> {
      arrived();
      return Mono.from(answer).doFinally(signal -> answered());
    });
  }

  private synchronized void arrived() {
    inFlight++;
  }

  private synchronized void answered() {
    inFlight--;
    if (inFlight == 0) {
      notifyAll();
    }
  }

  @Override
  public synchronized void start() {
    running = true;
  }

  @Override
  public synchronized void stop() {
    running = false;
    long deadline = System.nanoTime() + longestWait.toNanos();
    if (inFlight > 0) {
      log.info("Waiting up to {} ms for {} request(s) still being answered.",
          longestWait.toMillis(), inFlight);
    }
    try {
      while (inFlight > 0 && System.nanoTime() < deadline) {
        wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (inFlight > 0) {
      log.warn("Stopping with {} request(s) unanswered after {} ms.", inFlight,
          longestWait.toMillis());
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
