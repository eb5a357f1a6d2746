package io.github.selectcolor.collector.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.github.selectcolor.collector.CollectorApplication;
import io.github.selectcolor.collector.KafkaBackedCollector;
import io.github.selectcolor.testkit.kafka.KafkaClusterExtension;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.Lifecycle;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Stops a collector while requests wait for Kafka: each of them is answered, a request arriving
 * meanwhile is answered 503, and once stopped the collector refuses connections. Runs once; {@code
 * -Dgraceful-shutdown.repetitions=50} repeats the shutdown in one JVM, on one Kafka cluster.
 *
 * <p>The client is Reactor Netty's, on the JVM-wide event loops and connection pool, as another
 * part of the local pipeline would be: the collector's stop must leave them, and a neighbouring
 * server on them, alone.
 */
class GracefulShutdownIT {

  private static final int REQUESTS = 5;
  private static final int REPETITIONS = Integer.getInteger("graceful-shutdown.repetitions", 1);
  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);
  private static final String EVENT = "{\"userName\":\"kim\",\"colorName\":\"red\"}";

  @RegisterExtension
  static final KafkaClusterExtension kafka = KafkaClusterExtension.withBrokers(3);

  /** Another server in the JVM on Reactor Netty's JVM-wide loops, as the launcher's other parts are. */
  private static DisposableServer neighbour;

  @BeforeAll
  static void startNeighbour() {
    neighbour = HttpServer.create().host("localhost").port(0)
        .handle((request, response) -> response.sendString(Mono.just("still here"))).bindNow();
  }

  @AfterAll
  static void stopNeighbour() {
    neighbour.disposeNow();
  }

  @TestFactory
  Stream<DynamicTest> answersEveryRequestBeforeItStops() {
    return IntStream.rangeClosed(1, REPETITIONS).mapToObj(run -> dynamicTest("shutdown " + run,
        this::stopWhileRequestsWaitForKafka));
  }

  private void stopWhileRequestsWaitForKafka() throws InterruptedException {
    ConfigurableApplicationContext collector = new SpringApplicationBuilder(
        CollectorApplication.class).run("--server.port=0",
        "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
        "--collector.ack-timeout=" + ACK_TIMEOUT.toSeconds() + "s");
    boolean brokersStopped = false;
    try {
      KafkaBackedCollector.awaitTopicReady(collector);
      WebClient client = WebClient.create("http://localhost:"
          + collector.getEnvironment().getProperty("local.server.port"));
      MeterRegistry meters = collector.getBean(MeterRegistry.class);
      Lifecycle apiDrain = collector.getBean("inFlightRequests", Lifecycle.class);
      // With one in-sync replica of the two the durable policy needs, every send waits and retries.
      kafka.cluster().stopBroker(1);
      kafka.cluster().stopBroker(2);
      brokersStopped = true;

      List<CompletableFuture<ResponseEntity<String>>> inFlight = IntStream.range(0, REQUESTS)
          .mapToObj(i -> post(client)).toList();
      await("every request waiting for Kafka").atMost(Duration.ofSeconds(10))
          .until(() -> meters.get("collector.requests.awaiting.kafka").gauge().value() == REQUESTS);
      CompletableFuture<Void> stopped = CompletableFuture.runAsync(collector::close,
          task -> new Thread(task, "collector-stop").start());
      await("the API draining").atMost(Duration.ofSeconds(10)).until(() -> !apiDrain.isRunning());
      assertThat(inFlight).as("requests still waiting for Kafka").noneMatch(CompletableFuture::isDone);
      CompletableFuture<ResponseEntity<String>> late = post(client);

      assertThat(inFlight).allSatisfy(answer -> assertThat(answer)
          .succeedsWithin(ACK_TIMEOUT.multipliedBy(3))
          .satisfies(response -> assertThat(response.getStatusCode().value()).isIn(202, 503)));
      assertThat(late).succeedsWithin(ACK_TIMEOUT).satisfies(response -> {
        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(response.getHeaders().getContentType())
            .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).contains("\"reason\":\"shutting-down\"");
      });
      assertThat(stopped).succeedsWithin(Duration.ofSeconds(30));
      assertThat(WebClient.create("http://localhost:" + neighbour.port()).get().retrieve()
          .bodyToMono(String.class).block(Duration.ofSeconds(10)))
          .as("a neighbour in the JVM once the collector stopped").isEqualTo("still here");
      assertThat(post(client)).as("a request once the collector stopped")
          .failsWithin(Duration.ofSeconds(10)).withThrowableOfType(Exception.class)
          .havingRootCause().isInstanceOf(ConnectException.class);
    } finally {
      collector.close();
      if (brokersStopped) {
        kafka.cluster().startBroker(1);
        kafka.cluster().startBroker(2);
      }
    }
  }

  private static CompletableFuture<ResponseEntity<String>> post(WebClient client) {
    return client.post().uri("/api/events").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(EVENT).exchangeToMono(response -> response.toEntity(String.class))
        .toFuture();
  }
}
