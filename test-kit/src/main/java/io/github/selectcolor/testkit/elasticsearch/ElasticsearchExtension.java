package io.github.selectcolor.testkit.elasticsearch;

import io.github.selectcolor.embedded.elasticsearch.ElasticsearchDistribution;
import io.github.selectcolor.embedded.elasticsearch.EmbeddedElasticsearch;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts an {@link EmbeddedElasticsearch} from {@link ElasticsearchDistribution#zip()} before the
 * tests of a class and closes it after them. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ElasticsearchExtension elasticsearch = ElasticsearchExtension.singleNode()
 *     .setting("thread_pool.write.size", "1")
 *     .setting("thread_pool.write.queue_size", "1");
 * }</pre>
 */
public final class ElasticsearchExtension implements BeforeAllCallback, AfterAllCallback {

  private final EmbeddedElasticsearch.Builder builder = EmbeddedElasticsearch.builder();
  private EmbeddedElasticsearch elasticsearch;

  private ElasticsearchExtension() {
  }

  public static ElasticsearchExtension singleNode() {
    return new ElasticsearchExtension();
  }

  /** One more scalar setting for elasticsearch.yml. */
  public ElasticsearchExtension setting(String key, String value) {
    builder.setting(key, value);
    return this;
  }

  public ElasticsearchExtension heap(String heap) {
    builder.heap(heap);
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    elasticsearch = builder.distribution(ElasticsearchDistribution.zip()).build().start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (elasticsearch != null) {
      elasticsearch.close();
    }
  }

  public EmbeddedElasticsearch elasticsearch() {
    if (elasticsearch == null) {
      throw new IllegalStateException("Elasticsearch starts before all tests of the class; "
          + "register the extension on a static field.");
    }
    return elasticsearch;
  }

  /** The HTTP address, such as {@code http://127.0.0.1:41234}; it stays the same across restarts. */
  public String url() {
    return elasticsearch().url();
  }

  /** Stops Elasticsearch, keeping its port and data, as an outage would. */
  public void stop() {
    elasticsearch().stop();
  }

  /** Starts Elasticsearch again on the same port with the same data and waits until it is ready. */
  public void start() {
    elasticsearch().start();
  }
}
