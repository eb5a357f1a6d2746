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
 * HDFS on one folder would corrupt both. Held until closed or the JVM exits.
 */
final class DataFolderLock implements AutoCloseable {

  private static final String FILE_NAME = "launcher.lock";

  private final Path dataDirectory;
  private final FileChannel channel;
  private final FileLock lock;

  private DataFolderLock(Path dataDirectory, FileChannel channel, FileLock lock) {
    this.dataDirectory = dataDirectory;
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock of the folder, created if need be, or null when another process holds it. */
  static DataFolderLock tryAcquire(Path dataDirectory) throws IOException {
    Files.createDirectories(dataDirectory);
    FileChannel channel = FileChannel.open(dataDirectory.resolve(FILE_NAME),
        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock = channel.tryLock();
    if (lock == null) {
      channel.close();
      return null;
    }
    return new DataFolderLock(dataDirectory, channel, lock);
  }

  /** Deletes everything in the folder but the lock, for {@code --fresh}. */
  void deleteData() throws IOException {
    try (Stream<Path> children = Files.list(dataDirectory)) {
      for (Path child : children.filter(path -> !path.getFileName().toString().equals(FILE_NAME))
          .toList()) {
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
