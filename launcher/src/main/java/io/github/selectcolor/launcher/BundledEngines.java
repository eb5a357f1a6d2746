package io.github.selectcolor.launcher;

import io.github.selectcolor.embedded.files.Folders;
import io.github.selectcolor.embedded.files.ZipArchive;
import io.github.selectcolor.embedded.elasticsearch.ElasticsearchDistribution;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What the build put inside the launcher's jar, under {@code local-pipeline/}: the Elasticsearch
 * distribution and the connector's Connect plugin, each a zip. They are read from the jar itself,
 * so the launcher runs from any folder with nothing beside it.
 */
final class BundledEngines {

  private static final String FOLDER = "local-pipeline/";

  private final String elasticsearch;
  private final String connectorPlugin;

  private BundledEngines(String elasticsearch, String connectorPlugin) {
    this.elasticsearch = elasticsearch;
    this.connectorPlugin = connectorPlugin;
  }

  /** The names the build wrote into {@code local-pipeline/bundle.properties}. */
  static BundledEngines inThisJar() {
    Properties names = new Properties();
    try (InputStream in = open("bundle.properties")) {
      names.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read what this jar bundles.", e);
    }
    return new BundledEngines(names.getProperty("elasticsearch.distribution"),
        names.getProperty("connector.plugin"));
  }

  /** The Elasticsearch distribution, unpacked by its first start into the data folder. */
  ElasticsearchDistribution elasticsearch() {
    requirePresent(elasticsearch);
    return ElasticsearchDistribution.of(elasticsearch, () -> open(elasticsearch + ".zip"));
  }

  /**
   * Unpacks the connector's plugin into an emptied folder, so that the worker runs the connector
   * of this very jar, and returns the folder to use as Connect's {@code plugin.path}.
   */
  Path unpackConnectorPlugin(Path pluginPath) {
    requirePresent(connectorPlugin);
    try {
      Folders.deleteRecursively(pluginPath);
      Files.createDirectories(pluginPath);
      ZipArchive archive = () -> open(connectorPlugin + ".zip");
      archive.extractInto(pluginPath);
      return pluginPath;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not unpack the connector's plugin into " + pluginPath + ".", e);
    }
  }

  private static void requirePresent(String name) {
    if (name == null || BundledEngines.class.getClassLoader().getResource(FOLDER + name + ".zip") == null) {
      throw new IllegalStateException("This jar does not carry " + FOLDER + name
          + ".zip; build it with ./mvnw -DskipTests install.");
    }
  }

  private static InputStream open(String file) throws IOException {
    InputStream in = BundledEngines.class.getClassLoader().getResourceAsStream(FOLDER + file);
    if (in == null) {
      throw new IOException("This jar does not carry " + FOLDER + file + ".");
    }
    return in;
  }

}
