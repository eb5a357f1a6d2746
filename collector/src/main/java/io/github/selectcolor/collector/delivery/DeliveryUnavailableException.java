package io.github.selectcolor.collector.delivery;

/**
 * Kafka did not acknowledge in time, or cannot take more events now; the client should retry later.
 */
public class DeliveryUnavailableException extends RuntimeException {

  private final String reason;

  public DeliveryUnavailableException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** A short, stable code for metrics, such as {@code timeout} or {@code buffer-full}. */
  public String reason() {
    return reason;
  }
}
