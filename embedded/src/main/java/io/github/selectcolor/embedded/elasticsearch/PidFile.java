package io.github.selectcolor.embedded.elasticsearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The process id of the Elasticsearch that runs in a work directory, kept in a file there while it
 * runs, so that a start after a JVM was killed (SIGKILL runs no shutdown hook) finds the node that
 * JVM left behind, still holding its ports, and stops it. It logs nothing, so that a program may
 * call {@link #stopLeftover} before it has set up its logging.
 */
public final class PidFile {

  private final Path file;
  private final Path workDirectory;

  /**
   * Stops the Elasticsearch that a killed JVM left running in the work directory, if any, with its
   * descendants, and deletes the file.
   *
   * @return the process id of the node it stopped
   */
  public static Optional<Long> stopLeftover(Path workDirectory, Duration grace) {
    if (!Files.isDirectory(workDirectory)) {
      return Optional.empty();
    }
    PidFile pidFile = new PidFile(workDirectory);
    try {
      Optional<ProcessHandle> leftover = pidFile.leftover();
      leftover.ifPresent(process -> ProcessTree.terminate(process, grace));
      pidFile.delete();
      return leftover.map(ProcessHandle::pid);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not check " + workDirectory
          + " for an Elasticsearch left running.", e);
    }
  }

  PidFile(Path workDirectory) {
    this.workDirectory = workDirectory.toAbsolutePath().normalize();
    this.file = this.workDirectory.resolve("elasticsearch.pid");
  }

  void write(Process process) throws IOException {
    Files.writeString(file, process.pid() + "\n", StandardCharsets.UTF_8);
  }

  void delete() throws IOException {
    Files.deleteIfExists(file);
  }

  /**
   * The process the file names, if it still runs and is an Elasticsearch of this work directory:
   * its command line names the distribution unpacked there. A pid the system gave to another
   * process since is left alone.
   */
  private Optional<ProcessHandle> leftover() throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    String content = Files.readString(file, StandardCharsets.UTF_8).trim();
    if (!content.matches("[0-9]{1,19}")) {
      return Optional.empty();
    }
    return ProcessHandle.of(Long.parseLong(content))
        .filter(ProcessHandle::isAlive)
        .filter(process -> process.info().commandLine()
            .filter(command -> command.contains(workDirectory.toString())).isPresent());
  }
}
