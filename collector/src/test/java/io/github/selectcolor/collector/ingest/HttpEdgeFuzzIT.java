package io.github.selectcolor.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.selectcolor.collector.KafkaBackedCollector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The HTTP edge under hostile input, against the real collector on a real Kafka: every refusal is
 * a 4xx problem body, nothing refused reaches Kafka, and a body that never ends is answered and
 * closed. bench/run-fuzz.sh is the long version of the last test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "collector.limits.body-timeout=1s")
class HttpEdgeFuzzIT extends KafkaBackedCollector {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final String POST_HEAD = "POST /api/events HTTP/1.1\r\nHost: localhost\r\n"
      + "Content-Type: application/json\r\n";

  @LocalServerPort
  private int port;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .build();

  @Test
  void answersABodyThatNeverEnds408AndClosesTheConnection() throws IOException {
    String answer = raw(POST_HEAD + "Content-Length: 100\r\n\r\n{\"userName\":", DEADLINE);

    assertThat(answer).startsWith("HTTP/1.1 408 ").contains("application/problem+json")
        .contains("\"reason\":\"body-timeout\"");
  }

  @Test
  void answersOtherMethodsOnTheApiPaths405WithAProblem() throws Exception {
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri("/api/events"))
        .method("PUT", HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(405);
    assertThat(answer.headers().firstValue("Allow")).hasValue("POST, OPTIONS");
    assertProblem(answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(null),
        answer.body());
  }

  @Test
  void refusesABrokenPercentEscapeInTheBooksQuery() throws IOException {
    String answer = raw("GET /api/select?user=%zz&color=red HTTP/1.1\r\nHost: l\r\n"
        + "Connection: close\r\n\r\n", DEADLINE);

    assertThat(answer).startsWith("HTTP/1.1 400 ").contains("\"reason\":\"malformed-query\"");
  }

  @Test
  void refusesInvalidUtf8InTheBooksQuery() throws Exception {
    long before = topic.recordCount();
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
        uri("/api/select?user=k%C0%AFm&color=red")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("\"reason\":\"invalid-utf8\"");
    assertThat(topic.recordCount()).isEqualTo(before);
  }

  @Test
  void refusesAnOverlongUtf8FormInAPostedName() throws Exception {
    byte[] body = ("{\"userName\":\"k\u00c0\u00afm\",\"colorName\":\"red\"}")
        .getBytes(StandardCharsets.ISO_8859_1);
    HttpResponse<String> answer = post(body, "application/json").join();

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("\"reason\":\"invalid-utf8\"");
  }

  private CompletableFuture<HttpResponse<String>> post(byte[] body, String contentType) {
    return http.sendAsync(HttpRequest.newBuilder(uri("/api/events")).timeout(DEADLINE)
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  /** Writes the bytes on a socket of their own and reads until the collector closes it. */
  private String raw(String request, Duration deadline) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout((int) deadline.toMillis());
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      in.transferTo(answer);
      return answer.toString(StandardCharsets.UTF_8);
    }
  }

  private String rawUnchecked(String request, Duration deadline) {
    try {
      return raw(request, deadline);
    } catch (IOException e) {
      return "no answer: " + e;
    }
  }

  private static void assertProblem(int status, String contentType, String body)
      throws IOException {
    assertThat(contentType).startsWith("application/problem+json");
    JsonNode problem = JSON.readTree(body);
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("title").asText()).isNotBlank();
  }

  private static String eventId(ConsumerRecord<String, byte[]> record) {
    try {
      return JSON.readTree(record.value()).path("eventId").asText();
    } catch (IOException e) {
      throw new IllegalStateException("A record is not JSON.", e);
    }
  }
}
