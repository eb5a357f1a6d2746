package io.github.selectcolor.collector.delivery;

/** Kafka refused the events for a reason that retrying will not change. */
public class DeliveryFailedException extends RuntimeException {

  public DeliveryFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
