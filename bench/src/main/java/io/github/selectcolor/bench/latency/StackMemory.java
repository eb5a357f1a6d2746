package io.github.selectcolor.bench.latency;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The resident memory of the local pipeline: its JVM and every process below it (Elasticsearch),
 * read from /proc once a second; keeps the highest total seen.
 */
final class StackMemory implements AutoCloseable {

  private final long pid;
  private final AtomicLong peakKibibytes = new AtomicLong();
  private final ScheduledExecutorService samples = Executors.newSingleThreadScheduledExecutor(
      runnable -> new Thread(runnable, "bench-memory"));

  StackMemory(long pid) {
    this.pid = pid;
    samples.scheduleWithFixedDelay(this::sample, 0, 1, TimeUnit.SECONDS);
  }

  private void sample() {
    ProcessHandle.of(pid).ifPresent(root -> {
      long total = Stream.concat(Stream.of(root), root.descendants())
          .mapToLong(process -> residentKibibytes(process.pid())).sum();
      peakKibibytes.accumulateAndGet(total, Math::max);
    });
  }

  private static long residentKibibytes(long pid) {
    try (Stream<String> status = Files.lines(Path.of("/proc", String.valueOf(pid), "status"))) {
      return status.filter(line -> line.startsWith("VmRSS:"))
          .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElse(0);
    } catch (IOException | RuntimeException e) {
      // The process ended between listing and reading: it holds no memory any more.
      return 0;
    }
  }

  long peakMebibytes() {
    sample();
    return peakKibibytes.get() / 1024;
  }

  @Override
  public void close() {
    samples.shutdownNow();
  }
}
