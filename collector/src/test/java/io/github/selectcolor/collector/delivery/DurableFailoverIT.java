package io.github.selectcolor.collector.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.selectcolor.collector.KafkaBackedCollector;
import io.github.selectcolor.collector.TopicProbe;
import io.github.selectcolor.event.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "collector.delivery-policy=durable")
class DurableFailoverIT extends KafkaBackedCollector {

  private static final int EVENTS = 600;
  private static final int STOP_BROKER_AFTER = 200;

  @Test
  void losesNoAcknowledgedEventWhenABrokerStopsDuringAStreamOfRequests() {
    Set<UUID> acknowledged = new HashSet<>();
    int acknowledgedAfterStop = 0;
    for (int i = 0; i < EVENTS; i++) {
      if (i == STOP_BROKER_AFTER) {
        kafka.cluster().stopBroker(1);
      }
      UUID eventId = UUID.randomUUID();
      HttpStatus status = post(eventId);
      if (status == HttpStatus.ACCEPTED) {
        acknowledged.add(eventId);
        acknowledgedAfterStop += i >= STOP_BROKER_AFTER ? 1 : 0;
      } else {
        assertThat(status).as("a refusal may only say: retry later")
            .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
      }
    }

    assertThat(acknowledgedAfterStop).as("events acknowledged by the two remaining brokers")
        .isPositive();
    assertThat(landedEventIds(acknowledged.size())).containsAll(acknowledged);
  }

  private HttpStatus post(UUID id) {
    return HttpStatus.valueOf(client.mutate().responseTimeout(Duration.ofSeconds(30)).build()
        .post().uri("/api/events")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"eventId\":\"" + id + "\",\"userName\":\"kim\",\"colorName\":\"blue\"}")
        .exchange()
        .expectBody().returnResult()
        .getStatus().value());
  }

  private Set<UUID> landedEventIds(int atLeast) {
    EventJson json = new EventJson();
    Set<UUID> landed = new HashSet<>();
    try (TopicProbe topic = new TopicProbe(kafka.bootstrapServers(), TOPIC)) {
      topic.readAll(atLeast, Duration.ofSeconds(60)).forEach(record -> {
        try {
          landed.add(json.read(record.value()).eventId());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    return landed;
  }
}
