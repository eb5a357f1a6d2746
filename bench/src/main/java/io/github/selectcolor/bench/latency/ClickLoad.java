package io.github.selectcolor.bench.latency;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady stream of clicks, one event per {@code POST /api/events} as the page's tracker sends a
 * lone click, each with its own eventId, over at most {@link #CONNECTIONS} connections (browsers
 * keep theirs open too). Each click is due at a fixed time; a click that waits for a free
 * connection is still timed from when it was due, so a slow collector shows in the latencies
 * instead of slowing the load down.
 */
final class ClickLoad {

  static final int CONNECTIONS = 64;
  private static final List<String> COLORS = List.of("red", "yellow", "green", "blue", "orange",
      "purple", "pink", "black", "white");
  private static final List<String> USER_AGENTS = List.of(
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0");

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2))
      .build();
  private final URI events;
  private final int perSecond;
  private final Semaphore connections = new Semaphore(CONNECTIONS);
  private final Map<String, Long> dueAt = new ConcurrentHashMap<>();
  private final Map<String, Integer> refusals = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();

  ClickLoad(URI collector, int perSecond) {
    this.events = collector.resolve("/api/events");
    this.perSecond = perSecond;
  }

  /**
   * Sends at the rate for the warm-up (those clicks are not timed), then for the measured time, and
   * returns once every measured click is answered.
   */
  void run(Duration warmUp, Duration measured) throws InterruptedException {
    long intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
    long start = System.nanoTime();
    long measuredFrom = start + warmUp.toNanos();
    long end = measuredFrom + measured.toNanos();
    for (long due = start; due < end; due += intervalNanos) {
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      connections.acquire();
      send(due, due >= measuredFrom);
    }
    connections.acquire(CONNECTIONS);
    connections.release(CONNECTIONS);
  }

  private void send(long due, boolean timed) {
    long n = sequence.getAndIncrement();
    String eventId = UUID.randomUUID().toString();
    String body = "{\"eventId\":\"" + eventId + "\",\"userName\":\"user-" + (n % 1000)
        + "\",\"colorName\":\"" + COLORS.get((int) (n % COLORS.size())) + "\",\"timestamp\":\""
        + OffsetDateTime.now(ZoneOffset.UTC) + "\"}";
    HttpRequest request = HttpRequest.newBuilder(events)
        .header("Content-Type", "application/json")
        .header("User-Agent", USER_AGENTS.get((int) (n % USER_AGENTS.size())))
        .timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, e) -> {
      if (e != null || response.statusCode() != 202) {
        refusals.merge(e != null ? e.getClass().getSimpleName() : "HTTP " + response.statusCode(),
            1, Integer::sum);
      } else if (timed) {
        dueAt.put(eventId, due);
      }
      connections.release();
    });
  }

  /** The accepted, timed clicks' due times by eventId. */
  Map<String, Long> acceptedAt() {
    return dueAt;
  }

  /** Refused or failed clicks, by HTTP status or exception. */
  Map<String, Integer> refusals() {
    return Map.copyOf(refusals);
  }

  long attempted() {
    return sequence.get();
  }
}
