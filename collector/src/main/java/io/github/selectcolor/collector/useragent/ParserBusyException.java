package io.github.selectcolor.collector.useragent;

/** Too many new user agents wait to be parsed; the client should retry later. */
public class ParserBusyException extends RuntimeException {

  public ParserBusyException(String message, Throwable cause) {
    super(message, cause);
  }
}
