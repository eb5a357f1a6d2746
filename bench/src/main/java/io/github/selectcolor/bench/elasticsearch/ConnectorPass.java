package io.github.selectcolor.bench.elasticsearch;

import io.github.selectcolor.embedded.connect.EmbeddedConnect;
import java.util.Map;

/** Creates and deletes the connector through the Connect worker's REST API, with its defaults. */
final class ConnectorPass {

  private final EmbeddedConnect connect;
  private final String topic;
  private final String elasticsearchUrl;

  ConnectorPass(EmbeddedConnect connect, String topic, String elasticsearchUrl) {
    this.connect = connect;
    this.topic = topic;
    this.elasticsearchUrl = elasticsearchUrl;
  }

  void start(String name, String indexPrefix, int tasks) {
    connect.put("connectors/" + name + "/config", Map.of(
        "connector.class", "io.github.selectcolor.essink.ElasticsearchSinkConnector",
        "tasks.max", Integer.toString(tasks),
        "topics", topic,
        "connection.urls", elasticsearchUrl,
        "index.prefix", indexPrefix));
  }

  void stop(String name) {
    connect.delete("connectors/" + name);
  }
}
