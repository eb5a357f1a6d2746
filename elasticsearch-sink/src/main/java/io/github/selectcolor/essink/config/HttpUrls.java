package io.github.selectcolor.essink.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Accepts a list of absolute http or https URLs with a host and without credentials. A user and
 * password in a URL would be ignored by the client and shown wherever the URL is (logs, the status
 * API, error messages), so such a URL is refused, and no message repeats its credentials.
 */
final class HttpUrls implements ConfigDef.Validator {

  private static final String REDACTED = "***";

  @Override
  public void ensureValid(String name, Object value) {
    @SuppressWarnings("unchecked")
    List<String> urls = (List<String>) value;
    if (urls == null || urls.isEmpty()) {
      throw new ConfigException(name, value, "Name at least one Elasticsearch URL.");
    }
    for (String url : urls) {
      ensureValidUrl(name, url);
    }
  }

  private static void ensureValidUrl(String name, String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new ConfigException(name, redacted(url), "Not a URL: " + e.getReason() + " at index "
          + e.getIndex() + ".");
    }
    if (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
      throw new ConfigException(name, redacted(url), "Credentials do not belong in a URL, where"
          + " they would be logged and shown: give the URL without them and set "
          + ElasticsearchSinkConnectorConfig.CONNECTION_USERNAME + " and "
          + ElasticsearchSinkConnectorConfig.CONNECTION_PASSWORD + " (HTTP basic authentication)"
          + " instead.");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
        || uri.getHost() == null) {
      throw new ConfigException(name, redacted(url),
          "Each URL must be http:// or https:// with a host, such as http://localhost:9200.");
    }
  }

  /**
   * The URL with whatever precedes an {@code @} in it hidden, scheme aside; {@code url} itself when
   * it has no {@code @}. Safe for URLs that do not parse.
   */
  static String redacted(String url) {
    int at = url.lastIndexOf('@');
    if (at < 0) {
      return url;
    }
    int scheme = url.indexOf("://");
    int start = scheme < 0 || scheme > at ? 0 : scheme + 3;
    return url.substring(0, start) + REDACTED + url.substring(at);
  }

  /** The URLs as they may be shown: {@link #redacted} each. */
  static List<String> redacted(List<?> urls) {
    return urls.stream().map(url -> redacted(String.valueOf(url))).toList();
  }

  @Override
  public String toString() {
    return "http:// or https:// URLs, without credentials";
  }
}
