package io.github.selectcolor.embedded.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivilegeDropTest {

  @TempDir
  Path folder;

  @Test
  void namesTheFirstFolderOnTheWayThatOthersMayNotEnter() throws Exception {
    Path closed = Files.createDirectory(folder.resolve("closed"));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));

    assertThat(PrivilegeDrop.unreachable(closed.resolve("data").resolve("elasticsearch")))
        .contains("may not enter " + closed.toRealPath()).contains("rwx------");
  }

  @Test
  void acceptsAWorkDirectoryWhoseFoldersLetOthersPass() throws Exception {
    Path open = Files.createDirectory(folder.resolve("open"));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-x--x"));

    assertThat(PrivilegeDrop.unreachable(open.resolve("elasticsearch"))).isNull();
  }

  @Test
  void leavesTheWorkDirectoryItselfToTheHandOver() throws Exception {
    Path work = Files.createDirectory(folder.resolve("work"));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx------"));

    assertThat(PrivilegeDrop.unreachable(work)).isNull();
  }
}
