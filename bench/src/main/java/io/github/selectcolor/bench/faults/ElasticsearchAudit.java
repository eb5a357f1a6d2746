package io.github.selectcolor.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * Reads every document of the connector's daily indices ({@code select-color-*}) with a scroll,
 * counting documents per eventId. A document's {@code indexedAt} (the connector's clock when it
 * wrote it, kept by the create that refuses later copies) stands for when the event landed; it is
 * searchable one refresh (500 ms) later.
 */
public final class ElasticsearchAudit {

  private static final int PAGE = 5000;

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .build();
  private final URI base;
  private final String indices;

  /** The fault run's indices, {@code select-color-*}. */
  ElasticsearchAudit(String url) {
    this(url, Pipeline.TOPIC + "-*");
  }

  /** @param indices an index pattern, such as {@code lab-durable-20*} */
  public ElasticsearchAudit(String url, String indices) {
    this.base = URI.create(url.endsWith("/") ? url : url + "/");
    this.indices = indices;
  }

  public StoreContents read() throws IOException {
    StoreContents contents = new StoreContents();
    post(indices + "/_refresh?allow_no_indices=true&ignore_unavailable=true", "");
    JsonNode page = post(indices + "/_search?scroll=1m&allow_no_indices=true"
        + "&ignore_unavailable=true", "{\"size\":" + PAGE + ",\"sort\":[\"_doc\"],"
        + "\"_source\":[\"eventId\",\"indexedAt\"],\"query\":{\"match_all\":{}}}");
    while (page.path("hits").path("hits").size() > 0) {
      for (JsonNode hit : page.path("hits").path("hits")) {
        JsonNode source = hit.path("_source");
        contents.add(source.path("eventId").asText(hit.path("_id").asText()),
            OffsetDateTime.parse(source.path("indexedAt").asText()).toInstant().toEpochMilli());
      }
      page = post("_search/scroll", "{\"scroll\":\"1m\",\"scroll_id\":"
          + json.writeValueAsString(page.path("_scroll_id").asText()) + "}");
    }
    return contents;
  }

  /** Documents in the indices, as Elasticsearch counts them. */
  public long documentCount() throws IOException {
    return post(indices + "/_count?allow_no_indices=true&ignore_unavailable=true", "")
        .path("count").asLong();
  }

  private JsonNode post(String path, String body) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json");
    request = body.isEmpty() ? request.POST(HttpRequest.BodyPublishers.noBody())
        : request.POST(HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> response = http.send(request.build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException("POST " + path + " answered " + response.statusCode() + ": "
            + response.body());
      }
      return json.readTree(response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while reading Elasticsearch.", e);
    }
  }
}
