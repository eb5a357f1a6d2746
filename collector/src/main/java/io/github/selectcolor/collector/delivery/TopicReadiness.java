package io.github.selectcolor.collector.delivery;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Whether the collector may hand events to Kafka yet: not before the topic has been provisioned or
 * found, which needs Kafka to answer. Until then requests are answered 503 and readiness says why.
 * Thread-safe.
 */
@Component
public class TopicReadiness {

  private final CountDownLatch firstReady = new CountDownLatch(1);
  private volatile String waitingFor = "the collector has not reached Kafka yet";

  public boolean isReady() {
    return waitingFor == null;
  }

  /** Why events cannot be taken yet; empty once they can. */
  public Optional<String> notReadyBecause() {
    return Optional.ofNullable(waitingFor);
  }

  /**
   * Waits until the topic is ready for the first time, for those that start with the collector and
   * need its topic, such as the sinks of the local pipeline.
   *
   * @return whether it became ready within the timeout
   */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    return firstReady.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  void ready() {
    waitingFor = null;
    firstReady.countDown();
  }

  void notReady(String reason) {
    waitingFor = reason;
  }
}
