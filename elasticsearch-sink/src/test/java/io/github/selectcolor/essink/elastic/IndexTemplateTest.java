package io.github.selectcolor.essink.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IndexTemplateTest {

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void coversThePrefixesDailyIndicesBehindItsAlias() throws Exception {
    JsonNode template = json.readTree(IndexTemplate.json("colors", Optional.empty()));

    assertThat(template.at("/index_patterns/0").asText()).isEqualTo("colors-*");
    assertThat(template.at("/template/aliases").has("colors")).isTrue();
    assertThat(template.at("/template/settings").isMissingNode()).isTrue();
  }

  @Test
  void setsTheRefreshIntervalWhenOneIsGiven() throws Exception {
    JsonNode template = json.readTree(IndexTemplate.json("colors", Optional.of("500ms")));

    assertThat(template.at("/template/settings/index.refresh_interval").asText()).isEqualTo("500ms");
    assertThat(template.at("/template/mappings/properties/eventId/type").asText())
        .isEqualTo("keyword");
  }
}
