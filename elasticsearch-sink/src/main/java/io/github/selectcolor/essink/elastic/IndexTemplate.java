package io.github.selectcolor.essink.elastic;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The composable index template behind the daily indices: explicit mappings (keywords for color
 * and user, dates, the user agent as text with a keyword, its parsed parts) instead of dynamic
 * guessing, and the alias that searches all days. Unknown fields stay in {@code _source} without
 * being indexed, so a new field cannot break the mapping.
 */
public final class IndexTemplate {

  private static final String RESOURCE = "index-template.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private IndexTemplate() {
  }

  /**
   * The template's JSON for daily indices named {@code <prefix>-YYYY.MM.DD}, with the refresh
   * interval as an index setting when one is given.
   */
  public static String json(String prefix, Optional<String> refreshInterval) {
    try (InputStream in = IndexTemplate.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The connector's jar lacks " + RESOURCE + ".");
      }
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${prefix}", prefix);
      if (refreshInterval.isEmpty()) {
        return json;
      }
      ObjectNode template = (ObjectNode) JSON.readTree(json);
      ((ObjectNode) template.get("template")).putObject("settings")
          .put("index.refresh_interval", refreshInterval.get());
      return JSON.writeValueAsString(template);
    } catch (IOException e) {
      throw new UncheckedIOException("Reading " + RESOURCE + " from the connector's jar failed.", e);
    }
  }

  /** Creates or replaces the template named after the prefix. */
  public static void install(ElasticsearchClient client, String prefix,
      Optional<String> refreshInterval) throws IOException {
    client.indices().putIndexTemplate(request -> request.name(prefix)
        .withJson(new StringReader(json(prefix, refreshInterval))));
  }
}
