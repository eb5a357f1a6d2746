package io.github.selectcolor.collector.ingest;

import org.springframework.http.HttpStatus;

/** A request the collector refuses as it is: retrying the same request would fail again. */
public class InvalidEventException extends RuntimeException {

  private final HttpStatus status;
  private final String field;
  private final String reason;

  InvalidEventException(HttpStatus status, String field, String reason, String message) {
    super(message);
    this.status = status;
    this.field = field;
    this.reason = reason;
  }

  static InvalidEventException badRequest(String field, String reason, String message) {
    return new InvalidEventException(HttpStatus.BAD_REQUEST, field, reason, message);
  }

  static InvalidEventException tooLarge(String field, String reason, String message) {
    return new InvalidEventException(HttpStatus.PAYLOAD_TOO_LARGE, field, reason, message);
  }

  static InvalidEventException timedOut(String field, String reason, String message) {
    return new InvalidEventException(HttpStatus.REQUEST_TIMEOUT, field, reason, message);
  }

  public HttpStatus status() {
    return status;
  }

  /** Where in the request the problem is, such as {@code colorName} or {@code [3].userName}. */
  public String field() {
    return field;
  }

  /** A short, stable code for clients and metrics, such as {@code unknown-color}. */
  public String reason() {
    return reason;
  }
}
