package io.github.selectcolor.essink.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigDocumentationTest {

  /** Rewrite with {@code ./mvnw -pl elasticsearch-sink test -Dconfig.docs.write=true}. */
  private static final Path REFERENCE = Path.of("..", "docs", "elasticsearch-sink-config.md");

  @Test
  void theReferenceInDocsIsTheOneTheCodeWrites() throws IOException {
    String generated = ConfigDocumentation.markdown();
    if (Boolean.getBoolean("config.docs.write")) {
      Files.writeString(REFERENCE, generated, StandardCharsets.UTF_8);
    }
    assertThat(REFERENCE).as("docs/elasticsearch-sink-config.md is out of date; rewrite it with"
        + " -Dconfig.docs.write=true").hasContent(generated);
  }

  @Test
  void documentsEveryKeyAndHidesPasswords() {
    String markdown = ConfigDocumentation.markdown();
    ElasticsearchSinkConnectorConfig.CONFIG.names()
        .forEach(name -> assertThat(markdown).contains("`" + name + "`"));
  }
}
