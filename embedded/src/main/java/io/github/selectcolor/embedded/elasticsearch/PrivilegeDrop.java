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
import java.util.stream.Stream;

/**
 * Starts Elasticsearch as the user nobody when this JVM runs as root (as CI does). Elasticsearch
 * refuses to run as root, and a root start attempt first writes security settings into its config
 * folder that break every later start, so it must never be tried.
 */
final class PrivilegeDrop {

  /** The uid and gid of nobody on Debian and most other Linux distributions. */
  static final int NOBODY = 65534;

  private PrivilegeDrop() {
  }

  static boolean runningAsRoot() {
    return new UnixSystem().getUid() == 0;
  }

  /** Fails unless nobody can reach the work directory and the JDK that runs Elasticsearch. */
  static void requireReachable(Path workDirectory, Path javaHome) throws IOException {
    requireSearchable(workDirectory.toRealPath().getParent());
    requireSearchable(javaHome.toRealPath());
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
