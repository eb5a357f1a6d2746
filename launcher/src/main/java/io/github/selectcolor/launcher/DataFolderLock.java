package io.github.selectcolor.launcher;

import io.github.selectcolor.embedded.files.Folders;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * Keeps a second launcher off a data folder that one already runs on: two Kafka clusters or two
 * HDFS on one folder would corrupt both. A folder the launcher made, new or empty at its first
 * start, also gets a mark of its own, so that {@code --fresh} never empties a folder of the
 * user's. Held until closed or the JVM exits.
 */
final class DataFolderLock implements AutoCloseable {

  private static final String FILE_NAME = "launcher.lock";
  private static final String MARK = "made-by-the-launcher";

  private final Path dataDirectory;
  private final boolean launchersOwn;
  private final FileChannel channel;
  private final FileLock lock;

  private DataFolderLock(Path dataDirectory, boolean launchersOwn, FileChannel channel,
      FileLock lock) {
    this.dataDirectory = dataDirectory;
    this.launchersOwn = launchersOwn;
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock of the folder, created if need be, or null when another process holds it. */
  static DataFolderLock tryAcquire(Path dataDirectory) throws IOException {
    // Launchers before the mark left Kafka's cluster id, which no other program writes there.
    boolean launchersOwn = Files.exists(dataDirectory.resolve(MARK))
        || Files.exists(dataDirectory.resolve("kafka").resolve("cluster.id"));
    if (!launchersOwn && isEmptyOrAbsent(dataDirectory)) {
      Files.createDirectories(dataDirectory);
      Files.writeString(dataDirectory.resolve(MARK), "The local pipeline's launcher made this folder;"
          + " --fresh empties only such a folder.\n");
      launchersOwn = true;
    }
    Files.createDirectories(dataDirectory);
    FileChannel channel = FileChannel.open(dataDirectory.resolve(FILE_NAME),
        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock = channel.tryLock();
    if (lock == null) {
      channel.close();
      return null;
    }
    return new DataFolderLock(dataDirectory, launchersOwn, channel, lock);
  }

  /** Whether the folder is the launcher's: it was missing or empty at the first start there. */
  boolean isLaunchersOwn() {
    return launchersOwn;
  }

  private static boolean isEmptyOrAbsent(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return true;
    }
    try (Stream<Path> children = Files.list(directory)) {
      return children.findAny().isEmpty();
    }
  }

  /** Deletes everything in the launcher's own folder but the lock, for {@code --fresh}. */
  void deleteData() throws IOException {
    if (!launchersOwn) {
      throw new IllegalStateException("The folder " + dataDirectory + " is not the launcher's.");
    }
    try (Stream<Path> children = Files.list(dataDirectory)) {
      for (Path child : children.filter(path -> !path.getFileName().toString().equals(FILE_NAME)
          && !path.getFileName().toString().equals(MARK)).toList()) {
        Folders.deleteRecursively(child);
      }
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
