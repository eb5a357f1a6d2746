package io.github.selectcolor.hdfssink.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.selectcolor.hdfssink.HdfsSinkProperties;
import io.github.selectcolor.hdfssink.dedup.EventIdWindow;
import io.github.selectcolor.hdfssink.records.RecordInspector;
import io.github.selectcolor.hdfssink.records.RecordInspector.Valid;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rebuilding a claim's window from committed files, on the local file system. */
class EventIdRebuildTest {

  private static final TopicPartition PARTITION = new TopicPartition("select-color", 0);
  private static final Instant NOW = Instant.parse("2026-11-22T09:30:00Z");
  private static final Clock SINK_CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir
  Path directory;

  private FileSystem fileSystem;
  private SinkPaths paths;

  @BeforeEach
  void openFileSystem() throws IOException {
    fileSystem = FileSystem.getLocal(new Configuration()).getRawFileSystem();
    paths = new SinkPaths(new org.apache.hadoop.fs.Path(directory.toUri()), "select-color");
  }

  @Test
  void holdsTheIdsOfTheNewestFilesPlainAndGzipUpToTheCount() throws IOException {
    List<UUID> older = commit(0, ".jsonl", NOW, 3);
    List<UUID> newer = commit(3, ".jsonl.gz", NOW, 3);

    EventIdWindow window = rebuild(4, Duration.ofHours(24));

    assertThat(window.size()).isEqualTo(4);
    assertThat(newer).allMatch(id -> contains(window, id));
    assertThat(contains(window, older.get(2))).isTrue();
    assertThat(older.subList(0, 2)).noneMatch(id -> contains(window, id));
  }

  @Test
  void stopsAtFilesWhollyBeforeTheTimeBound() throws IOException {
    List<UUID> dayBefore = commit(0, ".jsonl", NOW.minus(Duration.ofHours(30)), 2);
    List<UUID> recent = commit(2, ".jsonl", NOW.minus(Duration.ofHours(1)), 1);
    List<UUID> newest = commit(3, ".jsonl", NOW, 2);

    EventIdWindow window = rebuild(1_000, Duration.ofHours(24));

    assertThat(window.size()).isEqualTo(3);
    assertThat(recent).allMatch(id -> contains(window, id));
    assertThat(newest).allMatch(id -> contains(window, id));
    assertThat(dayBefore).noneMatch(id -> contains(window, id));
  }

  @Test
  void passesOverLinesWithoutAUuidEventId() throws IOException {
    UUID id = UUID.randomUUID();
    write(0, 2, ".jsonl", "{\"eventId\":\"not-a-uuid\",\"receivedAt\":\"" + NOW + "\"}\n"
        + "{\"receivedAt\":\"" + NOW + "\",\"eventId\":\"" + id + "\"}\n{\"a\":1}\n");

    EventIdWindow window = rebuild(1_000, Duration.ofHours(24));

    assertThat(window.size()).isEqualTo(1);
    assertThat(contains(window, id)).isTrue();
    assertThat(window.newestMillis()).isEqualTo(NOW.toEpochMilli());
  }

  @Test
  void readsPastALineReceivedFarInTheFutureToTheOlderFilesWithinTheWindow() throws IOException {
    List<UUID> older = commit(0, ".jsonl", NOW.minus(Duration.ofHours(20)), 2);
    List<UUID> farFuture = commit(2, ".jsonl", Instant.parse("9999-12-31T23:59:59.999Z"), 1);
    List<UUID> newest = commit(3, ".jsonl", NOW, 2);

    EventIdWindow window = rebuild(1_000, Duration.ofHours(24));

    assertThat(window.size()).isEqualTo(5);
    assertThat(List.of(older, farFuture, newest)).allMatch(ids -> ids.stream()
        .allMatch(id -> contains(window, id)));
    assertThat(window.newestMillis()).isEqualTo(NOW.plus(Duration.ofHours(1)).toEpochMilli());
  }

  @Test
  void readsFilesWithoutIdsOnlyForAWindowBeforeTheirNewestLine() throws IOException {
    // Were the rebuild to open this file, reading it would fail: it is not gzip.
    org.apache.hadoop.fs.Path notGzip = file(0, 1, ".jsonl.gz");
    try (OutputStream out = fileSystem.create(notGzip)) {
      out.write("not gzip\n".getBytes(StandardCharsets.UTF_8));
    }
    modifiedAt(notGzip, NOW.minus(Duration.ofHours(30)));
    String withoutId = "{\"eventId\":\"not-a-uuid\",\"receivedAt\":\"%s\"}\n{\"a\":1}\n";
    modifiedAt(write(1, 2, ".jsonl", withoutId.formatted(NOW.minus(Duration.ofHours(20)))),
        NOW.minus(Duration.ofHours(20)));
    modifiedAt(write(3, 2, ".jsonl", withoutId.formatted(NOW)), NOW);

    EventIdWindow window = rebuild(1_000, Duration.ofHours(24));

    assertThat(window.size()).isZero();
  }

