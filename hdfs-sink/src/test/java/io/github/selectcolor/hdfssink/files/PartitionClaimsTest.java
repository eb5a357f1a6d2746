package io.github.selectcolor.hdfssink.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.selectcolor.hdfssink.HdfsSinkProperties;
import io.github.selectcolor.hdfssink.HdfsSinkProperties.Compression;
import io.github.selectcolor.hdfssink.dedup.EventIdWindow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** Where claims resume, and what they read to find it, on the local file system. */
class PartitionClaimsTest {

  private static final String TOPIC = "select-color";
  private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
  private static final Instant START = Instant.parse("2026-11-22T09:30:00Z");
  private static final TimeBucket BUCKET = TimeBucket.of(START, ZoneOffset.UTC);
  private static final byte[] LINE = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path directory;

  private final HdfsSinkProperties properties = new HdfsSinkProperties(TOPIC, 1, null, "/data",
      new HdfsSinkProperties.Roll(1_000, DataSize.ofMegabytes(128), Duration.ofMinutes(1)),
      Compression.NONE, DataSize.ofBytes(0), ZoneOffset.UTC, "select-color.dlq",
      Duration.ofMillis(500), new HdfsSinkProperties.Retry(Duration.ofMillis(100),
      Duration.ofSeconds(1)), Duration.ofSeconds(10), Map.of(),
      new HdfsSinkProperties.Dedup(Duration.ofHours(24), 1_000), 6);
  private final BackgroundSync backgroundSync = new BackgroundSync("claims-test-sync",
      properties.syncBehind());
  private final MovableClock clock = new MovableClock(START);
  private CountingFileSystem fileSystem;
  private SinkPaths paths;

  @BeforeEach
  void openFileSystem() throws IOException {
    fileSystem = new CountingFileSystem(FileSystem.getLocal(new Configuration()).getRawFileSystem());
    paths = new SinkPaths(new org.apache.hadoop.fs.Path(directory.toUri()), TOPIC);
  }

  @AfterEach
  void closeBackgroundSync() {
    backgroundSync.close();
  }

  @Test
  void listsTwoDirectoriesToResumeAPartitionOfTenThousandFiles() throws Exception {
    writeWithoutLog(10_000, 10);
    PartitionWriter writer = writer(claim());
    assertThat(fileSystem.listed()).as("the topic's, its 43 days' and 1,000 hours', the log's"
        + " and the dead-letter markers' directories, listed once to write the log")
        .hasSize(1 + 43 + 1_000 + 2);
    writeOffsets(writer, 1_000_000, 5);
    writer.commit();
    fileSystem.reset();

    PartitionClaims.Claim claim = claim();

    assertThat(claim.nextOffset()).hasValue(1_000_005);
    assertThat(fileSystem.listed()).containsExactlyInAnyOrder(paths.commitLogDirectory(0),
        paths.deadLetteredDirectory(0));
    assertThat(fileSystem.lookedUp()).hasSize(1);
    assertThat(claim.dataFiles()).as("the new file and those of the 26 hours within the"
        + " retention of the newest listed one").hasSize(1 + 26 * 10);
  }

  @Test
  void listsTheTopicOnceWhenThePartitionHasNoCommitLog() throws IOException {
    writeWithoutLog(100, 10);

    PartitionClaims.Claim migrating = claim();
    int listedToMigrate = fileSystem.listed().size();
    fileSystem.reset();
    PartitionClaims.Claim next = claim();

    assertThat(listedToMigrate).isEqualTo(1 + 1 + 10 + 2);
    assertThat(migrating.nextOffset()).hasValue(10_000);
    assertThat(migrating.dataFiles()).hasSize(100);
    assertThat(next.nextOffset()).hasValue(10_000);
    assertThat(fileSystem.listed()).hasSize(2);
    assertThat(next.dataFiles()).extracting(PartitionClaims.DataFile::name)
        .isEqualTo(migrating.dataFiles().stream().map(PartitionClaims.DataFile::name).toList());
  }

  @Test
  void resumesAfterThePreviousFileWhenTheNewestEntryNamesAFileNeverRenamed() throws Exception {
    PartitionWriter writer = writer(claim());
    writeOffsets(writer, 0, 3);
    writer.commit();
    PartitionWriter crashing = writer(claim(), crashAfterLogging());
    writeOffsets(crashing, 3, 4);
    assertThatThrownBy(crashing::commit).hasMessageContaining("crash");
    assertThat(logEntries()).hasSize(2);

    PartitionClaims.Claim claim = claim();

    assertThat(claim.nextOffset()).hasValue(3);
    assertThat(logEntries()).containsExactly(
        "dt=2026-11-22,hour=09,select-color+0+0000000000+0000000002.jsonl");
    PartitionWriter resumed = writer(claim);
    writeOffsets(resumed, 3, 2);
    resumed.commit();
    assertThat(claim().nextOffset()).hasValue(5);
  }

