package io.github.selectcolor.essink.elastic;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.nodes.NodesInfoResponse;
import java.io.IOException;
import java.util.Optional;

/** Checks that Elasticsearch answers and runs a version this connector's client speaks (8.x). */
public final class ServerCheck {

  static final int SUPPORTED_MAJOR = 8;

  private ServerCheck() {
  }

  /** Returns a sentence saying what is wrong, or empty when the server is usable. */
  public static Optional<String> problemWith(ElasticsearchClient client) {
    try {
      NodesInfoResponse nodes = client.nodes().info(request -> request.nodeId("_local"));
      Optional<String> version = nodes.nodes().values().stream().map(node -> node.version())
          .findFirst();
      if (version.isEmpty()) {
        return Optional.of("Elasticsearch answered but named no node.");
      }
      return isSupported(version.get()) ? Optional.empty()
          : Optional.of("Elasticsearch " + version.get() + " is not supported; this connector needs "
              + SUPPORTED_MAJOR + ".x.");
    } catch (IOException | RuntimeException e) {
      return Optional.of("Elasticsearch could not be reached: " + e.getMessage());
    }
  }

  static boolean isSupported(String version) {
    return version.startsWith(SUPPORTED_MAJOR + ".");
  }
}
