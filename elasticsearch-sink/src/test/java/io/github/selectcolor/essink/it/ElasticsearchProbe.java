package io.github.selectcolor.essink.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads what the connector wrote, over Elasticsearch's REST API. */
final class ElasticsearchProbe {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String url;
  private final HttpClient http = HttpClient.newHttpClient();

  ElasticsearchProbe(String url) {
    this.url = url;
  }

  /** Searchable documents behind the alias (or index pattern); -1 while it does not exist. */
  long count(String alias) {
    JsonNode answer = request("POST", "/" + alias + "/_refresh", null);
    if (answer == null) {
      return -1;
    }
    JsonNode count = request("GET", "/" + alias + "/_count", null);
    return count == null ? -1 : count.path("count").asLong();
  }

  /** Documents indexed before the instant, by their {@code indexedAt}. */
  long countIndexedBefore(String alias, java.time.Instant instant) {
    request("POST", "/" + alias + "/_refresh", null);
    JsonNode count = request("POST", "/" + alias + "/_count",
        "{\"query\":{\"range\":{\"indexedAt\":{\"lt\":\"" + instant + "\"}}}}");
    return count.path("count").asLong();
  }

  Optional<JsonNode> document(String alias, String id) {
    JsonNode hits = request("POST", "/" + alias + "/_search",
        "{\"query\":{\"ids\":{\"values\":[\"" + id + "\"]}}}");
    if (hits == null || hits.path("hits").path("hits").isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(hits.path("hits").path("hits").get(0));
  }

  /** Distinct event ids indexed, read with one terms aggregation. */
  List<String> eventIds(String alias, int size) {
    JsonNode answer = request("POST", "/" + alias + "/_search",
        "{\"size\":0,\"aggs\":{\"ids\":{\"terms\":{\"field\":\"eventId\",\"size\":" + size + "}}}}");
    List<String> ids = new ArrayList<>();
    answer.path("aggregations").path("ids").path("buckets")
        .forEach(bucket -> ids.add(bucket.path("key").asText()));
    return ids;
  }

  /** Bulk writes Elasticsearch refused with 429 since it started. */
  long rejectedWrites() {
    JsonNode stats = request("GET", "/_nodes/stats/thread_pool", null);
    long rejected = 0;
    for (JsonNode node : stats.path("nodes")) {
      rejected += node.path("thread_pool").path("write").path("rejected").asLong();
    }
    return rejected;
  }

  /** The names of the indices matching the pattern. */
  List<String> indices(String pattern) {
    JsonNode answer = request("GET", "/_cat/indices/" + pattern + "?format=json&h=index", null);
    List<String> names = new ArrayList<>();
    if (answer != null) {
      answer.forEach(index -> names.add(index.path("index").asText()));
    }
    return names;
  }

  JsonNode indexTemplate(String name) {
    return request("GET", "/_index_template/" + name, null);
  }

  /** The answer's JSON, or null for 404. */
  private JsonNode request(String method, String path, String body) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url + path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> response = http.send(builder.build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 404) {
        return null;
      }
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(method + " " + path + " answered "
            + response.statusCode() + ": " + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while calling Elasticsearch.", e);
    }
  }
}
