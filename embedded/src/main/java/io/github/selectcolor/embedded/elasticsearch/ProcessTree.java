package io.github.selectcolor.embedded.elasticsearch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a child process together with its descendants. Elasticsearch's start script runs a small
 * launcher JVM that forks the server JVM, so signalling the child alone could leave the server behind.
 */
final class ProcessTree {

  private static final Logger log = LoggerFactory.getLogger(ProcessTree.class);

  private ProcessTree() {
  }

  /** Sends SIGTERM to the whole tree and SIGKILL to whatever still runs after the grace period. */
  static void terminate(Process process, Duration grace) {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    CompletableFuture<?> exited = CompletableFuture.allOf(
        tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new));
    try {
      exited.get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.warn("Process {} did not stop within {} s of SIGTERM; killing it and its descendants.",
          process.pid(), grace.toSeconds());
      tree.forEach(ProcessHandle::destroyForcibly);
      exited.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      tree.forEach(ProcessHandle::destroyForcibly);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Could not wait for process " + process.pid() + " to stop.", e);
    }
  }

  /** Sends SIGKILL to the whole tree without waiting, as a JVM shutdown hook must not linger. */
  static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
