package io.github.selectcolor.embedded.elasticsearch;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Starts Elasticsearch as the user nobody when this JVM runs as root (as CI does). Elasticsearch
 * refuses to run as root, and a root start attempt first writes security settings into its config
 * folder that break every later start, so it must never be tried. It logs nothing, so a program
 * may call {@link #checkWorkDirectory} before it has set up its logging.
 */
public final class PrivilegeDrop {

  /** The uid and gid of nobody on Debian and most other Linux distributions. */
  static final int NOBODY = 65534;

  private PrivilegeDrop() {
  }

  /**
   * Why Elasticsearch could not run in a work directory at this path, or empty when it could: a
   * JVM running as root runs it as the user nobody, who must be able to reach that folder. For a
   * check before anything starts.
   */
  public static Optional<String> checkWorkDirectory(Path workDirectory) {
    if (!runningAsRoot()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(unreachable(workDirectory));
    } catch (IOException e) {
      return Optional.of("the folders above " + workDirectory + " cannot be read: " + e);
    }
  }

  static boolean runningAsRoot() {
    return new UnixSystem().getUid() == 0;
  }

  /** Fails unless nobody can reach the work directory and the JDK that runs Elasticsearch. */
  static void requireReachable(Path workDirectory, Path javaHome) throws IOException {
    requireSearchable(workDirectory.toRealPath().getParent());
    requireSearchable(javaHome.toRealPath());
  }

  /**
   * Why nobody could not reach a work directory at this path, created later if need be, or null
   * when it could: every existing folder on the way must let others pass through.
   */
  static String unreachable(Path workDirectory) throws IOException {
    Path existing = workDirectory.toAbsolutePath().normalize();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    // The work directory itself is handed over to nobody; the folders above it must be passable.
    if (existing != null && existing.equals(workDirectory.toAbsolutePath().normalize())) {
      existing = existing.getParent();
    }
    for (Path path = existing == null ? null : existing.toRealPath(); path != null;
        path = path.getParent()) {
      PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class);
      if (!attributes.permissions().contains(PosixFilePermission.OTHERS_EXECUTE)) {
        return "this JVM runs as root, so Elasticsearch runs as the user nobody (uid " + NOBODY
            + "), who may not enter " + path + " (owner " + attributes.owner().getName() + ", "
            + PosixFilePermissions.toString(attributes.permissions()) + ")";
      }
    }
    return null;
  }

  /** Gives nobody the work directory and everything in it. */
  static void handOver(Path workDirectory) throws IOException {
    try (Stream<Path> paths = Files.walk(workDirectory)) {
      for (Path path : paths.toList()) {
        Files.setAttribute(path, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", NOBODY, LinkOption.NOFOLLOW_LINKS);
      }
    }
  }

  /** The command that runs the script as nobody, with no supplementary groups and its own home. */
  static List<String> asNobody(Path script, Path home) {
    return List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
        "env", "HOME=" + home, script.toString());
  }

  /** Fails unless others may search the directory and every directory above it. */
  private static void requireSearchable(Path directory) throws IOException {
    for (Path path = directory; path != null; path = path.getParent()) {
      PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class);
      if (!attributes.permissions().contains(PosixFilePermission.OTHERS_EXECUTE)) {
        throw new IllegalStateException("This JVM runs as root, so Elasticsearch runs as the user nobody "
            + "(uid " + NOBODY + "), but nobody may not enter " + path + " (owner "
            + attributes.owner().getName() + ", " + PosixFilePermissions.toString(attributes.permissions())
            + "); choose a work directory and a JDK whose parent directories all let others in, "
            + "such as a work directory under /tmp.");
      }
    }
  }
}
