package io.github.selectcolor.launcher;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Runs the stop action on Ctrl-C (SIGINT) or SIGTERM before the JVM begins to exit, then exits.
 * A plain shutdown hook would run it while the JVM exits, when Hadoop's DataNode can no longer
 * unregister its own hooks and stops half-way; the hook stays as the fallback for other exits.
 */
final class StopSignals {

  private StopSignals() {
  }

  static void onInterruptOrTerminate(Runnable stop) {
    AtomicBoolean stopping = new AtomicBoolean();
    Runnable once = () -> {
      if (stopping.compareAndSet(false, true)) {
        stop.run();
      }
    };
    for (String signal : new String[] {"INT", "TERM"}) {
      Signal.handle(new Signal(signal), received -> new Thread(() -> {
        try {
          once.run();
        } finally {
          // Exits even when stopping failed; Elasticsearch's own shutdown hook still kills it.
          System.exit(0);
        }
      }, "local-pipeline-stop").start());
    }
    Runtime.getRuntime().addShutdownHook(new Thread(once, "local-pipeline-shutdown"));
  }
}
