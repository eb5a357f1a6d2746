package io.github.selectcolor.embedded.elasticsearch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The folder an Elasticsearch node runs in: the unzipped distribution, its own copy of the config,
 * data, logs, temp files, a home for the user it runs as, and the console log.
 */
record WorkDirectory(Path root) {

  Path config() {
    return root.resolve("config");
  }

  Path data() {
    return root.resolve("data");
  }

  Path logs() {
    return root.resolve("logs");
  }

  Path tmp() {
    return root.resolve("tmp");
  }

  Path home() {
    return root.resolve("home");
  }

  Path consoleLog() {
    return root.resolve("elasticsearch-console.log");
  }

  /**
   * Unzips the distribution and copies its config unless an earlier start did, creates the other
   * folders, and returns the unzipped distribution.
   */
  Path prepare(ElasticsearchDistribution distribution) throws IOException {
    Path elasticsearchHome = distribution.unpack(root);
    if (!Files.isDirectory(config())) {
      ElasticsearchDistribution.copyConfig(elasticsearchHome, config());
    }
    for (Path directory : List.of(data(), logs(), tmp(), home())) {
      Files.createDirectories(directory);
    }
    return elasticsearchHome;
  }

  /** Replaces elasticsearch.yml with the given scalar settings, each as a quoted YAML string. */
  void writeSettings(Map<String, String> settings) throws IOException {
    StringBuilder yaml = new StringBuilder();
    settings.forEach((key, value) -> yaml.append(key).append(": \"")
        .append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n"));
    Files.writeString(config().resolve("elasticsearch.yml"), yaml, StandardCharsets.UTF_8);
  }

  /** The last lines of the console log, or why it could not be read. */
  String consoleTail(int lines) {
    try {
      List<String> all = Files.readAllLines(consoleLog(), StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(the console log could not be read: " + e + ")";
    }
  }

  void delete() throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
