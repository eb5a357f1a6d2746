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

  @Test
  void refusesThousandsOfHostileRequestsAndLandsOnlyTheControls() throws Exception {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    Set<UUID> controls = new HashSet<>();
    List<String> wrong = new ArrayList<>();
    long before = topic.recordCount();
    ExecutorService slow = Executors.newFixedThreadPool(8);
    List<CompletableFuture<String>> slowAnswers = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      slowAnswers.add(CompletableFuture.supplyAsync(() -> rawUnchecked(POST_HEAD
          + "Content-Length: 50\r\n\r\n{\"user", DEADLINE), slow));
    }
    Semaphore inFlight = new Semaphore(16);
    for (int i = 0; i < 3000; i++) {
      inFlight.acquire();
      Case next = hostile(random);
      next.send().whenComplete((answer, error) -> {
        synchronized (wrong) {
          String verdict = error != null ? "no answer: " + error : next.judge(answer, controls);
          if (verdict != null) {
            wrong.add(verdict);
          }
        }
        inFlight.release();
      });
    }
    inFlight.acquire(16);
    slowAnswers.forEach(answer -> assertThat(answer.join()).startsWith("HTTP/1.1 408 "));
    slow.shutdown();
    assertThat(slow.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    assertThat(wrong).as("wrong answers with seed " + seed).isEmpty();
    Set<String> landed = topic.readAll((int) before + controls.size(), Duration.ofSeconds(30))
        .stream().skip(before).map(HttpEdgeFuzzIT::eventId).collect(Collectors.toSet());
    assertThat(topic.recordCount()).isEqualTo(before + controls.size());
    assertThat(landed).isEqualTo(controls.stream().map(UUID::toString).collect(Collectors.toSet()));
  }

  /** One generated request and the statuses it may be answered with. */
  private record Case(CompletableFuture<HttpResponse<String>> pending, Set<Integer> allowed,
      UUID control) {

    CompletableFuture<HttpResponse<String>> send() {
      return pending;
    }

    String judge(HttpResponse<String> answer, Set<UUID> controls) {
      if (!allowed.contains(answer.statusCode())) {
        return answer.statusCode() + " not in " + allowed + ": " + answer.body();
      }
      if (control != null) {
        controls.add(control);
        return answer.body().contains(control.toString()) ? null : "202 without its id";
      }
      String contentType = answer.headers().firstValue("Content-Type").orElse("");
      return contentType.startsWith("application/problem+json") ? null
          : answer.statusCode() + " with " + contentType;
    }
  }

  private Case hostile(Random random) {
    String event = "{\"userName\":\"kim\",\"colorName\":\"red\"}";
    return switch (random.nextInt(8)) {
      case 0 -> {
        UUID id = new UUID(random.nextLong(), random.nextLong());
        yield new Case(post(("{\"eventId\":\"" + id + "\",\"userName\":\"kim\","
            + "\"colorName\":\"red\"}").getBytes(StandardCharsets.UTF_8), "application/json"),
            Set.of(202), id);
      }
      case 1 -> {
        byte[] bytes = new byte[1 + random.nextInt(512)];
        random.nextBytes(bytes);
        yield new Case(post(bytes, "application/json"), Set.of(400), null);
      }
      case 2 -> new Case(post(event.substring(0, random.nextInt(event.length()))
          .getBytes(StandardCharsets.UTF_8), "application/json"), Set.of(400), null);
      case 3 -> new Case(post(("[".repeat(1001 + random.nextInt(5000)))
          .getBytes(StandardCharsets.UTF_8), "application/json"), Set.of(400), null);
      case 4 -> new Case(post(event.getBytes(StandardCharsets.UTF_8), "text/plain"), Set.of(415),
          null);
      case 5 -> new Case(post(("[" + (event + ",").repeat(500) + event + "]")
          .getBytes(StandardCharsets.UTF_8), "application/json"), Set.of(413), null);
      case 6 -> new Case(post(("{\"userName\":\"" + "x".repeat(600 * 1024) + "\"}")
          .getBytes(StandardCharsets.UTF_8), "application/json"), Set.of(413), null);
      default -> new Case(http.sendAsync(HttpRequest.newBuilder(uri("/api/select?user="
          + "x".repeat(65 + random.nextInt(500)) + "&color=red")).timeout(DEADLINE).build(),
          HttpResponse.BodyHandlers.ofString()), Set.of(400), null);
    };
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
