package io.github.selectcolor.essink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class ElasticsearchSinkConnectorTest {

  @Test
  void validationRefusesCredentialsInAUrlAndNeverShowsThemBack() {
    ConfigValue urls = new ElasticsearchSinkConnector().validate(Map.of(
            "connection.urls", "http://elastic:s3cret@es1:9200"))
        .configValues().stream().filter(value -> value.name().equals("connection.urls"))
        .findFirst().orElseThrow();

    assertThat(urls.errorMessages()).singleElement().asString()
        .contains("connection.username", "connection.password");
    assertThat(String.valueOf(urls.value())).doesNotContain("s3cret");
    assertThat(urls.errorMessages().get(0)).doesNotContain("s3cret");
  }
}