  @Test
  void listsTheTopicAgainWhenNoFileItsLogNamesExists() throws Exception {
    PartitionWriter writer = writer(claim());
    writeOffsets(writer, 0, 3);
    PartitionWriter.Committed committed = writer.commit().orElseThrow();
    fileSystem.delete(committed.path(), false);
    writeWithoutLog(2, 1);

    PartitionClaims.Claim claim = claim();

    assertThat(claim.nextOffset()).hasValue(200);
    assertThat(logEntries()).hasSize(2).noneMatch(entry -> entry.endsWith("+0000000002.jsonl"));
  }

  @Test
  void resumesAfterADeadLetterMarkerNewerThanTheNewestFile() throws Exception {
    PartitionWriter writer = writer(claim());
    writeOffsets(writer, 0, 3);
    writer.commit();
    writer.skip(3);
    writer.skip(4);
    writer.commit();

    assertThat(claim().nextOffset()).hasValue(5);
  }

  @Test
  void keepsOnlyTheEntriesWithinTheRetentionOfTheNewestCommit() throws Exception {
    PartitionWriter writer = writer(claim());
    writeOffsets(writer, 0, 1);
    writer.commit();
    clock.advance(Duration.ofHours(1));
    writeOffsets(writer, 1, 1);
    writer.commit();
    clock.advance(CommitLog.retention(properties));
    writeOffsets(writer, 2, 1);
    writer.commit();

    assertThat(logEntries()).containsExactlyInAnyOrder(
        "dt=2026-11-22,hour=09,select-color+0+0000000001+0000000001.jsonl",
        "dt=2026-11-22,hour=09,select-color+0+0000000002+0000000002.jsonl");
    assertThat(claim().nextOffset()).hasValue(3);
  }

  /**
   * Data files as a version without a commit log left them: empty, {@code perHour} to an hour
   * directory, each of 100 offsets, each hour's committed an hour after the one before, the last
   * now.
   */
  private void writeWithoutLog(int files, int perHour) throws IOException {
    long hours = (files - 1) / perHour;
    Instant firstCommitted = Instant.now().minus(Duration.ofHours(hours));
    for (int index = 0; index < files; index++) {
      Duration later = Duration.ofHours(index / perHour);
      org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(
          paths.bucketDirectory(TimeBucket.of(START.plus(later), ZoneOffset.UTC)),
          new CommittedFile(TOPIC, 0, 100L * index, 100L * index + 99).fileName(".jsonl"));
      // Through java.nio: Hadoop's local file system forks chmod for each file it creates.
      Path local = Path.of(file.toUri());
      Files.createDirectories(local.getParent());
      Files.createFile(local);
      Files.setLastModifiedTime(local, FileTime.from(firstCommitted.plus(later)));
    }
  }

  private List<String> logEntries() throws IOException {
    return Arrays.stream(fileSystem.listStatus(paths.commitLogDirectory(0)))
        .map(FileStatus::getPath).map(org.apache.hadoop.fs.Path::getName).toList();
  }

  private PartitionClaims.Claim claim() throws IOException {
    return new PartitionClaims(fileSystem, paths, properties).claim(List.of(0)).get(0);
  }

  private PartitionWriter writer(PartitionClaims.Claim claim) {
    return writer(claim, CommitListener.NONE);
  }

  private PartitionWriter writer(PartitionClaims.Claim claim, CommitListener listener) {
    return new PartitionWriter(PARTITION, fileSystem, paths, claim.directory(),
        claim.nextOffset().orElse(-1), properties, backgroundSync, clock, listener,
        new EventIdWindow(properties.dedup().maxEventIds(), properties.dedup().window(), clock));
  }

  /** Fails the commit after the entry is logged and before the file is renamed. */
  private static CommitListener crashAfterLogging() {
    return new CommitListener() {
      @Override
      public void synced(TopicPartition partition, org.apache.hadoop.fs.Path temporaryFile) {
        throw new IllegalStateException("A crash between logging and renaming.");
      }
    };
  }

  private static void writeOffsets(PartitionWriter writer, long first, int count)
      throws IOException, OffsetRewindException {
    for (long offset = first; offset < first + count; offset++) {
      writer.write(offset, LINE, BUCKET);
    }
  }

  private static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("The test's clock has one zone.");
    }
  }
}
