package io.github.selectcolor.launcher;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Runs the stop action once, on Ctrl-C (SIGINT) or SIGTERM, before the JVM begins to exit, then
 * exits with 0. A plain shutdown hook would run it while the JVM exits, when Hadoop's DataNode can
 * no longer unregister its own hooks and stops half-way; the hook stays as the fallback for other
 * exits. Thread-safe.
 */
final class StopSignals {

  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Runnable stop;

  private StopSignals(Runnable stop) {
    this.stop = stop;
  }

  static StopSignals install(Runnable stop) {
    StopSignals signals = new StopSignals(stop);
    for (String signal : new String[] {"INT", "TERM"}) {
      Signal.handle(new Signal(signal), received -> new Thread(signals::stopAndExit,
          "local-pipeline-stop").start());
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

  /** Waits until a signal has stopped the pipeline; the JVM exits right after. */
  void awaitStop() throws InterruptedException {
    stopped.await();
  }

  private void stopAndExit() {
    try {
      stopOnce();
    } finally {
      stopped.countDown();
      // Exits even when stopping failed, or a part is still starting.
      System.exit(0);
    }
  }

  private void stopOnce() {
    if (stopping.compareAndSet(false, true)) {
      stop.run();
    }
  }
}
