package io.github.selectcolor.collector.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.selectcolor.collector.CollectorApplication;
import io.github.selectcolor.collector.KafkaBackedCollector;
import io.github.selectcolor.testkit.kafka.KafkaClusterExtension;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Known flake (about one run in four, rerun by failsafe): Spring Boot's graceful-shutdown phase
 * sometimes reports completion while one of the five requests is still waiting for Kafka; that
 * request's connection is closed and its answer cancelled, so the client sees the connection close
 * before any response. The cancelled request is then no longer counted by InFlightRequests either.
 */
class GracefulShutdownIT {

  private static final int REQUESTS = 5;

  @RegisterExtension
  static final KafkaClusterExtension kafka = KafkaClusterExtension.withBrokers(3);

  @Test
  void answersEveryRequestInFlightBeforeItStops() throws InterruptedException {
    ConfigurableApplicationContext collector = new SpringApplicationBuilder(
        CollectorApplication.class).run("--server.port=0",
        "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
        "--collector.ack-timeout=5s");
    try {
      KafkaBackedCollector.awaitTopicReady(collector);
      WebClient client = WebClient.create("http://localhost:"
          + collector.getEnvironment().getProperty("local.server.port"));
      MeterRegistry meters = collector.getBean(MeterRegistry.class);
      // With one in-sync replica of the two the durable policy needs, every send waits and retries.
      kafka.cluster().stopBroker(1);
      kafka.cluster().stopBroker(2);

      List<CompletableFuture<Integer>> answers = IntStream.range(0, REQUESTS)
          .mapToObj(i -> client.post().uri("/api/events").contentType(MediaType.APPLICATION_JSON)
              .bodyValue("{\"userName\":\"kim\",\"colorName\":\"red\"}")
              .exchangeToMono(response -> response.releaseBody()
                  .thenReturn(response.statusCode().value()))
              .toFuture())
          .toList();
      await("every request waiting for Kafka").atMost(Duration.ofSeconds(10))
          .until(() -> meters.get("collector.requests.awaiting.kafka").gauge().value() == REQUESTS);
      collector.close();

      assertThat(answers).allSatisfy(answer -> assertThat(answer)
          .succeedsWithin(Duration.ofSeconds(30))
          .satisfies(status -> assertThat(status).isIn(202, 503)));
    } finally {
      if (collector.isActive()) {
        collector.close();
      }
    }
  }
}
