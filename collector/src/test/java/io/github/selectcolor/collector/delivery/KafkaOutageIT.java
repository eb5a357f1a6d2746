package io.github.selectcolor.collector.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.selectcolor.collector.KafkaBackedCollector;
import io.github.selectcolor.collector.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"collector.ack-timeout=1s", "collector.retry-after=2s"})
class KafkaOutageIT extends KafkaBackedCollector {

  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(1);
  /** Room for the HTTP round trip and a loaded CI machine on top of the bound. */
  private static final Duration SLACK = Duration.ofMillis(750);

  @Test
  void answers503WithinTheBoundAndReportsNotReadyWhileEveryBrokerIsDownThenRecoversByItself() {
    postEvent(UUID.randomUUID()).expectStatus().isAccepted();
    kafka.cluster().stopAllBrokers();
    try {
      for (int attempt = 0; attempt < 3; attempt++) {
        long started = System.nanoTime();
        EntityExchangeResult<byte[]> refused = postEvent(UUID.randomUUID())
            .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
            .expectHeader().valueEquals("Retry-After", "2")
            .expectBody().jsonPath("$.status").isEqualTo(503)
            .returnResult();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).as("time to answer %s", refused.getStatus())
            .isLessThan(ACK_TIMEOUT.plus(SLACK));
      }
      await("readiness reports Kafka down").atMost(Duration.ofSeconds(30))
          .until(() -> readinessStatus() == HttpStatus.SERVICE_UNAVAILABLE);
    } finally {
      kafka.cluster().startAllBrokers();
    }

    UUID afterRecovery = UUID.randomUUID();
    await("the collector accepts events again").atMost(Duration.ofSeconds(60))
        .until(() -> postEvent(afterRecovery).expectBody().returnResult().getStatus()
            == HttpStatus.ACCEPTED);
    await("readiness reports Kafka up").atMost(Duration.ofSeconds(30))
        .until(() -> readinessStatus() == HttpStatus.OK);
    try (TopicProbe topic = new TopicProbe(kafka.bootstrapServers(), TOPIC)) {
      List<ConsumerRecord<String, byte[]>> records = topic.readAll(2, Duration.ofSeconds(30));
      assertThat(records).anySatisfy(record -> assertThat(
          new String(record.value(), StandardCharsets.UTF_8)).contains(afterRecovery.toString()));
    }
  }

  private HttpStatus readinessStatus() {
    return HttpStatus.valueOf(client.get().uri("/actuator/health/readiness").exchange()
        .expectBody().returnResult().getStatus().value());
  }

  private WebTestClient.ResponseSpec postEvent(UUID eventId) {
    return client.mutate().responseTimeout(Duration.ofSeconds(30)).build()
        .post().uri("/api/events")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"eventId\":\"" + eventId + "\",\"userName\":\"kim\",\"colorName\":\"red\"}")
        .exchange();
  }
}
