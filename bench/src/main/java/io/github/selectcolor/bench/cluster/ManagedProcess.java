package io.github.selectcolor.bench.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One part of a cluster running as an OS process of its own, so that a fault hits it alone: it can
 * be killed ({@code kill -9}), stopped in order (SIGTERM), stalled (SIGSTOP, SIGCONT) and started
 * again with the same command, appending to the same log. Start, stop and signal are synchronized;
 * the process itself may die at any time.
 */
public final class ManagedProcess {

  private static final Logger log = LoggerFactory.getLogger(ManagedProcess.class);
  private static final Duration KILL_WAIT = Duration.ofSeconds(30);

  private final ProcessSpec spec;
  private volatile Process process;
  private int starts;

  ManagedProcess(ProcessSpec spec) {
    this.spec = spec;
  }

  public String name() {
    return spec.name();
  }

  public Path log() {
    return spec.log();
  }

  /** Starts the process; it must not be running. */
  public synchronized ManagedProcess start() {
    if (isAlive()) {
      throw new IllegalStateException(name() + " is running already (pid " + pid() + ").");
    }
    try {
      Files.createDirectories(spec.log().getParent());
      Files.writeString(spec.log(), marker("start " + (starts + 1)), StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      ProcessBuilder builder = new ProcessBuilder(spec.command())
          .directory(spec.directory().toFile())
          .redirectErrorStream(true)
          .redirectOutput(Redirect.appendTo(spec.log().toFile()));
      builder.environment().putAll(spec.environment());
      process = builder.start();
      starts++;
      log.debug("Started {} as pid {}.", name(), process.pid());
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + name() + ": " + spec.command(), e);
    }
  }

  public boolean isAlive() {
    Process current = process;
    return current != null && current.isAlive();
  }

  /** The process id of the running process. */
  public long pid() {
    Process current = process;
    if (current == null) {
      throw new IllegalStateException(name() + " was never started.");
    }
    return current.pid();
  }

  /** How many times it was started. */
  public synchronized int starts() {
    return starts;
  }

  /** Sends a signal to the process (not its children) with {@code kill -<signal>}. */
  public synchronized void signal(Signal signal) {
    long pid = pid();
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal.name(), String.valueOf(pid))
          .redirectErrorStream(true).start();
      String answer = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + pid + " (" + name()
            + ") failed: " + answer.trim());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run kill for " + name() + ".", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while signalling " + name() + ".", e);
    }
  }

  /** Crashes it with {@code kill -9} and waits until it is gone, with any child it had. */
  public synchronized void kill() {
    List<ProcessHandle> children = process.descendants().toList();
    signal(Signal.KILL);
    children.forEach(ProcessHandle::destroyForcibly);
    awaitExit(KILL_WAIT);
  }

  /**
   * Stops it with SIGTERM, as an operator would, and kills it (and its children) when it has not
   * exited within the grace period.
   *
   * @return whether it had to be killed
   */
  public synchronized boolean terminate(Duration grace) {
    if (!isAlive()) {
      return false;
    }
    signal(Signal.TERM);
    try {
      if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        return false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      destroyTree();
      throw new IllegalStateException("Interrupted while stopping " + name() + "; it is killed.", e);
    }
    log.warn("{} did not stop within {} s of SIGTERM; it is killed.", name(), grace.toSeconds());
    destroyTree();
    return true;
  }

  /** Kills the process and every descendant at once, for shutdown hooks; waits for nothing. */
  public void destroyTree() {
    Process current = process;
    if (current != null) {
      current.descendants().forEach(ProcessHandle::destroyForcibly);
      current.destroyForcibly();
    }
  }

  /** Writes a line to its standard input, for programs driven by commands there. */
  public synchronized void send(String line) {
    try {
      OutputStream in = process.getOutputStream();
      in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write to the standard input of " + name() + ".", e);
    }
  }

  /**
   * Waits until the log holds the text after the given offset (see {@link #logSize()}), failing
   * early when the process exits.
   */
  public void awaitLog(String text, long fromOffset, Duration timeout) throws TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!logContains(text, fromOffset)) {
      if (!isAlive()) {
        throw new IllegalStateException(name() + " exited before it logged \"" + text + "\"; see "
            + log() + ".");
      }
      if (System.nanoTime() - deadline > 0) {
        throw new TimeoutException(name() + " did not log \"" + text + "\" within "
            + timeout.toSeconds() + " s; see " + log() + ".");
      }
      Poll.pause(Duration.ofMillis(200));
    }
  }

  /** The log's size now, from where {@link #awaitLog} looks. */
  public long logSize() {
    try {
      return Files.exists(log()) ? Files.size(log()) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the size of " + log() + ".", e);
    }
  }

  private boolean logContains(String text, long fromOffset) {
    try {
      byte[] bytes = Files.readAllBytes(log());
      int from = (int) Math.min(fromOffset, bytes.length);
      return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8).contains(text);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + log() + ".", e);
    }
  }

  /** Waits until a process that ends on its own, such as a formatting tool, exits; its exit code. */
  public int awaitExitCode(Duration timeout) {
    awaitExit(timeout);
    return process.exitValue();
  }

  private void awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(name() + " (pid " + process.pid() + ") did not exit within "
            + timeout.toSeconds() + " s of SIGKILL.");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for " + name() + " to exit.", e);
    }
  }

  private String marker(String what) {
    return System.lineSeparator() + "===== " + java.time.Instant.now() + " " + name() + ": " + what
        + " =====" + System.lineSeparator();
  }
}
