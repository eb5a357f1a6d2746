package io.github.selectcolor.collector.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.selectcolor.collector.CollectorProperties;
import io.github.selectcolor.collector.delivery.DeliveryFailedException;
import io.github.selectcolor.collector.delivery.DeliveryUnavailableException;
import io.github.selectcolor.collector.useragent.ParserBusyException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Turns every outcome of an API request into its status and JSON body, and counts refusals by
 * reason: invalid input is the client's to fix (4xx), an unavailable Kafka is worth retrying (503
 * with Retry-After), anything else is the collector's fault (500). Thread-safe.
 */
@Component
class ApiAnswers {

  private static final Logger log = LoggerFactory.getLogger(ApiAnswers.class);

  private final ObjectWriter acceptedWriter;
  private final ObjectWriter problemWriter;
  private final MeterRegistry meterRegistry;
  private final String retryAfterSeconds;

  ApiAnswers(MeterRegistry meterRegistry, CollectorProperties properties) {
    JsonMapper mapper = JsonMapper.builder().build();
    this.acceptedWriter = mapper.writerFor(AcceptedEvents.class);
    this.problemWriter = mapper.writerFor(Problem.class);
    this.meterRegistry = meterRegistry;
    this.retryAfterSeconds = String.valueOf(
        Math.max(1, (properties.retryAfter().toMillis() + 999) / 1000));
  }

  /** A status with its JSON body and, for 503, how long to wait. */
  record Answer(HttpStatus status, String contentType, byte[] body, String retryAfterSeconds) {
  }

  Answer accepted(List<UUID> ids) {
    return new Answer(HttpStatus.ACCEPTED, "application/json", write(acceptedWriter,
        new AcceptedEvents(ids)), null);
  }

  Answer refused(HttpStatus status, String path, String reason, String detail) {
    countRejected(reason);
    return problem(new Problem(status.getReasonPhrase(), status.value(), detail, path, null, reason),
        null);
  }

  /** The answer to a request that arrived once the collector began to stop. */
  Answer stopping(String path) {
    return problem(new Problem("Collector stopping", 503,
        "The collector is stopping and takes no more events; send them again.", path, null,
        "shutting-down"), retryAfterSeconds);
  }

  Answer failed(Throwable error, String path) {
    if (error instanceof InvalidEventException invalid) {
      countRejected(invalid.reason());
      return problem(new Problem("Invalid event", invalid.status().value(), invalid.getMessage(),
          path, invalid.field(), invalid.reason()), null);
    }
    if (error instanceof DeliveryUnavailableException unavailable) {
      return problem(new Problem("Kafka unavailable", 503, unavailable.getMessage(), path, null,
          unavailable.reason()), retryAfterSeconds);
    }
    if (error instanceof ParserBusyException busy) {
      return problem(new Problem("Collector busy", 503, busy.getMessage(), path, null,
          "user-agent-parser-busy"), retryAfterSeconds);
    }
    if (!(error instanceof DeliveryFailedException)) {
      log.error("Answering 500 to a request on {} after an unexpected failure.", path, error);
    }
    return problem(new Problem("Internal error", 500,
        error instanceof DeliveryFailedException ? error.getMessage()
            : "The collector failed unexpectedly; the events were not accepted.", path, null,
        "internal-error"), null);
  }

  private Answer problem(Problem problem, String retryAfter) {
    return new Answer(HttpStatus.valueOf(problem.status()), Problem.MEDIA_TYPE,
        write(problemWriter, problem), retryAfter);
  }

  private void countRejected(String reason) {
    Counter.builder("collector.events.rejected")
        .description("Requests refused as invalid, by reason.")
        .tag("reason", reason)
        .register(meterRegistry)
        .increment();
  }

  private static byte[] write(ObjectWriter writer, Object value) {
    try {
      return writer.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not write an API answer as JSON.", e);
    }
  }
}
