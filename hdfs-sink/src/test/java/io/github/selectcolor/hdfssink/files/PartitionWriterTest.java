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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** The writer's offset rules, on the local file system. */
class PartitionWriterTest {

  private static final TopicPartition PARTITION = new TopicPartition("select-color", 0);
  private static final TimeBucket BUCKET = TimeBucket.of(Instant.parse("2026-11-22T09:30:00Z"),
      ZoneOffset.UTC);
  private static final byte[] LINE = "{\"eventId\":\"x\"}".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path directory;

  private final HdfsSinkProperties properties = new HdfsSinkProperties("select-color", 1, null,
      "/data", new HdfsSinkProperties.Roll(1_000, DataSize.ofMegabytes(128), Duration.ofMinutes(1)),
      Compression.NONE, DataSize.ofBytes(0), ZoneOffset.UTC, "select-color.dlq",
      Duration.ofMillis(500), new HdfsSinkProperties.Retry(Duration.ofMillis(100),
      Duration.ofSeconds(1)), Duration.ofSeconds(10), Map.of(),
      new HdfsSinkProperties.Dedup(Duration.ofHours(24), 1_000), 6);
  private final BackgroundSync backgroundSync = new BackgroundSync("writer-test-sync",
      properties.syncBehind());
  private FileSystem fileSystem;
  private SinkPaths paths;

  @BeforeEach
  void openFileSystem() throws IOException {
    fileSystem = FileSystem.getLocal(new Configuration()).getRawFileSystem();
    paths = new SinkPaths(new org.apache.hadoop.fs.Path(directory.toUri()), "select-color");
  }

  @AfterEach
  void closeBackgroundSync() {
    backgroundSync.close();
  }

  @Test
  void refusesARecordBeforeTheOffsetHdfsResumesAtInsteadOfNamingABackwardFile() {
    PartitionWriter writer = writerResumingAt(1000);

    assertThatThrownBy(() -> writer.write(0, LINE, BUCKET))
        .isInstanceOf(OffsetRewindException.class)
        .hasMessageContaining("went back to offset 0 after the sink had landed it up to offset 999");
    assertThat(writer.hasUncommitted()).isFalse();
  }

  @Test
  void refusesADeadLetterBeforeAnOffsetAlreadyWritten() throws Exception {
    PartitionWriter writer = writerResumingAt(1000);
    writer.write(1000, LINE, BUCKET);

    assertThatThrownBy(() -> writer.skip(3)).isInstanceOf(OffsetRewindException.class);
  }

  @Test
  void commitsAMarkerForARunOfDeadLettersThatNoFileCovers() throws Exception {
    PartitionWriter writer = writerResumingAt(10);
    writer.skip(10);
    writer.skip(11);

    PartitionWriter.Committed marker = writer.commit().orElseThrow();

    assertThat(marker.path().getName()).isEqualTo("select-color+0+0000000010+0000000011"
        + ".dead-lettered");
    assertThat(marker.isDataFile()).isFalse();
    assertThat(marker.nextOffset()).isEqualTo(12);
    assertThat(claim().nextOffset()).hasValue(12);
  }

  @Test
  void skipsACopyOfAnEventInTheOpenFileAndCommitsTheFileOverItsOffset() throws Exception {
    PartitionWriter writer = writerResumingAt(0);
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    writeEvent(writer, 0, first);

    assertThat(holds(writer, first)).isTrue();
    assertThat(holds(writer, second)).isFalse();
    writer.skip(1);
    writeEvent(writer, 2, second);
    PartitionWriter.Committed committed = writer.commit().orElseThrow();

    assertThat(committed.path().getName()).isEqualTo("select-color+0+0000000000+0000000002.jsonl");
    assertThat(committed.records()).isEqualTo(2);
    assertThat(Files.readAllLines(Path.of(committed.path().toUri())))
        .containsExactly(line(first), line(second));
  }

  @Test
  void coversACopyOfACommittedEventByAMarkerWhenNoFileIsOpen() throws Exception {
    UUID committedBefore = UUID.randomUUID();
    EventIdWindow rebuilt = new EventIdWindow(10, Duration.ofHours(24), Clock.systemUTC());
    rebuilt.add(committedBefore.getMostSignificantBits(), committedBefore.getLeastSignificantBits(),
        Instant.now().toEpochMilli());
    PartitionWriter writer = writer(20, rebuilt);

    assertThat(holds(writer, committedBefore)).isTrue();
    writer.skip(20);
    PartitionWriter.Committed marker = writer.commit().orElseThrow();

    assertThat(marker.path().getName()).isEqualTo("select-color+0+0000000020+0000000020"
        + ".dead-lettered");
    assertThat(marker.nextOffset()).isEqualTo(21);
  }

  @Test
  void stillHoldsItsEventsAfterOneReceivedFarInTheFuture() throws Exception {
    PartitionWriter writer = writerResumingAt(0);
    UUID first = UUID.randomUUID();
    UUID farFuture = UUID.randomUUID();
    UUID next = UUID.randomUUID();

    writeEvent(writer, 0, first);
    writer.write(1, line(farFuture).getBytes(StandardCharsets.UTF_8), BUCKET,
        Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli(),
        farFuture.getMostSignificantBits(), farFuture.getLeastSignificantBits());
    writeEvent(writer, 2, next);

    assertThat(holds(writer, first)).as("a copy of the first event is a copy").isTrue();
    assertThat(holds(writer, farFuture)).isTrue();
    assertThat(holds(writer, next)).isTrue();
  }

  private static void writeEvent(PartitionWriter writer, long offset, UUID id) throws Exception {
    writer.write(offset, line(id).getBytes(StandardCharsets.UTF_8), BUCKET,
        Instant.now().toEpochMilli(), id.getMostSignificantBits(), id.getLeastSignificantBits());
  }

  private static boolean holds(PartitionWriter writer, UUID id) {
    return writer.holds(id.getMostSignificantBits(), id.getLeastSignificantBits());
  }

  private static String line(UUID id) {
    return "{\"eventId\":\"" + id + "\"}";
  }

  private PartitionWriter writerResumingAt(long nextOffset) {
    return writer(nextOffset,
        new EventIdWindow(properties.dedup().maxEventIds(), properties.dedup().window(),
            Clock.systemUTC()));
  }

  private PartitionWriter writer(long nextOffset, EventIdWindow eventIds) {
    try {
      return new PartitionWriter(PARTITION, fileSystem, paths, claim().directory(), nextOffset,
          properties, backgroundSync, Clock.systemUTC(), CommitListener.NONE, eventIds);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private PartitionClaims.Claim claim() throws IOException {
    return new PartitionClaims(fileSystem, paths, properties).claim(List.of(0)).get(0);
  }
}
