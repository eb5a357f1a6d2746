package io.github.selectcolor.essink;

import io.github.selectcolor.essink.config.ElasticsearchSinkConnectorConfig;
import io.github.selectcolor.essink.elastic.ElasticsearchClients;
import io.github.selectcolor.essink.elastic.ServerCheck;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes the {@code select-color} topic into daily Elasticsearch indices behind an alias; each
 * task gets the same settings and its share of the partitions. {@link #validate} also checks that
 * Elasticsearch answers and runs a supported version.
 */
public class ElasticsearchSinkConnector extends SinkConnector {

  private static final Logger log = LoggerFactory.getLogger(ElasticsearchSinkConnector.class);

  private Map<String, String> properties;

  @Override
  public String version() {
    return Version.get();
  }

  @Override
  public void start(Map<String, String> properties) {
    ElasticsearchSinkConnectorConfig config = new ElasticsearchSinkConnectorConfig(properties);
    List<String> deprecated = ElasticsearchSinkConnectorConfig.deprecatedKeysIn(properties);
    if (!deprecated.isEmpty()) {
      log.warn("The settings {} are deprecated (the book's keys); use {} and {}.", deprecated,
          ElasticsearchSinkConnectorConfig.CONNECTION_URLS,
          ElasticsearchSinkConnectorConfig.INDEX_PREFIX);
    }
    this.properties = Map.copyOf(properties);
    log.info("The Elasticsearch sink connector started for {} with index prefix {}.",
        config.connectionUrls(), config.indexPrefix());
  }

  @Override
  public Class<? extends Task> taskClass() {
    return ElasticsearchSinkTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    return Collections.nCopies(maxTasks, properties);
  }

  @Override
  public void stop() {
    log.info("The Elasticsearch sink connector stopped.");
  }

  @Override
  public ConfigDef config() {
    return ElasticsearchSinkConnectorConfig.CONFIG;
  }

  /**
   * Validates the settings and, when they are valid, checks Elasticsearch. The URLs are shown back
   * without credentials, which the URL validator refuses.
   */
  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config result = super.validate(connectorConfigs);
    result.configValues().stream()
        .filter(value -> value.name().equals(ElasticsearchSinkConnectorConfig.CONNECTION_URLS)
            && value.value() instanceof List<?>)
        .forEach(value -> value.value(ElasticsearchSinkConnectorConfig.withoutCredentials(
            (List<?>) value.value())));
    boolean valid = result.configValues().stream().allMatch(value -> value.errorMessages()
        .isEmpty());
    if (valid) {
      serverProblem(connectorConfigs).ifPresent(problem -> result.configValues().stream()
          .filter(value -> value.name().equals(ElasticsearchSinkConnectorConfig.CONNECTION_URLS))
          .forEach(value -> value.addErrorMessage(problem)));
    }
    return result;
  }

  private static Optional<String> serverProblem(Map<String, String> connectorConfigs) {
    try (ElasticsearchClients clients = new ElasticsearchClients(
        new ElasticsearchSinkConnectorConfig(connectorConfigs))) {
      return ServerCheck.problemWith(clients.restClient());
    } catch (ConfigException e) {
      return Optional.of(e.getMessage());
    } catch (IOException e) {
      return Optional.of("Closing the test connection failed: " + e.getMessage());
    }
  }
}
