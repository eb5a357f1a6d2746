package io.github.selectcolor.launcher;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of the local pipeline that are up, kept so that they stop in the reverse order of
 * their start. Each start is logged with the part's address and how long it took, and a failure
 * becomes a {@link StartFailure} naming the part. Thread-safe: a part may start on another thread,
 * and a stop signal may close the parts while one is still starting.
 */
final class RunningParts {

  private static final Logger log = LoggerFactory.getLogger(RunningParts.class);

  private final Deque<Part> started = new ArrayDeque<>();
  private final long began = System.nanoTime();
  private boolean closed;

  /**
   * Starts one part and keeps it, or, if the parts were closed meanwhile, stops it again at once.
   *
   * @param name    the part, as a sentence names it: {@code "the collector"}, {@code "Kafka"}
   * @param starter starts the part and returns it once it is ready
   * @param address where users reach the started part
   */
  <T extends AutoCloseable> T start(String name, Supplier<T> starter, Function<T, String> address) {
    long partBegan = System.nanoTime();
    T part = attempt(name, starter);
    synchronized (this) {
      if (closed) {
        stop(new Part(name, part));
        throw new StartFailure(name, "the pipeline was told to stop while it started");
      }
      started.push(new Part(name, part));
    }
    log.info("{} is up at {} ({} s; {} s since the start).", sentenceStart(name), address.apply(part),
        seconds(partBegan), seconds(began));
    return part;
  }

  /** Runs one step of a part's start, turning whatever it throws into a failure of that part. */
  static <T> T attempt(String name, Supplier<T> step) {
    try {
      return step.get();
    } catch (RuntimeException | LinkageError e) {
      throw new StartFailure(name, e);
    }
  }

  /** The part another thread starts, once it is up. */
  static <T> T awaitStarted(String name, Future<T> pending) {
    try {
      return pending.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof StartFailure failure ? failure : new StartFailure(name, e.getCause());
    } catch (CancellationException e) {
      throw new StartFailure(name, "its start was given up on");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartFailure(name, e);
    }
  }

  /**
   * Waits until the threads that started parts in the background have ended, so that each such
   * part is either kept or stopped before the caller goes on.
   */
  static void awaitEnd(ExecutorService background, Duration grace) {
    background.shutdown();
    boolean interrupted = Thread.interrupted();
    try {
      if (!background.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("A part still starting in the background did not end within {} s.",
            grace.toSeconds());
      }
    } catch (InterruptedException e) {
      interrupted = true;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Stops the given part first, then the others, last started first, each whatever the others
   * did. A part that is still starting is stopped as soon as it is up.
   */
  synchronized void close(AutoCloseable first) {
    closed = true;
    started.stream().filter(part -> part.closeable() == first).findFirst().ifPresent(part -> {
      started.remove(part);
      stop(part);
    });
    while (!started.isEmpty()) {
      stop(started.pop());
    }
  }

  private static void stop(Part part) {
    try {
      part.closeable().close();
    } catch (Exception e) {
      // Hadoop's own shutdown hooks, for one, refuse changes while the JVM exits.
      log.warn("Stopping {} did not finish cleanly: {}", part.name(), e.toString());
    }
  }

  /** The part's name at the start of a sentence: "The collector", "Kafka". */
  static String sentenceStart(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private static String seconds(long since) {
    return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - since) / 1e9);
  }

  private record Part(String name, AutoCloseable closeable) {
  }
}
