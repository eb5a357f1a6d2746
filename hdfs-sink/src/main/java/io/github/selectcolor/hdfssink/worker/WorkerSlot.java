package io.github.selectcolor.hdfssink.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of one worker thread: it runs a {@link SinkWorker} and, when that worker dies of an
 * unexpected failure, starts a new one with clients of its own after a back-off
 * ({@code hdfs-sink.retry.*}). The dead worker's partitions go to the group's other workers
 * meanwhile, and the new one claims whatever it is assigned, so no file is written twice. From
 * the death until the new worker runs, {@link #status()} reports it, and health is down.
 * Thread-safe for {@link #stop()} and {@link #status()}.
 */
final class WorkerSlot implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(WorkerSlot.class);

  private final String name;
  private final Supplier<SinkWorker> newWorker;
  private final Backoff backoff;
  private final Clock clock;
  private final SinkMetrics metrics;
  private final Object lock = new Object();
  private SinkWorker current;
  private WorkerStatus restarting;
  private int restarts;
  private boolean running = true;

  /**
   * @param first     the first worker, made before the thread starts so that bad settings stop
   *                  the start-up
   * @param newWorker makes each later worker, with new clients
   */
  WorkerSlot(String name, SinkWorker first, Supplier<SinkWorker> newWorker, Backoff backoff,
      Clock clock, SinkMetrics metrics) {
    this.name = name;
    this.current = first;
    this.newWorker = newWorker;
    this.backoff = backoff;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public void run() {
    SinkWorker worker = current;
    int attempt = 0;
    while (worker != null) {
      Instant started = clock.instant();
      try {
        worker.run();
        return;
      } catch (RuntimeException | Error e) {
        // The worker logged its failure with the cause; what remains is to replace it.
        attempt = ranLongerThanBackoff(started) ? 0 : attempt + 1;
        worker = replace(worker.status(), attempt);
      }
    }
  }

  private boolean ranLongerThanBackoff(Instant started) {
    return Duration.between(started, clock.instant()).compareTo(backoff.max()) > 0;
  }

  /** Waits out the back-off and makes the next worker; null once stopped. */
  private SinkWorker replace(WorkerStatus dead, int firstAttempt) {
    String lastError = dead.lastError();
    for (int attempt = firstAttempt; ; attempt++) {
      Duration delay = backoff.delay(attempt);
      synchronized (lock) {
        restarting = WorkerStatus.restarting(name, lastError, restarts);
      }
      log.warn("Worker {} died; a new worker starts in its place in {} ms.", name,
          delay.toMillis());
      if (!awaitBackoff(delay)) {
        return null;
      }
      try {
        return begin(newWorker.get());
      } catch (RuntimeException e) {
        lastError = "A new worker could not be made: " + e;
        log.error("A new worker {} could not be made; it is tried again.", name, e);
      }
    }
  }

  private SinkWorker begin(SinkWorker next) {
    synchronized (lock) {
      restarts++;
      restarting = null;
      current = next;
      if (!running) {
        next.stop();
      }
    }
    metrics.workerRestarted();
    log.info("A new worker {} runs in place of the one that died (restart {}).", name, restarts);
    return next;
  }

  /** False when stopped or interrupted meanwhile. */
  private boolean awaitBackoff(Duration delay) {
    long deadline = System.nanoTime() + delay.toNanos();
    synchronized (lock) {
      try {
        for (long left = delay.toNanos(); running && left > 0;
            left = deadline - System.nanoTime()) {
          lock.wait(Math.max(1, Duration.ofNanos(left).toMillis()));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      return running;
    }
  }

  /** Asks the current worker to commit its open files and stop, and ends any back-off. */
  void stop() {
    synchronized (lock) {
      running = false;
      if (restarting == null) {
        current.stop();
      }
      lock.notifyAll();
    }
  }

  WorkerStatus status() {
    synchronized (lock) {
      return restarting != null ? restarting : current.status().withRestarts(restarts);
    }
  }
}
