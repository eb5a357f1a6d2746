package io.github.selectcolor.hdfssink.files;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.Path;

/** A file system that notes which directories are listed and which paths are looked up. */
final class CountingFileSystem extends FilterFileSystem {

  private final List<Path> listed = new ArrayList<>();
  private final List<Path> lookedUp = new ArrayList<>();

  CountingFileSystem(FileSystem fileSystem) {
    super(fileSystem);
  }

  @Override
  public FileStatus[] listStatus(Path directory) throws IOException {
    listed.add(directory);
    return super.listStatus(directory);
  }

  @Override
  public FileStatus getFileStatus(Path path) throws IOException {
    lookedUp.add(path);
    return super.getFileStatus(path);
  }

  List<Path> listed() {
    return List.copyOf(listed);
  }

  List<Path> lookedUp() {
    return List.copyOf(lookedUp);
  }

  void reset() {
    listed.clear();
    lookedUp.clear();
  }
}
