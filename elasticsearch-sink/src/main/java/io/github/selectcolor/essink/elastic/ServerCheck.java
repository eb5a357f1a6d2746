package io.github.selectcolor.essink.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;

/**
 * Checks that Elasticsearch answers and runs a version this connector's client speaks (8.x). It
 * reads the local node's version from {@code _nodes} with the low-level client: the typed node-info
 * response expects modules that some distributions leave out.
 */
public final class ServerCheck {

  static final int SUPPORTED_MAJOR = 8;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ServerCheck() {
  }

  /** Returns a sentence saying what is wrong, or empty when the server is usable. */
  public static Optional<String> problemWith(RestClient client) {
    try {
      Request request = new Request("GET", "/_nodes/_local");
      request.addParameter("filter_path", "nodes.*.version");
      Response response = client.performRequest(request);
      JsonNode nodes;
      try (InputStream body = response.getEntity().getContent()) {
        nodes = JSON.readTree(body).path("nodes");
      }
      if (!nodes.elements().hasNext()) {
        return Optional.of("Elasticsearch answered but named no node.");
      }
      String version = nodes.elements().next().path("version").asText();
      return isSupported(version) ? Optional.empty()
          : Optional.of("Elasticsearch " + version + " is not supported; this connector needs "
              + SUPPORTED_MAJOR + ".x.");
    } catch (IOException | RuntimeException e) {
      return Optional.of("Elasticsearch could not be reached: " + e.getMessage());
    }
  }

  static boolean isSupported(String version) {
    return version.startsWith(SUPPORTED_MAJOR + ".");
  }
}
