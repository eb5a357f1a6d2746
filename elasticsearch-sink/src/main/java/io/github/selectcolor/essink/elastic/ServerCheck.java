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
      String version = version(client);
      return isSupported(version) ? Optional.empty() : Optional.of(unsupported(version));
    } catch (IOException | RuntimeException e) {
      return Optional.of("Elasticsearch could not be reached: " + e.getMessage());
    }
  }

  /**
   * The version of the node that answers.
   *
   * @throws IOException when Elasticsearch cannot be reached, answers with an error or names no
   *                     node
   */
  public static String version(RestClient client) throws IOException {
    Request request = new Request("GET", "/_nodes/_local");
    request.addParameter("filter_path", "nodes.*.version");
    Response response = client.performRequest(request);
    JsonNode nodes;
    try (InputStream body = response.getEntity().getContent()) {
      nodes = JSON.readTree(body).path("nodes");
    }
    if (!nodes.elements().hasNext()) {
      throw new IOException("Elasticsearch answered but named no node.");
    }
    return nodes.elements().next().path("version").asText();
  }

  public static boolean isSupported(String version) {
    return version.startsWith(SUPPORTED_MAJOR + ".");
  }

  public static String unsupported(String version) {
    return "Elasticsearch " + version + " is not supported; this connector needs "
        + SUPPORTED_MAJOR + ".x.";
  }
}