  @Test
  void keepsTheIdsOfAPartitionIdleForLongerThanTheWindow() throws IOException {
    List<UUID> older = commit(0, ".jsonl", NOW.minus(Duration.ofHours(20)), 2);
    modifiedAt(file(0, 2, ".jsonl"), NOW.minus(Duration.ofHours(20)));
    List<UUID> newest = commit(2, ".jsonl", NOW, 2);
    modifiedAt(file(2, 2, ".jsonl"), NOW);
    Clock threeDaysLater = Clock.offset(SINK_CLOCK, Duration.ofDays(3));

    EventIdWindow window = rebuild(1_000, Duration.ofHours(24), threeDaysLater);

    assertThat(window.size()).isEqualTo(4);
    assertThat(List.of(older, newest)).allMatch(ids -> ids.stream()
        .allMatch(id -> contains(window, id)));
  }

  @Test
  void findsTheIdAndTimeLandingFoundWhenALineRepeatsTheFields() throws IOException {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    Instant earlier = NOW.minus(Duration.ofHours(2));
    List<String> lines = List.of(
        "{\"eventId\":\"x\",\"eventId\":\"" + first + "\",\"receivedAt\":\"" + NOW + "\"}",
        "{\"eventId\":42,\"eventId\":\"" + first + "\",\"receivedAt\":\"" + NOW + "\"}",
        "{\"eventId\":\"" + first + "\",\"eventId\":\"" + second + "\",\"receivedAt\":\""
            + NOW + "\"}",
        "{\"receivedAt\":\"" + earlier + "\",\"eventId\":\"" + first + "\",\"receivedAt\":\""
            + NOW + "\"}",
        "{\"eventId\":\"" + first + "\",\"receivedAt\":\"" + earlier + "\",\"eventId\":\""
            + second + "\",\"receivedAt\":\"" + NOW + "\"}");
    RecordInspector inspector = new RecordInspector(ZoneOffset.UTC);
    List<String> landedAs = new ArrayList<>();
    List<String> rebuiltAs = new ArrayList<>();
    for (String line : lines) {
      fileSystem.delete(paths.topicDirectory(), true);
      write(0, 1, ".jsonl", line + "\n");
      Valid landed = (Valid) inspector.inspect(line.getBytes(StandardCharsets.UTF_8), 0);
      EventIdWindow window = rebuild(1_000, Duration.ofHours(24));

      landedAs.add(!landed.hasEventId() ? "none" : name(new UUID(landed.eventIdHigh(),
          landed.eventIdLow()), first, second) + "@" + Instant.ofEpochMilli(landed.placedAt()));
      rebuiltAs.add(window.size() == 0 ? "none" : (contains(window, first) ? "first"
          : contains(window, second) ? "second" : "other") + "@"
          + Instant.ofEpochMilli(window.newestMillis()));
    }

    assertThat(rebuiltAs).isEqualTo(landedAs);
    assertThat(landedAs).containsExactly("none", "none", "first@" + NOW, "first@" + earlier,
        "first@" + earlier);
  }

  private static String name(UUID id, UUID first, UUID second) {
    return id.equals(first) ? "first" : id.equals(second) ? "second" : "other";
  }

  private EventIdWindow rebuild(int maxIds, Duration window) throws IOException {
    return rebuild(maxIds, window, SINK_CLOCK);
  }

  private EventIdWindow rebuild(int maxIds, Duration window, Clock clock) throws IOException {
    PartitionClaims.Claim claim = new PartitionClaims(fileSystem, paths, window).claim(List.of(0))
        .get(0);
    return new EventIdRebuild(fileSystem, new HdfsSinkProperties.Dedup(window, maxIds), clock)
        .rebuild(PARTITION, claim.dataFiles());
  }

  private List<UUID> commit(long firstOffset, String extension, Instant receivedAt, int count)
      throws IOException {
    List<UUID> ids = new ArrayList<>();
    StringBuilder lines = new StringBuilder();
    for (int index = 0; index < count; index++) {
      UUID id = UUID.randomUUID();
      ids.add(id);
      lines.append("{\"schemaVersion\":1,\"eventId\":\"").append(id).append("\",\"receivedAt\":\"")
          .append(receivedAt).append("\",\"userName\":\"").append("a".repeat(700)).append("\"}\n");
    }
    write(firstOffset, count, extension, lines.toString());
    return ids;
  }

  private org.apache.hadoop.fs.Path write(long firstOffset, int count, String extension,
      String lines) throws IOException {
    org.apache.hadoop.fs.Path file = file(firstOffset, count, extension);
    try (OutputStream raw = fileSystem.create(file);
        OutputStream out = extension.endsWith(".gz") ? new GZIPOutputStream(raw) : raw) {
      out.write(lines.getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  private org.apache.hadoop.fs.Path file(long firstOffset, int count, String extension) {
    return new org.apache.hadoop.fs.Path(
        paths.bucketDirectory(TimeBucket.of(NOW, java.time.ZoneOffset.UTC)),
        new CommittedFile("select-color", 0, firstOffset, firstOffset + count - 1)
            .fileName(extension));
  }

  private void modifiedAt(org.apache.hadoop.fs.Path file, Instant time) throws IOException {
    fileSystem.setTimes(file, time.toEpochMilli(), -1);
  }

  private static boolean contains(EventIdWindow window, UUID id) {
    return window.contains(id.getMostSignificantBits(), id.getLeastSignificantBits());
  }
}
