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
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady stream of clicks: every 10 ms a tick posts its share of the rate, one event per
 * {@code POST /api/events} as the page's tracker sends a lone click, each with its own eventId.
 */
final class ClickLoad {

  private static final long TICK_MILLIS = 10;
  private static final List<String> COLORS = List.of("red", "yellow", "green", "blue", "orange",
      "purple", "pink", "black", "white");
  private static final List<String> USER_AGENTS = List.of(
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI events;
  private final int perSecond;
  private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong sequence = new AtomicLong();
  private final Queue<CompletableFuture<?>> answers = new ConcurrentLinkedQueue<>();

  ClickLoad(URI collector, int perSecond) {
    this.events = collector.resolve("/api/events");
    this.perSecond = perSecond;
  }

  /** Sends for the given time and returns once the last request is answered. */
  void run(Duration duration) throws InterruptedException {
    ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(
        runnable -> new Thread(runnable, "bench-clicks"));
    long ticksToRun = duration.toMillis() / TICK_MILLIS;
    AtomicLong tick = new AtomicLong();
    ticks.scheduleAtFixedRate(() -> {
      long current = tick.getAndIncrement();
      if (current >= ticksToRun) {
        return;
      }
      // Spreads a rate that is no multiple of 100 over the ticks of each second.
      long due = (current + 1) * perSecond * TICK_MILLIS / 1000 - current * perSecond * TICK_MILLIS / 1000;
      for (long i = 0; i < due; i++) {
        send();
      }
    }, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    // The ticks run for the load's duration; then every request still in flight gets its answer.
    ticks.awaitTermination(duration.toMillis() + TICK_MILLIS * 2, TimeUnit.MILLISECONDS);
    ticks.shutdownNow();
    CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
  }

  private void send() {
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
    sentAt.put(eventId, System.nanoTime());
    answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete((response, e) -> {
          if (e != null || response.statusCode() != 202) {
            refused.incrementAndGet();
            sentAt.remove(eventId);
          }
        }));
  }

  /** The accepted events' send times by eventId. */
  Map<String, Long> sentAt() {
    return sentAt;
  }

  long refused() {
    return refused.get();
  }

  long attempted() {
    return sequence.get();
  }
}
