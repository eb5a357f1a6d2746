package io.github.selectcolor.embedded.elasticsearch;

import io.github.selectcolor.embedded.files.Folders;
import io.github.selectcolor.embedded.files.ZipArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The Elasticsearch distribution ({@code org.elasticsearch.distribution.integ-test-zip}) that
 * {@link EmbeddedElasticsearch} runs: a zip whose single top-level folder, such as
 * {@code elasticsearch-8.19.21}, is its name. Builds copy the zip out of the Maven repository and
 * name it in the {@value #PROPERTY} system property, or bundle it in a jar; it is never on a
 * class path.
 */
public final class ElasticsearchDistribution {

  /** The system property holding the path of the distribution zip. */
  public static final String PROPERTY = "elasticsearch.distribution";

  private final String name;
  private final ZipArchive archive;

  private ElasticsearchDistribution(String name, ZipArchive archive) {
    this.name = name;
    this.archive = archive;
  }

  /**
   * The distribution in the given archive.
   *
   * @param name    the archive's top-level folder, such as {@code elasticsearch-8.19.21}
   * @param archive the zip, read once when a work directory is first prepared
   */
  public static ElasticsearchDistribution of(String name, ZipArchive archive) {
    if (!name.matches("elasticsearch-[0-9][0-9A-Za-z.\\-]*")) {
      throw new IllegalArgumentException("A distribution's name is its zip's top-level folder, such as "
          + "elasticsearch-8.19.21, not " + name + ".");
    }
    return new ElasticsearchDistribution(name, Objects.requireNonNull(archive, "archive"));
  }

  /** The distribution in a zip file named after its top-level folder, such as elasticsearch-8.19.21.zip. */
  public static ElasticsearchDistribution ofZip(Path zip) {
    return of(zip.getFileName().toString().replaceFirst("\\.zip$", ""), ZipArchive.ofFile(zip));
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
   * Unzips the distribution into a folder of the directory named after it, unless an earlier call
   * already did, and returns that folder.
   */
  Path unpack(Path directory) throws IOException {
    Path home = directory.resolve(name);
    if (Files.isRegularFile(home.resolve("bin").resolve("elasticsearch"))) {
      return home;
    }
    // Unzipping into a staging folder and renaming it means a half-unzipped folder is never taken
    // for a complete one.
    Path staging = Files.createTempDirectory(directory, name + ".partial-");
    try {
      archive.extractInto(staging);
      Path unpacked = staging.resolve(name);
      if (!Files.isRegularFile(unpacked.resolve("bin").resolve("elasticsearch"))) {
        throw new IOException("The archive of " + name + " has no " + name + "/bin/elasticsearch.");
      }
      Files.setPosixFilePermissions(unpacked, PosixFilePermissions.fromString("rwxr-xr-x"));
      makeScriptsExecutable(unpacked.resolve("bin"));
      Files.move(unpacked, home, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Folders.deleteRecursively(staging);
    }
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

  /** Zip entries lose their Unix modes through java.util.zip, so the start scripts get theirs back. */
  private static void makeScriptsExecutable(Path bin) throws IOException {
    try (Stream<Path> scripts = Files.list(bin)) {
      List<Path> files = scripts.filter(Files::isRegularFile).toList();
      for (Path script : files) {
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
