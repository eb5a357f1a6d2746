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
 * Notes when each accepted click became searchable, as a user's search would see it (after a
 * refresh, not a real-time get): every 100 ms one search asks which of the clicks not seen yet
 * Elasticsearch finds by id, the oldest first. Times are 100 ms coarse; a click waits for a later
 * check only when more than {@link #MAX_IDS_PER_CHECK} are outstanding, that is when the pipeline
 * is already far behind.
 */
final class SearchWatcher implements AutoCloseable {

  static final long INTERVAL_MILLIS = 100;
  static final int MAX_IDS_PER_CHECK = 5_000;

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI search;
  private final Map<String, Long> accepted;
  private final Arrivals arrivals = new Arrivals();
  private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(
      runnable -> new Thread(runnable, "bench-search-watcher"));
  private volatile Exception failure;

  SearchWatcher(URI elasticsearch, String index, Map<String, Long> accepted) {
    this.search = elasticsearch.resolve("/" + index + "/_search");
    this.accepted = accepted;
    checks.scheduleWithFixedDelay(this::check, 0, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
  }

  Arrivals arrivals() {
    return arrivals;
  }

  private void check() {
    try {
      List<String> pending = accepted.entrySet().stream()
          .filter(click -> !arrivals.contains(click.getKey()))
          .sorted(Map.Entry.comparingByValue())
          .limit(MAX_IDS_PER_CHECK)
          .map(Map.Entry::getKey)
          .toList();
      if (pending.isEmpty()) {
        return;
      }
      ObjectNode query = json.createObjectNode();
      query.put("size", pending.size());
      query.put("_source", false);
      query.put("track_total_hits", false);
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
