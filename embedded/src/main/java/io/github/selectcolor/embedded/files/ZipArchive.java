package io.github.selectcolor.embedded.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A zip read from a stream, such as a file or an entry of the launcher's own jar, so that a
 * bundled archive is unpacked without first being copied out.
 */
@FunctionalInterface
public interface ZipArchive {

  /** Opens the zip's bytes; the caller closes the stream. */
  InputStream open() throws IOException;

  /** A zip file on disk. */
  static ZipArchive ofFile(Path zip) {
    return () -> Files.newInputStream(zip);
  }

  /**
   * Writes every entry below the target folder, keeping the entries' paths. Entries that would
   * land outside the target are refused, as a damaged or hostile archive could hold them.
   */
  default void extractInto(Path target) throws IOException {
    Path root = target.toAbsolutePath().normalize();
    try (InputStream in = open(); ZipInputStream entries = new ZipInputStream(in)) {
      for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
        Path path = root.resolve(entry.getName()).normalize();
        if (!path.startsWith(root)) {
          throw new IOException("The archive entry " + entry.getName() + " points outside " + root + ".");
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
}
