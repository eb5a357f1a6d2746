package io.github.selectcolor.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFolderLockTest {

  @TempDir
  Path folder;

  @Test
  void marksANewFolderAsItsOwnAndEmptiesItButForTheLockAndTheMark() throws Exception {
    Path data = folder.resolve("data");
    try (DataFolderLock lock = DataFolderLock.tryAcquire(data)) {
      assertThat(lock.isLaunchersOwn()).isTrue();
    }
    Files.createDirectories(data.resolve("kafka"));
    Files.writeString(data.resolve("kafka").resolve("cluster.id"), "id");

    try (DataFolderLock lock = DataFolderLock.tryAcquire(data)) {
      assertThat(lock.isLaunchersOwn()).isTrue();
      lock.deleteData();
    }
    try (Stream<Path> left = Files.list(data)) {
      assertThat(left.map(path -> path.getFileName().toString()))
          .containsExactlyInAnyOrder("launcher.lock", "made-by-the-launcher");
    }
  }

  @Test
  void neverEmptiesAFolderOfTheUsers() throws Exception {
    Path project = Files.createDirectories(folder.resolve("project"));
    Files.writeString(project.resolve("pom.xml"), "<project/>");

    try (DataFolderLock lock = DataFolderLock.tryAcquire(project)) {
      assertThat(lock.isLaunchersOwn()).isFalse();
      assertThatThrownBy(lock::deleteData).isInstanceOf(IllegalStateException.class);
    }
    try (DataFolderLock lock = DataFolderLock.tryAcquire(project)) {
      assertThat(lock.isLaunchersOwn()).as("using it once does not make it the launcher's").isFalse();
    }
    assertThat(project.resolve("pom.xml")).exists();
  }

  @Test
  void takesAFolderOfAnEarlierLauncherForItsOwn() throws Exception {
    Path data = Files.createDirectories(folder.resolve("local-data").resolve("kafka"));
    Files.writeString(data.resolve("cluster.id"), "id");

    try (DataFolderLock lock = DataFolderLock.tryAcquire(data.getParent())) {
      assertThat(lock.isLaunchersOwn()).isTrue();
    }
  }
}
