package io.github.selectcolor.bench.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files a fault run starts its parts from, as bench's build lays them out in
 * {@code bench/target/faults/}: the engines' class path, the Elasticsearch distribution, the
 * collector's and the HDFS sink's executable jars and the connector's plugin zip.
 *
 * @param directory   the folder holding them
 * @param benchClasses bench's compiled classes (the HDFS node's main and the logging settings)
 */
public record PipelineParts(Path directory, Path benchClasses) {

  static final String ELASTICSEARCH_VERSION_PREFIX = "elasticsearch-";

  public Path collectorJar() {
    return existing("collector.jar");
  }

  public Path hdfsSinkJar() {
    return existing("hdfs-sink.jar");
  }

  public Path connectorPlugin() {
    return existing("connector-plugin.zip");
  }

  public Path elasticsearchZip() {
    try (var files = Files.list(directory)) {
      return files.filter(file -> file.getFileName().toString()
              .matches(ELASTICSEARCH_VERSION_PREFIX + "[0-9].*\\.zip")).findFirst()
          .orElseThrow(() -> new IllegalStateException(directory + " holds no Elasticsearch"
              + " distribution zip; build bench first."));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list " + directory + ".", e);
    }
  }

  /** bench's classes, then every runtime dependency of bench. */
  public String engineClassPath() {
    try {
      return benchClasses + java.io.File.pathSeparator
          + Files.readString(existing("engines.classpath"), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the engines' class path.", e);
    }
  }

  private Path existing(String name) {
    Path file = directory.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(file + " is missing; build it with"
          + " ./mvnw -DskipTests verify -pl bench -am (bench copies it at pre-integration-test).");
    }
    return file;
  }
}
