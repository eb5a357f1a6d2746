package io.github.selectcolor.embedded.elasticsearch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ends a child process together with its descendants. Elasticsearch's start script runs a small
 * launcher JVM that forks the server JVM, so signalling the child alone could leave the server behind.
 * It logs nothing, so that a program may use it before it has set up its logging.
 */
final class ProcessTree {

  private ProcessTree() {
  }

  /**
   * Sends SIGTERM to the whole tree and SIGKILL to whatever still runs after the grace period.
   *
   * @return whether SIGKILL was needed
   */
  static boolean terminate(Process process, Duration grace) {
    return terminate(process.toHandle(), grace);
  }

  /** The same for a process that this JVM did not start, such as one an earlier JVM left. */
  static boolean terminate(ProcessHandle process, Duration grace) {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process);
    tree.forEach(ProcessHandle::destroy);
    CompletableFuture<?> exited = CompletableFuture.allOf(
        tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new));
    try {
      exited.get(grace.toMillis(), TimeUnit.MILLISECONDS);
      return false;
    } catch (TimeoutException e) {
      tree.forEach(ProcessHandle::destroyForcibly);
      exited.join();
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      tree.forEach(ProcessHandle::destroyForcibly);
      return true;
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
