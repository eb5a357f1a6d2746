package io.github.selectcolor.bench.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every process a run started, so that none outlives it: closing the group stops them in the
 * reverse order of their creation, and a shutdown hook (Ctrl-C, a failure that ends the JVM) kills
 * each one's process tree. Thread-safe.
 */
public final class ProcessGroup implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ProcessGroup.class);

  private final List<ManagedProcess> processes = new ArrayList<>();
  private final Thread shutdownHook = new Thread(this::destroyAll, "process-group-shutdown");
  private final Duration stopGrace;

  /** @param stopGrace how long {@link #close()} lets each process stop after SIGTERM */
  public ProcessGroup(Duration stopGrace) {
    this.stopGrace = stopGrace;
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** A process of this group, not started yet. */
  public synchronized ManagedProcess add(ProcessSpec spec) {
    ManagedProcess process = new ManagedProcess(spec);
    processes.add(process);
    return process;
  }

  private void destroyAll() {
    List<ManagedProcess> all;
    synchronized (this) {
      all = List.copyOf(processes);
    }
    all.forEach(ManagedProcess::destroyTree);
  }

  @Override
  public void close() {
    List<ManagedProcess> stopOrder;
    synchronized (this) {
      stopOrder = new ArrayList<>(processes);
    }
    for (int i = stopOrder.size() - 1; i >= 0; i--) {
      ManagedProcess process = stopOrder.get(i);
      try {
        process.terminate(stopGrace);
      } catch (RuntimeException e) {
        log.warn("Could not stop {} in order; killing it.", process.name(), e);
        process.destroyTree();
      }
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      log.debug("The JVM is exiting; the group's shutdown hook runs anyway.");
    }
  }
}
