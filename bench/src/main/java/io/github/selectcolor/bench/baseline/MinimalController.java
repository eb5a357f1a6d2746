package io.github.selectcolor.bench.baseline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The book's design stripped to its least work, as a second reference: {@code POST /api/events}
 * sends the body unchanged as one record and answers 202 before Kafka has it. No parsing, no event
 * building and no logging of successes, so this is the cheapest HTTP-to-Kafka path Spring MVC
 * offers. A record Kafka later refuses is lost after the client was told it was accepted; it is
 * logged. Thread-safe.
 */
@RestController
class MinimalController {

  private static final Logger log = LoggerFactory.getLogger(MinimalController.class);

  private final KafkaTemplate<String, String> template;
  private final String topic;

  MinimalController(KafkaTemplate<String, String> template,
      @Value("${baseline.topic:select-color}") String topic) {
    this.template = template;
    this.topic = topic;
  }

  @PostMapping(path = "/api/events", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Void> postEvent(@RequestBody String body) {
    template.send(topic, body).whenComplete((result, error) -> {
      if (error != null) {
        log.warn("Kafka refused a record for topic {} after the client was answered.", topic, error);
      }
    });
    return ResponseEntity.accepted().build();
  }
}
