package io.github.selectcolor.essink.it;

import io.github.selectcolor.embedded.connect.EmbeddedConnect;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Names and settings that keep each test's topic, connector and indices apart. */
final class ConnectorTestBed {

  static final String CONNECTOR_CLASS = "io.github.selectcolor.essink.ElasticsearchSinkConnector";

  final String topic;
  final String connector;
  final String indexPrefix;
  final String deadLetterTopic;

  /** Creates the test's topic with three partitions, as the collector creates its own. */
  ConnectorTestBed(String bootstrapServers) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    this.topic = "select-color-" + id;
    this.connector = "es-sink-" + id;
    this.indexPrefix = "select-color-it-" + id;
    this.deadLetterTopic = topic + ".dlq";
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrapServers))) {
      admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
      // Producing before every partition has a leader can make an idempotent producer fail.
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
          .until(() -> admin.describeTopics(List.of(topic))
          .allTopicNames().get().get(topic).partitions().stream()
          .allMatch(partition -> partition.leader() != null));
    } catch (ExecutionException e) {
      throw new IllegalStateException("Could not create topic " + topic + ".", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topic " + topic + ".", e);
    }
  }

  /** A Connect worker that loads the connector from the packaged plugin (failsafe names it). */
  static EmbeddedConnect startConnect(String bootstrapServers) {
    String pluginPath = System.getProperty("connect.plugin.path");
    if (pluginPath == null) {
      throw new IllegalStateException("Set connect.plugin.path to the packaged plugin's parent"
          + " directory; failsafe does after the package phase.");
    }
    return EmbeddedConnect.builder().bootstrapServers(bootstrapServers)
        .pluginPath(Path.of(pluginPath)).property("consumer.session.timeout.ms", "10000")
        .property("consumer.heartbeat.interval.ms", "1000").start();
  }

  Map<String, String> config(String elasticsearchUrl, String... overrides) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", CONNECTOR_CLASS);
    config.put("tasks.max", "1");
    config.put("topics", topic);
    config.put("connection.urls", elasticsearchUrl);
    config.put("index.prefix", indexPrefix);
    config.put("linger.ms", "50");
    config.put("retry.backoff.max.ms", "2000");
    config.put("errors.tolerance", "all");
    config.put("errors.deadletterqueue.topic.name", deadLetterTopic);
    config.put("errors.deadletterqueue.topic.replication.factor", "1");
    config.put("errors.deadletterqueue.context.headers.enable", "true");
    for (String override : overrides) {
      int equals = override.indexOf('=');
      config.put(override.substring(0, equals), override.substring(equals + 1));
    }
    return config;
  }
}
