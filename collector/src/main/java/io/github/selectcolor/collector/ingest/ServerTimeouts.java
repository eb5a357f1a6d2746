package io.github.selectcolor.collector.ingest;

import io.github.selectcolor.collector.CollectorProperties;
import java.time.Duration;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.http.server.HttpServer;

/**
 * Bounds how long a client may take to send a request body on every route. Reactor Netty has no
 * such bound by default, and Spring Boot's {@code server.netty.idle-timeout} only covers the wait
 * for the next request: without this, a client that sends its headers and part of a body, then
 * stops, holds its connection and the request's memory forever. The API answers such a request
 * 408 itself at {@code collector.limits.body-timeout}; this bound, a second later, fails the
 * request of any route still reading its body and closes the connection.
 */
@Component
class ServerTimeouts implements NettyServerCustomizer {

  private static final Duration MARGIN = Duration.ofSeconds(1);

  private final Duration requestTimeout;

  ServerTimeouts(CollectorProperties properties) {
    this.requestTimeout = properties.limits().bodyTimeout().plus(MARGIN);
  }

  @Override
  public HttpServer apply(HttpServer server) {
    return server.requestTimeout(requestTimeout);
  }
}
