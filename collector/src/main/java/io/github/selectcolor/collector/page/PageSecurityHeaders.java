package io.github.selectcolor.collector.page;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Locks the page down to its own scripts and styles: it has no inline code and loads nothing from
 * elsewhere, so a strict policy costs nothing and blunts any injection. API answers are JSON for
 * scripts, not pages, and skip this.
 */
@Component
class PageSecurityHeaders implements WebFilter {

  private static final String API_PREFIX = "/api/";

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (!exchange.getRequest().getPath().value().startsWith(API_PREFIX)) {
      HttpHeaders headers = exchange.getResponse().getHeaders();
      headers.set("Content-Security-Policy",
          "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
      headers.set("X-Content-Type-Options", "nosniff");
      headers.set("Referrer-Policy", "no-referrer");
    }
    return chain.filter(exchange);
  }
}
