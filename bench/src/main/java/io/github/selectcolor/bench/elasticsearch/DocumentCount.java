package io.github.selectcolor.bench.elasticsearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.selectcolor.bench.Poll;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Times a pass the same way for every subject: from the moment the first document is searchable
 * to the moment all are, polling {@code _count} every 100 ms with Elasticsearch's own refresh
 * (once a second), so neither subject is timed on its start-up.
 */
final class DocumentCount {

  private static final Duration DEADLINE = Duration.ofMinutes(15);
  private static final Duration CHECK_INTERVAL = Duration.ofMillis(100);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RestClient rest;

  DocumentCount(RestClient rest) {
    this.rest = rest;
  }

  interface Pass {
    void run() throws Exception;
  }

  Indexing time(String prefix, long expected, Pass pass) throws Exception {
    ExecutorService poller = Executors.newSingleThreadExecutor(
        runnable -> new Thread(runnable, "bench-document-count"));
    try {
      Future<Indexing> timing = poller.submit(() -> poll(prefix, expected));
      pass.run();
      return timing.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Counting documents failed.", e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(prefix + " did not reach " + expected + " documents within "
          + DEADLINE + ".", e);
    } finally {
      poller.shutdownNow();
    }
  }

  private Indexing poll(String prefix, long expected) throws InterruptedException {
    long first = Poll.until(() -> count(prefix) > 0, CHECK_INTERVAL, DEADLINE,
        "a first document in " + prefix);
    long last = Poll.until(() -> count(prefix) >= expected, CHECK_INTERVAL, DEADLINE,
        expected + " documents in " + prefix);
    return new Indexing(expected, Duration.ofNanos(last - first));
  }

  private long count(String prefix) {
    try (InputStream body = rest.performRequest(new Request("GET", "/" + prefix + "-*/_count"))
        .getEntity().getContent()) {
      return JSON.readTree(body).path("count").asLong();
    } catch (ResponseException e) {
      int status = e.getResponse().getStatusLine().getStatusCode();
      // No index yet, or one just created whose shard is not started.
      if (status == 404 || status == 503) {
        return 0;
      }
      throw new UncheckedIOException(e);
    } catch (IOException e) {
      throw new UncheckedIOException("Counting the documents of " + prefix + " failed.", e);
    }
  }
}
