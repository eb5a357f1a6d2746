package io.github.selectcolor.bench.latency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Notes when each sent event became searchable: every 100 ms one search asks Elasticsearch which
 * of the events not yet seen it can find by id (as a user's search would, after a refresh, not a
 * real-time get). The first check that finds an event is its arrival, so times are 100 ms coarse.
 */
final class SearchWatcher implements AutoCloseable {

  static final long INTERVAL_MILLIS = 100;

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI search;
  private final Map<String, Long> sentAt;
  private final Arrivals arrivals = new Arrivals();
  private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(
      runnable -> new Thread(runnable, "bench-search-watcher"));
  private volatile Exception failure;

  SearchWatcher(URI elasticsearch, String index, Map<String, Long> sentAt) {
    this.search = elasticsearch.resolve("/" + index + "/_search");
    this.sentAt = sentAt;
    checks.scheduleWithFixedDelay(this::check, 0, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
  }

  Arrivals arrivals() {
    return arrivals;
  }

  private void check() {
    try {
      List<String> pending = sentAt.keySet().stream().filter(id -> !arrivals.contains(id)).toList();
      if (pending.isEmpty()) {
        return;
      }
      ObjectNode query = json.createObjectNode();
      query.put("size", pending.size());
      query.put("_source", false);
      ArrayNode ids = query.putObject("query").putObject("ids").putArray("values");
      pending.forEach(ids::add);
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(search)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(query))).build(),
          HttpResponse.BodyHandlers.ofString());
      long now = System.nanoTime();
      if (response.statusCode() == 404) {
        return;
      }
      for (JsonNode hit : json.readTree(response.body()).path("hits").path("hits")) {
        arrivals.record(hit.path("_id").asText(), now);
      }
    } catch (IOException e) {
      failure = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The last failed check, if any, so that the report can say the figures are incomplete. */
  Exception failure() {
    return failure;
  }

  @Override
  public void close() {
    checks.shutdownNow();
  }
}
