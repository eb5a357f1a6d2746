package io.github.selectcolor.embedded.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Elasticsearch distribution zip ({@code org.elasticsearch.distribution.integ-test-zip}) that
 * {@link EmbeddedElasticsearch} runs. Builds copy it out of the Maven repository and name it in the
 * {@value #PROPERTY} system property; it is never on a classpath.
 */
public final class ElasticsearchDistribution {

  /** The system property holding the path of the distribution zip. */
  public static final String PROPERTY = "elasticsearch.distribution";

  private ElasticsearchDistribution() {
  }

  /** The zip named by the {@value #PROPERTY} system property. */
  public static Path zip() {
    String value = System.getProperty(PROPERTY);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("The system property " + PROPERTY + " is not set; set it to the "
          + "Elasticsearch distribution zip, which the build copies into target/elasticsearch/.");
    }
    Path zip = Path.of(value);
    if (!Files.isRegularFile(zip)) {
      throw new IllegalStateException("The system property " + PROPERTY + " names " + zip
          + ", which is not a file; run the build's generate-test-resources phase to copy it there.");
    }
    return zip;
  }

  /**
   * Unzips the distribution into a folder of the directory named after the zip, such as
   * {@code elasticsearch-8.19.21}, unless an earlier call already did, and returns that folder.
   */
  static Path unpack(Path zip, Path directory) throws IOException {
    String name = zip.getFileName().toString().replaceFirst("\\.zip$", "");
    Path home = directory.resolve(name);
    if (Files.isRegularFile(home.resolve("bin").resolve("elasticsearch"))) {
      return home;
    }
    // Unzipping into a staging folder and renaming it means a half-unzipped folder is never taken
    // for a complete one.
    Path staging = Files.createTempDirectory(directory, name + ".partial-");
    Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
    extract(zip, staging);
    makeScriptsExecutable(staging.resolve("bin"));
    Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
    return home;
  }

  /** Copies the distribution's {@code config} folder, as Elasticsearch reads and writes its own. */
  static void copyConfig(Path home, Path target) throws IOException {
    Path source = home.resolve("config");
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : paths.toList()) {
        Files.copy(path, target.resolve(source.relativize(path).toString()));
      }
    }
  }

  /** Writes each entry below the zip's single top-level folder into the target. */
  private static void extract(Path zip, Path target) throws IOException {
    try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
      for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
        String name = entry.getName();
        String relative = name.substring(name.indexOf('/') + 1);
        if (relative.isEmpty()) {
          continue;
        }
        Path path = target.resolve(relative).normalize();
        if (!path.startsWith(target)) {
          throw new IOException("The entry " + name + " of " + zip + " points outside the distribution.");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
        } else {
          Files.createDirectories(path.getParent());
          Files.copy(entries, path);
        }
      }
    }
  }

  /** Zip entries lose their Unix modes through java.util.zip, so the start scripts get theirs back. */
  private static void makeScriptsExecutable(Path bin) throws IOException {
    try (Stream<Path> scripts = Files.list(bin)) {
      List<Path> files = scripts.filter(Files::isRegularFile).toList();
      for (Path script : files) {
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
  }
}
