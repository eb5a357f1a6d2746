package io.github.selectcolor.collector;

import io.github.selectcolor.collector.delivery.DeliveryPolicy;
import io.github.selectcolor.collector.delivery.RecordKey;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The collector's own settings, under {@code collector.*}. Kafka client settings stay under Spring
 * Boot's {@code spring.kafka.*}. Checked once at start-up; every violation is reported by key.
 *
 * @param deliveryPolicy  how hard the producer works to keep acknowledged events: {@code fast} (the
 *                        book's acks=1) or {@code durable} (acks=all, idempotent, min ISR 2)
 * @param ackTimeout      the longest a request waits for Kafka's acknowledgement before 503
 * @param retryAfter      what 503 answers tell clients to wait before trying again
 * @param recordKey       {@code event-id} puts every copy of an event in one partition; {@code
 *                        none} spreads events with the sticky partitioner; {@code user-name} keeps
 *                        one user's events in one partition, in order
 * @param palette         the colors a user may pick
 * @param allowedOrigins  other origins whose pages may post events (CORS); the page's own origin
 *                        always may, and {@code *} is refused
 * @param topic           the topic events land in and how it is provisioned
 * @param limits          the size limits on names, events and batches
 */
@Validated
@ConfigurationProperties("collector")
public record CollectorProperties(
    @NotNull @DefaultValue("durable") DeliveryPolicy deliveryPolicy,
    @NotNull @DefaultValue("2s") Duration ackTimeout,
    @NotNull @DefaultValue("1s") Duration retryAfter,
    @NotNull @DefaultValue("event-id") RecordKey recordKey,
    @NotEmpty @DefaultValue({"red", "yellow", "green", "blue", "orange", "purple", "pink", "black",
        "white"}) List<@Pattern(regexp = "[a-z][a-z0-9-]{0,31}") String> palette,
    @NotNull @DefaultValue({}) List<@NotBlank String> allowedOrigins,
    @Valid @NotNull @DefaultValue Topic topic,
    @Valid @NotNull @DefaultValue Limits limits) {

  @AssertTrue(message = "must be between 1 ms and 60 s")
  public boolean isAckTimeoutInRange() {
    return ackTimeout == null
        || (ackTimeout.toMillis() >= 1 && ackTimeout.compareTo(Duration.ofSeconds(60)) <= 0);
  }

  @AssertTrue(message = "must name origins such as https://shop.example; '*' is not allowed")
  public boolean isAllowedOriginsExplicit() {
    return allowedOrigins == null || allowedOrigins.stream().noneMatch(origin -> origin.contains("*"));
  }

  /** The replication factor the topic is created with: the configured one, else the policy's. */
  public int replicationFactor() {
    return topic.replicationFactor() != null ? topic.replicationFactor()
        : deliveryPolicy.replicationFactor();
  }

  /** The topic's min.insync.replicas: the configured one, else the policy's. */
  public int minInsyncReplicas() {
    return topic.minInsyncReplicas() != null ? topic.minInsyncReplicas()
        : deliveryPolicy.minInsyncReplicas();
  }

  /**
   * @param name              the topic, {@code select-color} as in the book
   * @param partitions        partitions when the collector creates the topic
   * @param replicationFactor replicas per partition; empty takes the delivery policy's
   * @param minInsyncReplicas in-sync replicas an acks=all write needs; empty takes the policy's
   * @param provision         create the topic when missing and check it when present
   */
  public record Topic(
      @NotBlank @Pattern(regexp = "[a-zA-Z0-9._-]{1,249}") @DefaultValue("select-color") String name,
      @Min(1) @DefaultValue("3") int partitions,
      @Min(1) Integer replicationFactor,
      @Min(1) Integer minInsyncReplicas,
      @DefaultValue("true") boolean provision) {
  }

  /**
   * @param maxNameLength  characters a user name may have after trimming
   * @param maxEventSize   bytes one event may have in the request
   * @param maxBatchEvents events one request may carry
   * @param maxBatchSize   bytes one request body may have
   * @param bodyTimeout    the longest a request may take to send its whole body; a client that
   *                       never finishes one is answered 408 and disconnected after it
   */
  public record Limits(
      @Min(1) @Max(1024) @DefaultValue("64") int maxNameLength,
      @NotNull @DefaultValue("32KB") DataSize maxEventSize,
      @Min(1) @Max(10_000) @DefaultValue("500") int maxBatchEvents,
      @NotNull @DefaultValue("512KB") DataSize maxBatchSize,
      @NotNull @DefaultValue("10s") Duration bodyTimeout) {

    @AssertTrue(message = "must be between 100 ms and 10 min")
    public boolean isBodyTimeoutInRange() {
      return bodyTimeout == null || (bodyTimeout.toMillis() >= 100
          && bodyTimeout.compareTo(Duration.ofMinutes(10)) <= 0);
    }
  }
}
