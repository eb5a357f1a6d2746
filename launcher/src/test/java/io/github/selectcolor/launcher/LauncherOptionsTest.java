package io.github.selectcolor.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherOptionsTest {

  @TempDir
  Path folder;

  @Test
  void keepsTheConventionalPortsAndALocalDataFolderByDefault() {
    LauncherOptions options = LauncherOptions.parse().options();

    assertThat(options.settings()).usingRecursiveComparison().ignoringFields("dataDirectory")
        .isEqualTo(StackSettings.standardPorts(Path.of("local-data")));
    assertThat(options.settings().dataDirectory())
        .isEqualTo(Path.of("local-data").toAbsolutePath().normalize());
    assertThat(options.fresh()).isFalse();
  }

  @Test
  void movesEveryPartToTheGivenPorts() throws Exception {
    // Elasticsearch runs as nobody when the tests run as root, and must reach the data folder.
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    LauncherOptions options = LauncherOptions.parse("--kafka-ports=19092,19093,19094",
        "--hdfs-port=19000", "--elasticsearch-port=19200", "--connect-port=18083",
        "--collector-port=18080", "--hdfs-sink-port=18082", "--dashboard-port=15601",
        "--data-dir=" + folder, "--fresh").options();

    StackSettings settings = options.settings();
    assertThat(settings.kafkaPorts()).containsExactly(19092, 19093, 19094);
    assertThat(List.of(settings.hdfsPort(), settings.elasticsearchPort(), settings.connectPort(),
        settings.collectorPort(), settings.hdfsSinkPort(), settings.dashboardPort()))
        .containsExactly(19000, 19200, 18083, 18080, 18082, 15601);
    assertThat(settings.dataDirectory()).isEqualTo(folder);
    assertThat(options.fresh()).isTrue();
  }

  @Test
  void namesEveryProblemOfTheCommandLine() throws Exception {
    Path file = Files.writeString(folder.resolve("file"), "");

    LauncherOptions.Parsed parsed = LauncherOptions.parse("--verbose", "--collector-port=eighty",
        "--kafka-ports=9092,0", "--data-dir=" + file.resolve("data"), "--fresh=yes");

    assertThat(parsed.options()).isNull();
    assertThat(parsed.problems()).containsExactly(
        "Unknown option --verbose.",
        "--collector-port takes port numbers from 1 to 65535, not \"eighty\".",
        "--kafka-ports takes port numbers from 1 to 65535, not \"0\".",
        "The data folder " + file.resolve("data") + " (--data-dir) cannot hold the pipeline's data: "
            + file + " is a file, not a folder.",
        "Unknown option --fresh=yes.");
  }

  @Test
  void listensOnLoopbackUnlessAnAddressIsGiven() {
    assertThat(LauncherOptions.parse().options().settings().applicationAddress())
        .isEqualTo("127.0.0.1");
    assertThat(LauncherOptions.parse("--bind-address=0.0.0.0").options().settings()
        .applicationAddress()).isEqualTo("0.0.0.0");
    assertThat(LauncherOptions.parse("--bind-address=::").options().settings()
        .applicationAddress()).isEqualTo("::");
    assertThat(LauncherOptions.parse("--bind-address=example.org").problems()).containsExactly(
        "--bind-address takes an IP address, such as 127.0.0.1 or 0.0.0.0 for every interface,"
            + " not \"example.org\".");
  }

  @Test
  void refusesToGiveOnePortToTwoParts() {
    LauncherOptions.Parsed parsed = LauncherOptions.parse("--dashboard-port=8080");

    assertThat(parsed.problems())
        .containsExactly("Port 8080 is given to both the collector and the dashboard.");
  }

  @Test
  void refusesADataFolderThatIsAFile() throws Exception {
    Path file = Files.writeString(folder.resolve("data"), "");

    assertThat(LauncherOptions.unwritable(file)).isEqualTo(file + " is a file, not a folder");
    assertThat(LauncherOptions.unwritable(folder.resolve("new").resolve("data"))).isNull();
  }
}
