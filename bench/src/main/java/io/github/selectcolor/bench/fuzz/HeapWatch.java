package io.github.selectcolor.bench.fuzz;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the collector's heap in use, the sum of {@code jvm_memory_used_bytes{area="heap"}} from
 * its Prometheus endpoint, once a second, keeping the highest. Thread-safe.
 */
final class HeapWatch implements AutoCloseable {

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI prometheus;
  private final AtomicLong max = new AtomicLong();
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
      runnable -> new Thread(runnable, "fuzz-heap-watch"));

  HeapWatch(URI collector) {
    this.prometheus = collector.resolve("/actuator/prometheus");
  }

  void start() {
    sampler.scheduleWithFixedDelay(() -> {
      try {
        max.accumulateAndGet(heapUsed(), Math::max);
      } catch (IOException e) {
        // A sample missed under load; the next one counts.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, 0, 1, TimeUnit.SECONDS);
  }

  long max() {
    return max.get();
  }

  /** Starts a new highest mark from the heap in use now. */
  void resetMax() {
    max.set(0);
  }

  /** Heap in use now, in bytes. */
  long heapUsed() throws IOException, InterruptedException {
    return sum("jvm_memory_used_bytes{");
  }

  /** The heap's limit (-Xmx), in bytes. */
  long heapMax() throws IOException, InterruptedException {
    return sum("jvm_memory_max_bytes{");
  }

  private long sum(String metric) throws IOException, InterruptedException {
    String text = http.send(HttpRequest.newBuilder(prometheus).timeout(Duration.ofSeconds(10))
        .build(), HttpResponse.BodyHandlers.ofString()).body();
    double total = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith(metric) && line.contains("area=\"heap\"")) {
        double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        total += Math.max(0, value);
      }
    }
    return (long) total;
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
