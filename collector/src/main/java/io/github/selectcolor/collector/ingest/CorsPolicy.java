package io.github.selectcolor.collector.ingest;

import io.github.selectcolor.collector.CollectorProperties;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;

/**
 * Which other origins' pages may call the API: those in {@code collector.allowed-origins}, and no
 * others. The page's own origin needs no entry. Uses Spring's {@link CorsConfiguration} for the
 * checks themselves. Thread-safe.
 *
 * <p>A browser's {@code Sec-Fetch-Site} header, which no page script can set, decides first: it
 * says {@code same-origin} for the page's own requests even behind a proxy that rewrites
 * {@code Host}, and {@code cross-site} for an image or link on another site, which sends no
 * {@code Origin}: such a forged GET of the book's route is refused unless the site its
 * {@code Referer} names is allowed. Clients that send neither header, such as scripts and old
 * browsers, are not browsers' pages acting for a user, and are let through.
 */
@Component
class CorsPolicy {

  private static final String MAX_AGE_SECONDS = "3600";
  private static final String SEC_FETCH_SITE = "Sec-Fetch-Site";

  private final CorsConfiguration configuration = new CorsConfiguration();

  CorsPolicy(CollectorProperties properties) {
    configuration.setAllowedOrigins(properties.allowedOrigins());
    configuration.setAllowedMethods(List.of("GET", "POST"));
    configuration.setAllowedHeaders(List.of("Content-Type"));
    configuration.setExposedHeaders(List.of("Retry-After"));
  }

  /**
   * The outcome of checking a request's origin: {@code NO_CORS} needs no CORS headers (the page's
   * own origin, or a request without {@code Origin}), {@code ALLOWED} needs them.
   */
  enum Verdict { NO_CORS, ALLOWED, REFUSED }

  Verdict check(HttpHeaders request) {
    String origin = request.get(HttpHeaderNames.ORIGIN);
    String site = request.get(SEC_FETCH_SITE);
    if ("same-origin".equals(site)) {
      return Verdict.NO_CORS;
    }
    if (origin == null) {
      return isFromAnotherSite(site) && !isAllowed(refererOrigin(request))
          ? Verdict.REFUSED : Verdict.NO_CORS;
    }
    if (isSameOrigin(origin, request.get(HttpHeaderNames.HOST))) {
      return Verdict.NO_CORS;
    }
    return isAllowed(origin) ? Verdict.ALLOWED : Verdict.REFUSED;
  }

  private boolean isAllowed(String origin) {
    return origin != null && configuration.checkOrigin(origin) != null;
  }

  private static boolean isFromAnotherSite(String site) {
    return "cross-site".equals(site) || "same-site".equals(site);
  }

  private static String refererOrigin(HttpHeaders request) {
    String referer = request.get(HttpHeaderNames.REFERER);
    if (referer == null) {
      return null;
    }
    try {
      URI uri = new URI(referer);
      return uri.getScheme() == null || uri.getHost() == null ? null
          : uri.getScheme() + "://" + uri.getRawAuthority();
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** Whether a preflight asks for what an allowed origin may do. */
  boolean allowsPreflight(HttpHeaders request) {
    String method = request.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
    List<String> headers = split(request.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS));
    List<String> allowedHeaders = configuration.checkHeaders(headers);
    return method != null && configuration.checkHttpMethod(HttpMethod.valueOf(method)) != null
        && allowedHeaders != null && allowedHeaders.size() == headers.size();
  }

  /** Headers that let the browser hand the answer to the calling page. */
  void allowOrigin(HttpHeaders request, HttpHeaders response) {
    response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, request.get(HttpHeaderNames.ORIGIN));
    response.set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, "Retry-After");
    response.add(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
  }

  void allowPreflight(HttpHeaders request, HttpHeaders response) {
    allowOrigin(request, response);
    response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST");
    response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type");
    response.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS);
  }

  private static boolean isSameOrigin(String origin, String host) {
    if (host == null) {
      return false;
    }
    // A proxy may end TLS in front of the collector, so the scheme is not compared.
    return origin.equalsIgnoreCase("http://" + host) || origin.equalsIgnoreCase("https://" + host);
  }

  private static List<String> split(String headerList) {
    if (headerList == null || headerList.isBlank()) {
      return List.of();
    }
    return List.of(headerList.trim().split("\\s*,\\s*"));
  }
}
