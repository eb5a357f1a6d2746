package io.github.selectcolor.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What the build put next to the launcher: the Elasticsearch distribution and the connector. */
public final class BuildOutput {

  public static final String DISTRIBUTION_PROPERTY = "local.elasticsearch.distribution";
  public static final String PLUGIN_PATH_PROPERTY = "local.plugin.path";

  private BuildOutput() {
  }

  /** The Elasticsearch zip the build copied into {@code launcher/target/elasticsearch}. */
  public static Path elasticsearchDistribution() {
    String given = System.getProperty(DISTRIBUTION_PROPERTY);
    if (given != null) {
      return Path.of(given);
    }
    Path directory = Path.of("launcher", "target", "elasticsearch");
    if (Files.isDirectory(directory)) {
      try (Stream<Path> files = Files.list(directory)) {
        List<Path> found = files.filter(file -> file.getFileName().toString().matches(
            "elasticsearch-.*\\.zip")).toList();
        if (found.size() == 1) {
          return found.get(0);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Could not list " + directory + ".", e);
      }
    }
    throw new IllegalStateException("No elasticsearch-*.zip in " + directory.toAbsolutePath()
        + ": run from the repository's root after ./mvnw -DskipTests install, or set -D"
        + DISTRIBUTION_PROPERTY + ".");
  }

  /** The Connect plugin path the connector's build wrote. */
  public static Path pluginPath() {
    return Path.of(System.getProperty(PLUGIN_PATH_PROPERTY,
        Path.of("elasticsearch-sink", "target", "plugin").toString()));
  }
}
