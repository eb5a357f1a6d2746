package io.github.selectcolor.bench.latency;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
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
import org.apache.http.HttpResponse;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.concurrent.FutureCallback;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.nio.client.CloseableHttpAsyncClient;
import org.apache.http.impl.nio.client.HttpAsyncClients;
import org.apache.http.impl.nio.reactor.IOReactorConfig;

/**
 * A steady stream of clicks, one event per {@code POST /api/events} as the page's tracker sends a
 * lone click, each with its own eventId, over at most {@link #CONNECTIONS} connections (browsers
 * keep theirs open too). Each click is due at a fixed time; a click that waits for a free
 * connection is still timed from when it was due, so a slow collector shows in the latencies
 * instead of slowing the load down. The client is Apache's non-blocking one on a single I/O thread:
 * the load generator shares the machine's cores with the pipeline, so it must cost little.
 */
final class ClickLoad implements AutoCloseable {

  static final int CONNECTIONS = 64;
  private static final List<String> COLORS = List.of("red", "yellow", "green", "blue", "orange",
      "purple", "pink", "black", "white");
  private static final List<String> USER_AGENTS = List.of(
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0");

  private final CloseableHttpAsyncClient http = HttpAsyncClients.custom()
      .setMaxConnTotal(CONNECTIONS)
      .setMaxConnPerRoute(CONNECTIONS)
      .setDefaultIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1).build())
      .setDefaultRequestConfig(RequestConfig.custom()
          .setConnectTimeout(2_000).setSocketTimeout(10_000).build())
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
    http.start();
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
    HttpPost post = new HttpPost(events);
    post.setHeader("User-Agent", USER_AGENTS.get((int) (n % USER_AGENTS.size())));
    post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
    http.execute(post, new FutureCallback<>() {
      @Override
      public void completed(HttpResponse response) {
        if (response.getStatusLine().getStatusCode() == 202) {
          if (timed) {
            dueAt.put(eventId, due);
          }
        } else {
          refused("HTTP " + response.getStatusLine().getStatusCode());
        }
        connections.release();
      }

      @Override
      public void failed(Exception e) {
        refused(e.getClass().getSimpleName());
        connections.release();
      }

      @Override
      public void cancelled() {
        refused("cancelled");
        connections.release();
      }
    });
  }

  private void refused(String reason) {
    refusals.merge(reason, 1, Integer::sum);
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

  @Override
  public void close() {
    try {
      http.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not close the load's HTTP client.", e);
    }
  }
}
