package io.github.selectcolor.essink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ElasticsearchSinkConnectorConfigTest {

  @Test
  void defaultsToALocalNodeAndTheBooksIndexName() {
    ElasticsearchSinkConnectorConfig config = new ElasticsearchSinkConnectorConfig(Map.of());

    assertThat(config.connectionUrls()).containsExactly(URI.create("http://localhost:9200"));
    assertThat(config.indexPrefix()).isEqualTo("select-color");
    assertThat(config.behaviorOnMalformedDocuments()).isEqualTo(MalformedDocumentBehavior.REPORT);
    assertThat(config.behaviorOnNullValues()).isEqualTo(NullValueBehavior.IGNORE);
    assertThat(config.retryTimeout()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void readsTheBooksKeysAsDeprecatedAliases() {
    Map<String, String> book = Map.of("es.host", "es1", "es.port", "9201", "es.index", "colors");
    ElasticsearchSinkConnectorConfig config = new ElasticsearchSinkConnectorConfig(book);

    assertThat(config.connectionUrls()).containsExactly(URI.create("http://es1:9201"));
    assertThat(config.indexPrefix()).isEqualTo("colors");
    assertThat(ElasticsearchSinkConnectorConfig.deprecatedKeysIn(book))
        .containsExactly("es.host", "es.port", "es.index");
  }

  @Test
  void newKeysWinOverTheBooks() {
    ElasticsearchSinkConnectorConfig config = new ElasticsearchSinkConnectorConfig(Map.of(
        "es.host", "old", "connection.urls", "https://new:9243", "es.index", "old",
        "index.prefix", "new"));

    assertThat(config.connectionUrls()).containsExactly(URI.create("https://new:9243"));
    assertThat(config.indexPrefix()).isEqualTo("new");
  }

  @Test
  void refusesUrlsThatAreNotHttp() {
    assertThatThrownBy(() -> new ElasticsearchSinkConnectorConfig(
        Map.of("connection.urls", "localhost:9200")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("connection.urls");
  }

  @Test
  void refusesCredentialsInAUrlAndPointsToTheSettingsForThemWithoutRepeatingThem() {
    assertThatThrownBy(() -> new ElasticsearchSinkConnectorConfig(
        Map.of("connection.urls", "http://localhost:9200,http://elastic:s3cret@es1:9200")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("connection.urls")
        .hasMessageContaining("connection.username")
        .hasMessageContaining("connection.password")
        .hasMessageContaining("http://***@es1:9200")
        .message().doesNotContain("s3cret").doesNotContain("elastic:");
  }

  @Test
  void refusesCredentialsSmuggledInThroughTheBooksHostKey() {
    List<String> errors = ElasticsearchSinkConnectorConfig.CONFIG.validate(
            ElasticsearchSinkConnectorConfig.withAliases(Map.of("es.host", "elastic:s3cret@es1")))
        .stream().flatMap(value -> value.errorMessages().stream()).toList();

    assertThat(errors).singleElement().asString().contains("connection.username")
        .doesNotContain("s3cret");
  }

  @Test
  void neverRepeatsAUrlThatDoesNotParseWithCredentialsInIt() {
    assertThatThrownBy(() -> new ElasticsearchSinkConnectorConfig(
        Map.of("connection.urls", "http://elastic:s3 cret@es1:9200")))
        .isInstanceOf(ConfigException.class)
        .message().doesNotContain("s3");
  }

  @Test
  void leavesTheRefreshIntervalToElasticsearchUnlessOneIsGiven() {
    assertThat(new ElasticsearchSinkConnectorConfig(Map.of()).indexRefreshInterval()).isEmpty();
    assertThat(new ElasticsearchSinkConnectorConfig(Map.of("index.refresh.interval", "500ms"))
        .indexRefreshInterval()).contains("500ms");
    assertThatThrownBy(() -> new ElasticsearchSinkConnectorConfig(
        Map.of("index.refresh.interval", "fast")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("index.refresh.interval");
  }

  @Test
  void refusesIndexPrefixesElasticsearchRefuses() {
    assertThatThrownBy(() -> new ElasticsearchSinkConnectorConfig(
        Map.of("index.prefix", "Select-Color")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("index.prefix");
  }

  @Test
  void refusesUnknownPolicies() {
    assertThatThrownBy(() -> new ElasticsearchSinkConnectorConfig(
        Map.of("behavior.on.malformed.documents", "drop")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("behavior.on.malformed.documents");
  }

  @Test
  void validationNamesEveryBadKey() {
    List<String> bad = ElasticsearchSinkConnectorConfig.CONFIG.validate(Map.of(
            "connection.urls", "ftp://x", "batch.size", "0", "linger.ms", "-1"))
        .stream().filter(value -> !value.errorMessages().isEmpty()).map(value -> value.name())
        .toList();

    assertThat(bad).containsExactlyInAnyOrder("connection.urls", "batch.size", "linger.ms");
  }

  @Test
  void neverShowsThePassword() {
    ElasticsearchSinkConnectorConfig config = new ElasticsearchSinkConnectorConfig(Map.of(
        "connection.username", "elastic", "connection.password", "s3cret"));

    assertThat(config.password()).get().hasToString("[hidden]");
    assertThat(config.toString()).doesNotContain("s3cret");
  }
}
