package io.github.selectcolor.essink.elastic;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The composable index template behind the daily indices: explicit mappings (keywords for color
 * and user, dates, the user agent as text with a keyword, its parsed parts) instead of dynamic
 * guessing, and the alias that searches all days. Unknown fields stay in {@code _source} without
 * being indexed, so a new field cannot break the mapping.
 */
public final class IndexTemplate {

  private static final String RESOURCE = "index-template.json";

  private IndexTemplate() {
  }

  /** The template's JSON for daily indices named {@code <prefix>-YYYY.MM.DD}. */
  public static String json(String prefix) {
    try (InputStream in = IndexTemplate.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The connector's jar lacks " + RESOURCE + ".");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${prefix}", prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("Reading " + RESOURCE + " from the connector's jar failed.", e);
    }
  }

  /** Creates or replaces the template named after the prefix. */
  public static void install(ElasticsearchClient client, String prefix) throws IOException {
    client.indices().putIndexTemplate(request -> request.name(prefix)
        .withJson(new StringReader(json(prefix))));
  }
}
