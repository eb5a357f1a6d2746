package io.github.selectcolor.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One browser page's tracker, as {@code tracker.js} delivers: a bounded queue (the oldest dropped
 * beyond {@value #MAX_QUEUE}), batches of up to {@value #MAX_BATCH} sent one at a time, an event
 * leaving the queue only on a 202 that lists its eventId or a 4xx other than 429 (a refused batch
 * is retried event by event), and every other answer or network error retried after an
 * exponential back-off with full jitter (500 ms doubling to 30 s), never sooner than Retry-After
 * (capped at 5 minutes). Requests time out after 30 s. {@link #run()} runs on one thread; the
 * other methods may be called from any thread.
 */
final class TrackerPage implements Runnable {

  static final int MAX_QUEUE = 500;
  static final int MAX_BATCH = 50;
  private static final long BASE_DELAY_MS = 500;
  private static final long MAX_DELAY_MS = 30_000;
  private static final long MAX_RETRY_AFTER_MS = 5 * 60 * 1000;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36"
      + " (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

  private final ObjectMapper json = new ObjectMapper();
  private final ArrayDeque<ClickEvent> queue = new ArrayDeque<>();
  private final HttpClient http;
  private final URI endpoint;
  private final Random random;
  private final ClientCounters counters;
  private final Receipts receipts;
  private boolean tracking = true;
  private int failures;

  TrackerPage(HttpClient http, URI collector, long seed, ClientCounters counters,
      Receipts receipts) {
    this.http = http;
    this.endpoint = collector.resolve("/api/events");
    this.random = new Random(seed);
    this.counters = counters;
    this.receipts = receipts;
  }

  synchronized void track(ClickEvent event) {
    queue.addLast(event);
    counters.tracked.incrementAndGet();
    while (queue.size() > MAX_QUEUE) {
      queue.removeFirst();
      counters.droppedEvents.incrementAndGet();
    }
    notifyAll();
  }

  /** No more clicks: {@link #run()} returns once the queue is empty. */
  synchronized void finish() {
    tracking = false;
    notifyAll();
  }

  synchronized int queueLength() {
    return queue.size();
  }

  /** Delivers until {@link #finish()} and an empty queue, or until interrupted. */
  @Override
  public void run() {
    for (List<ClickEvent> batch = nextBatch(); batch != null; batch = nextBatch()) {
      Long delayMs = deliver(batch);
      if (Thread.currentThread().isInterrupted() || delayMs != null && !rest(delayMs)) {
        return;
      }
    }
  }

  /** Waits before the next attempt; false when interrupted (the flag restored). */
  private static boolean rest(long delayMs) {
    try {
      TimeUnit.MILLISECONDS.sleep(delayMs);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private synchronized List<ClickEvent> nextBatch() {
    while (queue.isEmpty()) {
      if (!tracking) {
        return null;
      }
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return queue.stream().limit(MAX_BATCH).toList();
  }

  /** Delivers a batch; the delay before the next attempt when the collector should be left alone. */
  private Long deliver(List<ClickEvent> batch) {
    Outcome outcome = post(batch);
    if (outcome.kind == Kind.STOPPED) {
      return null;
    }
    if (outcome.kind == Kind.ACCEPTED && !outcome.accepted.isEmpty()) {
      failures = 0;
      remove(outcome.accepted);
      return null;
    }
    if (outcome.kind == Kind.REFUSED && batch.size() == 1) {
      remove(batch);
      counters.refusedEvents.incrementAndGet();
      return null;
    }
    if (outcome.kind == Kind.REFUSED) {
      for (ClickEvent event : batch) {
        Long delayMs = deliver(List.of(event));
        if (delayMs != null) {
          return delayMs;
        }
      }
      return null;
    }
    return backOff(outcome.kind == Kind.ACCEPTED ? null : outcome.retryAfterMs);
  }

  private long backOff(Long retryAfterMs) {
    failures++;
    counters.retries.incrementAndGet();
    double ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * Math.pow(2, Math.min(failures - 1, 16)));
    long jittered = (long) (random.nextDouble() * ceiling);
    return retryAfterMs == null ? jittered : Math.max(retryAfterMs, jittered);
  }

  private synchronized void remove(List<ClickEvent> events) {
    Set<String> gone = new HashSet<>();
    events.forEach(event -> gone.add(event.eventId()));
    queue.removeIf(event -> gone.contains(event.eventId()));
  }

  private Outcome post(List<ClickEvent> batch) {
    counters.requests.incrementAndGet();
    try {
      HttpResponse<String> response = http.send(request(batch),
          HttpResponse.BodyHandlers.ofString());
      return answerOf(batch, response);
    } catch (HttpTimeoutException e) {
      counters.timeouts.incrementAndGet();
      return Outcome.retry(null);
    } catch (IOException e) {
      counters.connectionErrors.incrementAndGet();
      return Outcome.retry(null);
    } catch (InterruptedException e) {
      // Stopped by TrackerLoad.close(): run() sees the flag and returns.
      Thread.currentThread().interrupt();
      return Outcome.stopped();
    }
  }

  private HttpRequest request(List<ClickEvent> batch) throws IOException {
    String sentAt = OffsetDateTime.now(ZoneOffset.UTC).toString();
    List<Map<String, String>> body = new ArrayList<>();
    for (ClickEvent event : batch) {
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("eventId", event.eventId());
      fields.put("timestamp", event.timestamp());
      fields.put("userName", event.userName());
      fields.put("colorName", event.colorName());
      fields.put("sentAt", sentAt);
      body.add(fields);
    }
    return HttpRequest.newBuilder(endpoint).timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json").header("User-Agent", USER_AGENT)
        .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build();
  }

  private Outcome answerOf(List<ClickEvent> batch, HttpResponse<String> response)
      throws IOException {
    int status = response.statusCode();
    if (status == 202) {
      counters.answered202.incrementAndGet();
      long now = System.currentTimeMillis();
      Set<String> ids = new HashSet<>();
      json.readTree(response.body()).path("accepted").forEach(
          (JsonNode id) -> ids.add(id.asText().toLowerCase(Locale.ROOT)));
      List<ClickEvent> accepted = batch.stream()
          .filter(event -> ids.contains(event.eventId().toLowerCase(Locale.ROOT))).toList();
      accepted.forEach(event -> receipts.accepted(event.eventId(), now));
      return new Outcome(Kind.ACCEPTED, accepted, null);
    }
    if (status >= 400 && status < 500 && status != 429) {
      counters.answeredOther.incrementAndGet();
      return new Outcome(Kind.REFUSED, List.of(), null);
    }
    (status == 503 ? counters.answered503 : status == 429 ? counters.answered429
        : counters.answeredOther).incrementAndGet();
    return Outcome.retry(retryAfterMs(response.headers().firstValue("Retry-After").orElse(null)));
  }

  private static Long retryAfterMs(String header) {
    if (header == null) {
      return null;
    }
    long ms;
    if (header.trim().matches("\\d+")) {
      ms = Long.parseLong(header.trim()) * 1000;
    } else {
      try {
        ms = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()
            .toEpochMilli() - System.currentTimeMillis();
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
  }

  private enum Kind { ACCEPTED, REFUSED, RETRY, STOPPED }

  private record Outcome(Kind kind, List<ClickEvent> accepted, Long retryAfterMs) {
    static Outcome retry(Long retryAfterMs) {
      return new Outcome(Kind.RETRY, List.of(), retryAfterMs);
    }

    static Outcome stopped() {
      return new Outcome(Kind.STOPPED, List.of(), null);
    }
  }
}
