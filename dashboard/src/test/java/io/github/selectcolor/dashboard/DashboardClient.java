package io.github.selectcolor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Asks a running dashboard over HTTP, as the page and monitoring do. */
final class DashboardClient {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final String baseUrl;

  DashboardClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** {@code GET /api/dashboard}, checked to be a JSON 200. */
  JsonNode snapshot() {
    HttpResponse<String> response = get("/api/dashboard", HttpResponse.BodyHandlers.ofString(
        StandardCharsets.UTF_8));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    try {
      return json.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("The snapshot is not JSON: " + response.body(), e);
    }
  }

  int status(String path) {
    return get(path, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private <T> HttpResponse<T> get(String path, HttpResponse.BodyHandler<T> body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(TIMEOUT).header("Accept", "application/json").GET().build();
    try {
      return http.send(request, body);
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + path + " failed.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted during GET " + path + ".", e);
    }
  }
}
