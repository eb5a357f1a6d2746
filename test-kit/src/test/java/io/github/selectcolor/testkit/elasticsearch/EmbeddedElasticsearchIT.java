package io.github.selectcolor.testkit.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddedElasticsearchIT {

  @RegisterExtension
  static final ElasticsearchExtension elasticsearch = ElasticsearchExtension.singleNode()
      .setting("thread_pool.write.size", "1");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void keepsIndexedDocumentsAcrossAStopAndStartOnTheSamePort() throws Exception {
    String url = elasticsearch.url();
    HttpResponse<String> bulk = send(HttpRequest.newBuilder(URI.create(url + "/_bulk?refresh=true"))
        .header("Content-Type", "application/x-ndjson")
        .POST(BodyPublishers.ofString("""
            {"index":{"_index":"restart-events","_id":"1"}}
            {"color":"red","label":"빨강"}
            {"index":{"_index":"restart-events","_id":"2"}}
            {"color":"blue","label":"파랑"}
            """)));
    assertThat(bulk.statusCode()).isEqualTo(200);
    assertThat(bulk.body()).contains("\"errors\":false");
    assertThat(get(url + "/restart-events/_count").body()).contains("\"count\":2");

    elasticsearch.stop();
    assertThatThrownBy(() -> get(url + "/restart-events/_count")).isInstanceOf(ConnectException.class);
    elasticsearch.start();

    assertThat(elasticsearch.url()).isEqualTo(url);
    assertThat(get(url + "/restart-events/_count").body()).contains("\"count\":2");
    assertThat(get(url + "/restart-events/_doc/1").body()).contains("\"label\":\"빨강\"");
  }

  @Test
  void appliesExtraSettings() throws Exception {
    HttpResponse<String> writePool = get(elasticsearch.url() + "/_cat/thread_pool/write?h=size");

    assertThat(writePool.body().strip()).isEqualTo("1");
  }

  private HttpResponse<String> get(String url) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.timeout(Duration.ofSeconds(30)).build(), BodyHandlers.ofString());
  }
}
