package io.github.selectcolor.collector.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.selectcolor.collector.CollectorApplication;
import io.github.selectcolor.testkit.kafka.KafkaClusterExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

@ExtendWith(OutputCaptureExtension.class)
class KafkaDownAtStartIT {

  private static final Duration OUTAGE = Duration.ofSeconds(60);
  private static final int MOST_LOG_BYTES_IN_THE_OUTAGE = 50 * 1024;

  @RegisterExtension
  static final KafkaClusterExtension kafka = KafkaClusterExtension.withBrokers(1);

  @Test
  void servesAndAnswers503QuietlyWhileKafkaIsDownThenProvisionsTheTopicAndAccepts(
      CapturedOutput output) {
    kafka.cluster().stopAllBrokers();
    try (ConfigurableApplicationContext collector = start()) {
      WebTestClient client = WebTestClient.bindToServer().responseTimeout(Duration.ofSeconds(10))
          .baseUrl("http://localhost:" + collector.getEnvironment().getProperty("local.server.port"))
          .build();

      client.get().uri("/").exchange().expectStatus().isOk();
      client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
      client.get().uri("/actuator/health/readiness").exchange()
          .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
          .expectBody().jsonPath("$.components.kafka.details.reason").exists();
      post(client).expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
          .expectHeader().exists("Retry-After")
          .expectBody().jsonPath("$.reason").isEqualTo("topic-not-ready");

      int logBefore = output.length();
      await("Kafka down for " + OUTAGE.toSeconds() + " s").during(OUTAGE)
          .atMost(OUTAGE.plusSeconds(30)).pollInterval(Duration.ofSeconds(5))
          .until(() -> status(post(client)) == HttpStatus.SERVICE_UNAVAILABLE);
      assertThat(output.length() - logBefore).as("log bytes while Kafka was down")
          .isLessThan(MOST_LOG_BYTES_IN_THE_OUTAGE);
      assertThat(output.toString()).contains("are answered 503 after");

      kafka.cluster().startAllBrokers();
      await("the collector accepts events").atMost(Duration.ofSeconds(60))
          .until(() -> status(post(client)) == HttpStatus.ACCEPTED);
      client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
      assertThat(output.toString()).contains("Topic 'select-color' is ready after");
    }
  }

  private static WebTestClient.ResponseSpec post(WebTestClient client) {
    return client.post().uri("/api/events").contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"userName\":\"kim\",\"colorName\":\"red\"}")
        .exchange();
  }

  private static HttpStatus status(WebTestClient.ResponseSpec answer) {
    EntityExchangeResult<byte[]> result = answer.expectBody().returnResult();
    return HttpStatus.valueOf(result.getStatus().value());
  }

  private static ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(CollectorApplication.class).run("--server.port=0",
        "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
        "--collector.delivery-policy=fast", "--collector.topic.replication-factor=1");
  }
}
