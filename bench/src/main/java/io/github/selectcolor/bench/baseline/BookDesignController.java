package io.github.selectcolor.bench.baseline;

import com.google.gson.Gson;
import java.text.SimpleDateFormat;
import java.util.Date;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The book's producer controller as the book publishes it: {@code GET /api/select} builds the event
 * with a new {@link SimpleDateFormat} and {@link Gson} per request, sends it without waiting and
 * logs every send result at INFO from the producer's callback. Only the callback API differs: Spring
 * Kafka 3 returns a {@code CompletableFuture} where the book's version returned a
 * {@code ListenableFuture}. Thread-safe.
 */
@RestController
class BookDesignController {

  private static final Logger log = LoggerFactory.getLogger(BookDesignController.class);

  private final KafkaTemplate<String, String> template;
  private final String topic;

  BookDesignController(KafkaTemplate<String, String> template,
      @Value("${baseline.topic:select-color}") String topic) {
    this.template = template;
    this.topic = topic;
  }

  @GetMapping("/api/select")
  void selectColor(@RequestHeader("user-agent") String userAgentName,
      @RequestParam("color") String colorName, @RequestParam("user") String userName) {
    SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZZ");
    Gson gson = new Gson();
    UserEventVO event = new UserEventVO(format.format(new Date()), userAgentName, colorName,
        userName);
    template.send(topic, gson.toJson(event)).whenComplete((result, error) -> {
      if (error == null) {
        log.info(result.toString());
      } else {
        log.error(error.getMessage(), error);
      }
    });
  }

  /** The book's event, serialized by Gson from its fields. */
  record UserEventVO(String timestamp, String userAgent, String colorName, String userName) {
  }
}
