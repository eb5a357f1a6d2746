package io.github.selectcolor.collector.ingest;

import io.github.selectcolor.collector.CollectorProperties;
import java.time.Duration;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Drains the ingestion API before the web server stops. Spring Boot's graceful shutdown of Reactor
 * Netty closes the listening socket and at once every connection without a request in progress, so
 * a request a client sends just then on a kept-alive connection gets no answer. This lifecycle
 * therefore stops first (its phase lies above Boot's graceful-shutdown phase): from then on new
 * requests are answered 503 at once, and it waits until every request that arrived has been
 * answered, at most the ack timeout and a second more. Answers written while draining close their
 * connection, so that clients open new connections, which Boot's phase then refuses. Thread-safe.
 */
@Component
class InFlightRequests implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(InFlightRequests.class);
  /** Before Boot's graceful shutdown (DEFAULT_PHASE - 1024) and its server stop (- 2048). */
  private static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

  private final Duration longestWait;
  private int inFlight;
  private boolean running;
  private volatile boolean draining;

  InFlightRequests(CollectorProperties properties) {
    this.longestWait = properties.ackTimeout().plusSeconds(1);
  }

  /**
   * The answer to a request, or the refusal once the collector is stopping; either is counted until
   * its publisher terminates or is cancelled.
   */
  Publisher<Void> track(Supplier<Publisher<Void>> answer, Supplier<Publisher<Void>> refusal) {
    return Mono.defer(() -> Mono.from(arrived() ? answer.get() : refusal.get())
        .doFinally(signal -> answered()));
  }

  /** Whether the collector is stopping, so that answers should close their connection. */
  boolean draining() {
    return draining;
  }

  /** Counts the request, refusals too, and says whether it may be answered normally. */
  private synchronized boolean arrived() {
    inFlight++;
    return !draining;
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
    draining = false;
  }

  @Override
  public synchronized void stop() {
    running = false;
    draining = true;
    long deadline = System.nanoTime() + longestWait.toNanos();
    if (inFlight > 0) {
      log.info("Answering new API requests 503 and waiting up to {} ms for {} request(s) still "
          + "being answered.", longestWait.toMillis(), inFlight);
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
