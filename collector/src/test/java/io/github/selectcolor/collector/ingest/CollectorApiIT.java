package io.github.selectcolor.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.selectcolor.collector.KafkaBackedCollector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "collector.allowed-origins=" + CollectorApiIT.SHOP)
@AutoConfigureObservability
class CollectorApiIT extends KafkaBackedCollector {

  @LocalServerPort
  private int port;

  static final String SHOP = "https://shop.example";
  private static final String CHROME_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 "
      + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
  private static final Instant NOW = Instant.parse("2026-11-22T01:00:10.000Z");

  @TestConfiguration
  static class FixedClock {
    @Bean
    @Primary
    Clock fixedClock() {
      return Clock.fixed(NOW, ZoneOffset.UTC);
    }
  }

  @Test
  void landsASingleEventWithTheExactJsonIncludingAKoreanName() {
    long before = topic.recordCount();
    String body = "{\"eventId\":\"2f6c1d2e-8d3a-4b7e-9c0f-1a2b3c4d5e6f\",\"userName\":\" 김민준 \","
        + "\"colorName\":\"blue\",\"timestamp\":\"2026-11-22T10:00:00.000+09:00\","
        + "\"sentAt\":\"2026-11-22T10:00:01.500+09:00\"}";

    post(body).expectStatus().isAccepted()
        .expectBody().json("{\"accepted\":[\"2f6c1d2e-8d3a-4b7e-9c0f-1a2b3c4d5e6f\"]}");

    List<ConsumerRecord<String, byte[]>> records = topic.readAll((int) before + 1, Duration.ofSeconds(30));
    ConsumerRecord<String, byte[]> landed = records.stream()
        .filter(record -> new String(record.value(), StandardCharsets.UTF_8)
            .contains("2f6c1d2e-8d3a-4b7e-9c0f-1a2b3c4d5e6f"))
        .findFirst().orElseThrow();
    assertThat(landed.key()).isEqualTo("2f6c1d2e-8d3a-4b7e-9c0f-1a2b3c4d5e6f");
    assertThat(new String(landed.value(), StandardCharsets.UTF_8)).isEqualTo("{\"schemaVersion\":1,"
        + "\"eventId\":\"2f6c1d2e-8d3a-4b7e-9c0f-1a2b3c4d5e6f\",\"eventType\":\"select-color\","
        + "\"timestamp\":\"2026-11-22T10:00:00.000+09:00\","
        + "\"sentAt\":\"2026-11-22T10:00:01.500+09:00\","
        + "\"receivedAt\":\"2026-11-22T01:00:10.000Z\",\"derivedTimestamp\":\"2026-11-22T01:00:08.500Z\","
        + "\"userName\":\"김민준\",\"colorName\":\"blue\",\"userAgent\":\"" + CHROME_UA + "\","
        + "\"agent\":{\"browser\":\"Chrome\",\"browserVersion\":\"131\",\"os\":\"Linux\","
        + "\"deviceClass\":\"Desktop\"}}");
    assertThat(landed.value()).containsSequence("김민준".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void landsEveryEventOfABatchAndAnswersWithTheirIds() {
    long before = topic.recordCount();
    String batch = IntStream.range(0, 50)
        .mapToObj(i -> "{\"userName\":\"user-" + i + "\",\"colorName\":\"red\"}")
        .collect(Collectors.joining(",", "[", "]"));

    post(batch).expectStatus().isAccepted()
        .expectBody().jsonPath("$.accepted.length()").isEqualTo(50);

    assertThat(topic.readAll((int) before + 50, Duration.ofSeconds(30))).hasSize((int) before + 50);
  }

  @Test
  void landsEveryCopyOfAnEventInOnePartitionKeyedByItsId() {
    long before = topic.recordCount();
    String eventId = "7d1e5c3a-0b2f-4e6d-8a9c-3f4e5d6c7b8a";
    for (int copy = 0; copy < 3; copy++) {
      post("{\"eventId\":\"" + eventId + "\",\"userName\":\"kim\",\"colorName\":\"red\"}")
          .expectStatus().isAccepted();
    }

    List<ConsumerRecord<String, byte[]>> copies = topic.readAll((int) before + 3,
            Duration.ofSeconds(30)).stream()
        .filter(record -> new String(record.value(), StandardCharsets.UTF_8).contains(eventId))
        .toList();
    assertThat(copies).hasSize(3).allSatisfy(copy -> assertThat(copy.key()).isEqualTo(eventId));
    assertThat(copies).extracting(ConsumerRecord::partition).containsOnly(copies.get(0).partition());
  }

  @Test
  void refusesMalformedJson() {
    assertRefused("{\"userName\":", HttpStatus.BAD_REQUEST, "body", "malformed-json");
  }

  @Test
  void refusesAWrongContentType() {
    long before = topic.recordCount();

    client.post().uri("/api/events").contentType(MediaType.TEXT_PLAIN)
        .bodyValue("{\"userName\":\"kim\",\"colorName\":\"red\"}")
        .exchange()
        .expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody().jsonPath("$.status").isEqualTo(415);

    assertThat(topic.recordCount()).isEqualTo(before);
  }

  @Test
  void refusesAnOversizeBody() {
    String name = "x".repeat(600 * 1024);
    assertRefused("{\"userName\":\"" + name + "\",\"colorName\":\"red\"}",
        HttpStatus.PAYLOAD_TOO_LARGE, "body", "batch-too-large");
  }

  @Test
  void answersAnOversizeBodyWithA413ThatAPlainHttpClientReceives() throws Exception {
    String body = "{\"userName\":\"" + "x".repeat(600 * 1024) + "\",\"colorName\":\"red\"}";
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
            + "/api/events"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();

    HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .build().send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(413);
    assertThat(answer.body()).contains("\"reason\":\"batch-too-large\"");
  }

  @Test
  void refusesTheBooksRouteWhenAnotherSitesPageForgesIt() {
    client.get().uri("/api/select?user=kim&color=red")
        .header("Sec-Fetch-Site", "cross-site")
        .header("Referer", "https://evil.example/page.html")
        .exchange()
        .expectStatus().isForbidden()
        .expectBody().jsonPath("$.reason").isEqualTo("origin-not-allowed");
    client.get().uri("/api/select?user=kim&color=red")
        .header("Sec-Fetch-Site", "cross-site")
        .header("Referer", SHOP + "/colors.html")
        .exchange()
        .expectStatus().isAccepted();
  }

  @Test
  void acceptsThePagesOwnPostBehindAProxyThatRewritesHost() {
    client.post().uri("/api/events")
        .contentType(MediaType.APPLICATION_JSON)
        .header("Origin", "https://colors.example")
        .header("Sec-Fetch-Site", "same-origin")
        .bodyValue("{\"userName\":\"kim\",\"colorName\":\"red\"}")
        .exchange()
        .expectStatus().isAccepted();
  }

  @Test
  void refusesAnOversizeEventInABatch() {
    String big = "{\"userName\":\"kim\",\"colorName\":\"red\",\"note\":\"" + "x".repeat(40 * 1024) + "\"}";
    assertRefused("[{\"userName\":\"lee\",\"colorName\":\"red\"}," + big + "]",
        HttpStatus.PAYLOAD_TOO_LARGE, "[1]", "event-too-large");
  }

  @Test
  void refusesABatchOfMoreThan500Events() {
    String batch = IntStream.range(0, 501)
        .mapToObj(i -> "{\"userName\":\"u\",\"colorName\":\"red\"}")
        .collect(Collectors.joining(",", "[", "]"));
    assertRefused(batch, HttpStatus.PAYLOAD_TOO_LARGE, "body", "too-many-events");
  }

  @Test
  void refusesAnUnknownColorAndLandsNoneOfItsBatch() {
    assertRefused("[{\"userName\":\"lee\",\"colorName\":\"red\"},"
            + "{\"userName\":\"kim\",\"colorName\":\"mauve\"}]",
        HttpStatus.BAD_REQUEST, "[1].colorName", "unknown-color");
  }

  @Test
  void refusesAMissingName() {
    assertRefused("{\"colorName\":\"red\"}", HttpStatus.BAD_REQUEST, "userName",
        "missing-field");
  }

  @Test
  void refusesABlankName() {
    assertRefused("{\"userName\":\"  \",\"colorName\":\"red\"}", HttpStatus.BAD_REQUEST,
        "userName", "blank-name");
  }

  @Test
  void refusesControlCharactersInAName() {
    assertRefused("{\"userName\":\"kim\\u0007\",\"colorName\":\"red\"}",
        HttpStatus.BAD_REQUEST, "userName", "control-character");
  }

  @Test
  void keepsTheBookRouteWorkingWithTheSameValidation() {
    long before = topic.recordCount();

    client.get().uri(uri -> uri.path("/api/select").queryParam("color", "green")
            .queryParam("user", "박서연").build())
        .header("User-Agent", CHROME_UA)
        .exchange()
        .expectStatus().isAccepted();
    client.get().uri("/api/select?color=mauve&user=kim").exchange()
        .expectStatus().isBadRequest()
        .expectBody().jsonPath("$.field").isEqualTo("color");

    assertThat(topic.recordCount()).isEqualTo(before + 1);
  }

  @Test
  void letsAListedOriginPostAndNamesItInTheAnswer() {
    client.post().uri("/api/events").contentType(MediaType.APPLICATION_JSON)
        .header("Origin", SHOP)
        .bodyValue("{\"userName\":\"kim\",\"colorName\":\"red\"}")
        .exchange()
        .expectStatus().isAccepted()
        .expectHeader().valueEquals("Access-Control-Allow-Origin", SHOP);
  }

  @Test
  void refusesPostsFromAnOriginNotListed() {
    long before = topic.recordCount();

    client.post().uri("/api/events").contentType(MediaType.APPLICATION_JSON)
        .header("Origin", "https://evil.example")
        .bodyValue("{\"userName\":\"kim\",\"colorName\":\"red\"}")
        .exchange()
        .expectStatus().isForbidden()
        .expectHeader().doesNotExist("Access-Control-Allow-Origin")
        .expectBody().jsonPath("$.reason").isEqualTo("origin-not-allowed");

    assertThat(topic.recordCount()).isEqualTo(before);
  }

  @Test
  void answersThePreflightOfAListedOriginOnly() {
    client.options().uri("/api/events")
        .header("Origin", SHOP)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type")
        .exchange()
        .expectStatus().isOk()
        .expectHeader().valueEquals("Access-Control-Allow-Origin", SHOP)
        .expectHeader().valueEquals("Access-Control-Allow-Methods", "GET, POST");
    client.options().uri("/api/events")
        .header("Origin", "https://evil.example")
        .header("Access-Control-Request-Method", "POST")
        .exchange()
        .expectStatus().isForbidden();
  }

  @Test
  void exposesItsCountsLatenciesAndProducerBufferToPrometheus() {
    post("{\"userName\":\"kim\",\"colorName\":\"red\"}").expectStatus().isAccepted();
    post("{\"userName\":\"kim\",\"colorName\":\"mauve\"}").expectStatus().isBadRequest();

    client.get().uri("/actuator/prometheus").exchange()
        .expectStatus().isOk()
        .expectBody(String.class).value(metrics -> assertThat(metrics)
            .containsPattern("collector_events_accepted_total\\{[^}]*} [1-9]")
            .containsPattern("collector_events_rejected_total\\{[^}]*reason=\"unknown-color\"[^}]*} [1-9]")
            .contains("collector_send_latency_seconds_bucket")
            .contains("collector_producer_in_flight_bytes")
            .contains("kafka_producer_buffer_available_bytes"));
  }

  @Test
  void reportsReadyWhileKafkaAnswers() {
    client.get().uri("/actuator/health/readiness").exchange()
        .expectStatus().isOk()
        .expectBody().jsonPath("$.status").isEqualTo("UP");
  }

  @Test
  void servesThePageWithAStrictContentSecurityPolicy() {
    client.get().uri("/").exchange()
        .expectStatus().isOk()
        .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
        .expectHeader().valueMatches("Content-Security-Policy", "default-src 'self'.*")
        .expectHeader().valueEquals("X-Content-Type-Options", "nosniff");
  }

  private WebTestClient.ResponseSpec post(String body) {
    return client.post().uri("/api/events")
        .contentType(MediaType.APPLICATION_JSON)
        .header("User-Agent", CHROME_UA)
        .bodyValue(body.getBytes(StandardCharsets.UTF_8))
        .exchange();
  }

  private void assertRefused(String body, HttpStatus status, String field, String reason) {
    long before = topic.recordCount();
    post(body).expectStatus().isEqualTo(status)
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status").isEqualTo(status.value())
        .jsonPath("$.field").isEqualTo(field)
        .jsonPath("$.reason").isEqualTo(reason);
    assertThat(topic.recordCount()).isEqualTo(before);
  }
}
