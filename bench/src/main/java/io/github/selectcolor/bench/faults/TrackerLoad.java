package io.github.selectcolor.bench.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A steady stream of clicks spread over several pages, each page a {@link TrackerPage} on a thread
 * of its own, as that many browser tabs would send them. Event ids and colours come from the seed;
 * so do the pages' jitter. Start and stop it from one thread; {@link #close()} stops every thread
 * it started, whether or not the queues drained, so that a failed run leaves none behind.
 */
final class TrackerLoad implements AutoCloseable {

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(35);
  private static final List<String> COLORS = List.of("red", "yellow", "green", "blue", "orange",
      "purple", "pink", "black", "white");

  private final ClientCounters counters = new ClientCounters();
  private final Receipts receipts = new Receipts();
  private final List<TrackerPage> pages = new ArrayList<>();
  private final List<Thread> pageThreads = new ArrayList<>();
  private final Random random;
  private final int perSecond;
  private final Thread clicks;
  private volatile boolean clicking = true;

  TrackerLoad(URI collector, int pageCount, int perSecond, long seed) {
    this.random = new Random(seed);
    this.perSecond = perSecond;
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    for (int i = 0; i < pageCount; i++) {
      TrackerPage page = new TrackerPage(http, collector, random.nextLong(), counters, receipts);
      pages.add(page);
      pageThreads.add(daemon(page, "tracker-page-" + i));
    }
    clicks = daemon(this::click, "tracker-clicks");
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  void start() {
    pageThreads.forEach(Thread::start);
    clicks.start();
  }

  ClientCounters counters() {
    return counters;
  }

  Receipts receipts() {
    return receipts;
  }

  /** Events queued in the pages now. */
  int queued() {
    return pages.stream().mapToInt(TrackerPage::queueLength).sum();
  }

  /**
   * Stops clicking and waits until every page emptied its queue.
   *
   * @return whether every queue drained within the timeout
   */
  boolean stopAndDrain(Duration timeout) throws InterruptedException {
    clicking = false;
    clicks.join();
    pages.forEach(TrackerPage::finish);
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread page : pageThreads) {
      page.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }
    return pageThreads.stream().noneMatch(Thread::isAlive);
  }

  /**
   * Stops clicking and interrupts every page still sending, then waits for each thread; a page
   * interrupted in a request returns once the HTTP client gave it up, within its 30 s timeout.
   */
  @Override
  public void close() throws InterruptedException {
    clicking = false;
    clicks.interrupt();
    pages.forEach(TrackerPage::finish);
    pageThreads.forEach(Thread::interrupt);
    long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
    clicks.join(CLOSE_TIMEOUT.toMillis());
    for (Thread page : pageThreads) {
      page.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }
  }

  private void click() {
    long intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
    long due = System.nanoTime();
    for (long n = 0; clicking; n++) {
      long wait = due - System.nanoTime();
      if (wait > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      pages.get((int) (n % pages.size())).track(nextEvent(n));
      due += intervalNanos;
    }
  }

  private ClickEvent nextEvent(long n) {
    // A version 4 UUID drawn from the seed.
    long most = (random.nextLong() & ~0xF000L) | 0x4000L;
    long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new ClickEvent(new UUID(most, least).toString(),
        OffsetDateTime.now(ZoneOffset.UTC).toString(), "user-" + (n % 1000),
        COLORS.get(random.nextInt(COLORS.size())));
  }
}
