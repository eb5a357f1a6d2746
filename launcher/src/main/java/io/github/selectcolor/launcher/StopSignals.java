package io.github.selectcolor.launcher;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Runs the stop action once, on Ctrl-C (SIGINT) or SIGTERM, before the JVM begins to exit; the
 * main thread, which waits in {@link #awaitStop()}, then exits. A plain shutdown hook would run it
 * while the JVM exits, when Hadoop's DataNode can no longer unregister its own hooks and stops
 * half-way; the hook stays as the fallback for other exits. Thread-safe.
 */
final class StopSignals {

  /** How long after a stop the JVM may still be running before it is made to exit. */
  private static final Duration EXIT_GRACE = Duration.ofSeconds(30);

  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Runnable stop;

  private StopSignals(Runnable stop) {
    this.stop = stop;
  }

  static StopSignals install(Runnable stop) {
    StopSignals signals = new StopSignals(stop);
    for (String signal : new String[] {"INT", "TERM"}) {
      Signal.handle(new Signal(signal), received -> signals.onSignal());
    }
    Runtime.getRuntime().addShutdownHook(new Thread(signals::stopOnce, "local-pipeline-shutdown"));
    return signals;
  }

  /**
   * Takes the stopping over from the signals, for a caller that stops the pipeline itself; false
   * when a signal already began to stop it.
   */
  boolean takeOver() {
    return stopping.compareAndSet(false, true);
  }

  /** Waits until a signal has stopped the pipeline. */
  void awaitStop() throws InterruptedException {
    stopped.await();
  }

  private void onSignal() {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    new Thread(() -> {
      try {
        stop.run();
      } finally {
        stopped.countDown();
        exitIfStillRunningAfterGrace();
      }
    }, "local-pipeline-stop").start();
  }

  /**
   * The main thread exits once the stop is done; should it be held in a part's start that does not
   * give up, this exits after a grace period, Elasticsearch's own shutdown hook killing its process.
   */
  private static void exitIfStillRunningAfterGrace() {
    ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "local-pipeline-exit-watchdog");
      thread.setDaemon(true);
      return thread;
    });
    watchdog.schedule(() -> System.exit(0), EXIT_GRACE.toSeconds(), TimeUnit.SECONDS);
  }

  private void stopOnce() {
    if (stopping.compareAndSet(false, true)) {
      stop.run();
    }
  }
}
