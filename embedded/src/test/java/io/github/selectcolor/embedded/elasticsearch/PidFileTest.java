package io.github.selectcolor.embedded.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {

  private static final Duration GRACE = Duration.ofSeconds(10);

  @TempDir
  Path work;

  @Test
  void stopsTheProcessThatAnEarlierRunLeftInTheWorkDirectory() throws Exception {
    // A stand-in for Elasticsearch: its command line names the work directory, as the node's does.
    Process leftover = new ProcessBuilder("bash", "-c", "sleep 120; true", work.toString()).start();
    try {
      new PidFile(work).write(leftover);

      assertThat(PidFile.stopLeftover(work, GRACE)).contains(leftover.pid());
      assertThat(leftover.waitFor(GRACE.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(work.resolve("elasticsearch.pid")).doesNotExist();
    } finally {
      leftover.destroyForcibly();
    }
  }

  @Test
  void leavesAloneAProcessThatIsNotOfThisWorkDirectory() throws Exception {
    Process other = new ProcessBuilder("sleep", "120").start();
    try {
      new PidFile(work).write(other);

      assertThat(PidFile.stopLeftover(work, GRACE)).isEmpty();
      assertThat(other.isAlive()).isTrue();
    } finally {
      other.destroyForcibly();
    }
  }

  @Test
  void findsNothingWhereTheWorkDirectoryIsNotAFolder() throws Exception {
    Path file = Files.writeString(work.resolve("elasticsearch"), "not a folder");

    assertThat(PidFile.stopLeftover(file, GRACE)).isEmpty();
  }
}
