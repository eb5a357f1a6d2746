package io.github.selectcolor.essink.bulk;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import io.github.selectcolor.essink.bulk.OffsetTracker.Tracked;
import io.github.selectcolor.essink.documents.Document;
import io.github.selectcolor.essink.elastic.Failures;
import io.github.selectcolor.essink.elastic.OutageLog;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends documents to Elasticsearch in bulk requests of at most {@code batch.size} documents and
 * {@code batch.max.bytes}, after at most {@code linger.ms}, with at most
 * {@code max.in.flight.requests} unanswered. Each document is created, never replaced: the first
 * write of an id wins, so a replay or a client resending an event id changes nothing that
 * Elasticsearch holds, and the 409 it answers counts as landed (see
 * {@link Outcomes#alreadyIndexed}). Documents refused with 429 or 5xx, and whole requests
 * that fail on the connection or with 429/5xx, are sent again after a back-off until the retry
 * budget is spent; then the writer fails and says why. Failed requests are logged as one outage
 * (see {@link OutageLog}), not once per attempt. Other refusals (a document that does not fit the
 * mapping) go to {@link Outcomes#refused}.
 *
 * <p>Its state belongs to one thread of its own: documents are handed over with {@link #add}, and
 * the client's answers are handed back to that thread, so nothing here needs a lock. Any exception
 * on that thread stops the writer and becomes its {@link #failure}, which fails the task.
 */
public final class BulkWriter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BulkWriter.class);
  /** What a create operation gets for an id that is taken. */
  private static final int CONFLICT = 409;

  private final ElasticsearchAsyncClient client;
  private final Limits limits;
  private final RetryPolicy retryPolicy;
  private final Outcomes outcomes;
  private final ScheduledExecutorService thread;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private long queuedBytes;
  private int inFlight;
  private final OutageLog outage;
  private ScheduledFuture<?> lingerTimer;
  private volatile ConnectException failure;

  public BulkWriter(ElasticsearchAsyncClient client, Limits limits, RetryPolicy retryPolicy,
      Outcomes outcomes, OutageLog outage, String threadName) {
    this.client = client;
    this.outage = outage;
    this.limits = limits;
    this.retryPolicy = retryPolicy;
    this.outcomes = outcomes;
    this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread writer = new Thread(runnable, threadName);
      writer.setDaemon(true);
      return writer;
    });
  }

  /** Queues a document; returns at once. */
  public void add(Document document, Tracked tracked) {
    thread.execute(guarded(() -> {
      Pending pending = new Pending(document, tracked, System.nanoTime());
      queue.addLast(pending);
      queuedBytes += document.source().length;
      sendWhatIsDue();
    }));
  }

  /** Why the writer stopped, once it has. */
  public Optional<ConnectException> failure() {
    return Optional.ofNullable(failure);
  }

  private void sendWhatIsDue() {
    while (failure == null && inFlight < limits.maxInFlightRequests() && !queue.isEmpty()) {
      long dueAt = queue.peekFirst().queuedAt + limits.linger().toNanos();
      long now = System.nanoTime();
      if (queue.size() >= limits.batchSize() || queuedBytes >= limits.batchMaxBytes()
          || now >= dueAt) {
        send(takeBatch());
      } else {
        scheduleLinger(dueAt - now);
        return;
      }
    }
  }

  private void scheduleLinger(long delayNanos) {
    if (lingerTimer == null || lingerTimer.isDone()) {
      lingerTimer = thread.schedule(guarded(this::sendWhatIsDue), delayNanos,
          TimeUnit.NANOSECONDS);
    }
  }

  private List<Pending> takeBatch() {
    List<Pending> batch = new ArrayList<>(Math.min(queue.size(), limits.batchSize()));
    long bytes = 0;
    while (!queue.isEmpty() && batch.size() < limits.batchSize()
        && (batch.isEmpty() || bytes + queue.peekFirst().size() <= limits.batchMaxBytes())) {
      Pending pending = queue.pollFirst();
      bytes += pending.size();
      queuedBytes -= pending.size();
      batch.add(pending);
    }
    return batch;
  }

  /** Sends a batch; the in-flight slot is taken only once the client has the request. */
  private void send(List<Pending> batch) {
    CompletableFuture<BulkResponse> answer = client.bulk(request(batch));
    inFlight++;
    answer.whenComplete((response, error) -> answer(batch, response, error));
  }

  private static BulkRequest request(List<Pending> batch) {
    return BulkRequest.of(bulk -> {
      for (Pending pending : batch) {
        Document document = pending.document;
        bulk.operations(operation -> operation.create(create -> create.index(document.index())
            .id(document.id())
            .document(BinaryData.of(document.source(), ContentType.APPLICATION_JSON))));
      }
      return bulk;
    });
  }

  private void answer(List<Pending> batch, BulkResponse response, Throwable error) {
    try {
      thread.execute(guarded(() -> {
        inFlight--;
        if (error != null) {
          onRequestFailed(batch, unwrap(error));
        } else {
          onResponse(batch, response);
        }
        sendWhatIsDue();
      }));
    } catch (RejectedExecutionException e) {
      // The task stopped: these documents' offsets were not committed, so they are read again.
      log.debug("A bulk answer arrived after the writer stopped; its documents will be resent.");
    }
  }

  private void onRequestFailed(List<Pending> batch, Throwable error) {
    if (!Failures.isTransient(error)) {
      fail(new ConnectException("Elasticsearch refused a bulk request of " + batch.size()
          + " documents, and retrying cannot help: " + error.getMessage(), error));
      return;
    }
    String reason = "the bulk request failed: " + error;
    // Every in-flight request fails on its own, and each is retried: the log says so once.
    outage.failed(reason);
    retry(batch, reason);
  }

  private void onResponse(List<Pending> batch, BulkResponse response) {
    outage.succeeded();
    List<Pending> again = new ArrayList<>();
    String lastReason = null;
    int alreadyIndexed = 0;
    List<BulkResponseItem> items = response.items();
    for (int index = 0; index < batch.size(); index++) {
      Pending pending = batch.get(index);
      BulkResponseItem item = items.get(index);
      if (item.error() == null && item.status() < 300) {
        outcomes.acknowledged(pending.tracked);
      } else if (item.status() == CONFLICT) {
        alreadyIndexed++;
        outcomes.alreadyIndexed(pending.tracked);
      } else if (item.status() == 429 || item.status() >= 500) {
        lastReason = "HTTP " + item.status() + " " + describe(item);
        again.add(pending);
      } else {
        refuse(pending, describe(item));
      }
    }
    if (alreadyIndexed > 0) {
      log.debug("{} of {} documents were already indexed under their ids; the first writes stay.",
          alreadyIndexed, batch.size());
    }
    if (!again.isEmpty()) {
      retry(again, lastReason);
    }
  }

  private void refuse(Pending pending, String reason) {
    try {
      outcomes.refused(pending.document, pending.tracked, reason);
    } catch (ConnectException e) {
      fail(e);
    }
  }

  private void retry(List<Pending> batch, String reason) {
    long now = System.nanoTime();
    Pending first = batch.get(0);
    for (Pending pending : batch) {
      pending.firstFailureAt = pending.retries == 0 ? now : pending.firstFailureAt;
      pending.retries++;
    }
    Optional<Duration> wait = retryPolicy.nextWait(first.retries,
        Duration.ofNanos(now - first.firstFailureAt));
    if (wait.isEmpty()) {
      Document document = first.document;
      fail(new ConnectException("Elasticsearch did not take document " + document.id()
          + " (" + document.record().topic() + "-" + document.record().kafkaPartition()
          + " offset " + document.record().kafkaOffset() + ") within the retry budget of "
          + retryPolicy.budget() + "; last: " + reason));
      return;
    }
    thread.schedule(guarded(() -> {
      for (int index = batch.size() - 1; index >= 0; index--) {
        Pending pending = batch.get(index);
        pending.queuedAt = Long.MIN_VALUE / 2;
        queue.addFirst(pending);
        queuedBytes += pending.size();
      }
      sendWhatIsDue();
    }), wait.get().toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * A step for the writer's thread that turns an unexpected exception into the writer's failure:
   * the executor would otherwise keep it in a future nobody reads, and the task would stall.
   */
  private Runnable guarded(Runnable step) {
    return () -> {
      try {
        step.run();
      } catch (RuntimeException | Error e) {
        fail(new ConnectException("The Elasticsearch writer failed unexpectedly: " + e, e));
      }
    };
  }

  private void fail(ConnectException e) {
    if (failure == null) {
      failure = e;
      queue.clear();
      queuedBytes = 0;
      log.error("The Elasticsearch writer stopped: {}", e.getMessage(), e);
    }
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause()
        : error;
  }

  private static String describe(BulkResponseItem item) {
    return item.error() == null ? "status " + item.status()
        : item.error().type() + ": " + item.error().reason();
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("The Elasticsearch writer's thread did not stop within 5 s.");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What becomes of documents; called on the writer's thread. */
  public interface Outcomes {

    /** Elasticsearch holds the document. */
    void acknowledged(Tracked tracked);

    /**
     * Elasticsearch already held a document with this id (409 to a create): a replay, or an
     * event id sent twice. The first document stays; this record is done.
     */
    void alreadyIndexed(Tracked tracked);

    /**
     * Elasticsearch refused the document for good (it does not fit the mapping).
     *
     * @throws ConnectException when the policy is to stop
     */
    void refused(Document document, Tracked tracked, String reason);
  }

  /**
   * @param batchSize           documents per bulk request at most
   * @param batchMaxBytes       bytes of documents per bulk request at most
   * @param linger              how long a batch that is not full waits
   * @param maxInFlightRequests unanswered bulk requests at most
   */
  public record Limits(int batchSize, long batchMaxBytes, Duration linger,
      int maxInFlightRequests) {
  }

  private static final class Pending {
    private final Document document;
    private final Tracked tracked;
    private long queuedAt;
    private int retries;
    private long firstFailureAt;

    Pending(Document document, Tracked tracked, long queuedAt) {
      this.document = document;
      this.tracked = tracked;
      this.queuedAt = queuedAt;
    }

    long size() {
      return document.source().length;
    }
  }
}
