package io.github.selectcolor.dashboard.page;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Locks the page down to its own scripts and styles: it has no inline code and loads nothing from
 * elsewhere (Chart.js comes from this server's WebJar), so a strict policy costs nothing and blunts
 * any injection through the user names and other values the page shows.
 */
@Component
class PageSecurityHeaders implements WebFilter {

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    HttpHeaders headers = exchange.getResponse().getHeaders();
    headers.set("Content-Security-Policy",
        "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    return chain.filter(exchange);
  }
}
