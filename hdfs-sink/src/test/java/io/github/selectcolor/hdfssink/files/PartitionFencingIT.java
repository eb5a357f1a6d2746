package io.github.selectcolor.hdfssink.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.selectcolor.testkit.hdfs.HdfsClusterExtension;
import io.github.selectcolor.hdfssink.HdfsSinkProperties;
import io.github.selectcolor.hdfssink.HdfsSinkProperties.Compression;
import io.github.selectcolor.hdfssink.dedup.EventIdWindow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.util.unit.DataSize;

/**
 * A stalled earlier owner of a partition (a zombie, with an HDFS client of its own as if in another
 * process) against the partition's new owner.
 */
class PartitionFencingIT {

  @RegisterExtension
  static final HdfsClusterExtension hdfs = HdfsClusterExtension.withDataNodes(1);

  private static final String TOPIC = "select-color";
  private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
  private static final TimeBucket BUCKET = TimeBucket.of(Instant.parse("2026-11-22T09:30:00Z"),
      ZoneOffset.UTC);
  private static final byte[] LINE = "{\"eventId\":\"x\"}".getBytes(StandardCharsets.UTF_8);

  private final HdfsSinkProperties properties = new HdfsSinkProperties(TOPIC, 1, null, "/fence",
      new HdfsSinkProperties.Roll(1_000, DataSize.ofMegabytes(128), Duration.ofMinutes(1)),
      Compression.NONE, DataSize.ofBytes(64), ZoneOffset.UTC, "select-color.dlq", Duration.ofMillis(500),
      new HdfsSinkProperties.Retry(Duration.ofMillis(100), Duration.ofSeconds(1)),
      Duration.ofSeconds(10), Map.of(),
      new HdfsSinkProperties.Dedup(Duration.ofHours(24), 1_000), 6);
  private SinkPaths paths;
  private FileSystem zombieClient;
  private FileSystem ownerClient;
  private final BackgroundSync backgroundSync = new BackgroundSync("fencing-it-sync",
      properties.syncBehind());

  @BeforeEach
  void openClients() throws IOException {
    paths = new SinkPaths(new Path("/fence/" + UUID.randomUUID()), TOPIC);
    zombieClient = FileSystem.newInstance(hdfs.uri(), new Configuration());
    ownerClient = FileSystem.newInstance(hdfs.uri(), new Configuration());
  }

  @AfterEach
  void closeClients() throws IOException {
    backgroundSync.close();
    zombieClient.close();
    ownerClient.close();
  }

  @Test
  void zombieCannotCommitItsOpenFileOnceANewOwnerClaimedThePartition() throws Exception {
    PartitionWriter zombie = writer(zombieClient, claim(zombieClient));
    writeOffsets(zombie, 0, 5);

    PartitionClaims.Claim owner = claim(ownerClient);

    assertThat(owner.nextOffset()).isEmpty();
    assertThatThrownBy(zombie::commit).isInstanceOf(IOException.class);
    assertThat(committedFiles()).isEmpty();
  }

  @Test
  void zombieCannotOpenAFileOnceANewOwnerClaimedThePartition() throws IOException {
    PartitionWriter zombie = writer(zombieClient, claim(zombieClient));

    claim(ownerClient);

    assertThatThrownBy(() -> zombie.write(0, LINE, BUCKET)).isInstanceOf(IOException.class);
    assertThat(committedFiles()).isEmpty();
  }

  @Test
  void newOwnerResumesAfterTheLastFileTheZombieCommittedBeforeTheClaim() throws Exception {
    PartitionWriter zombie = writer(zombieClient, claim(zombieClient));
    writeOffsets(zombie, 0, 5);
    zombie.commit();
    writeOffsets(zombie, 5, 3);

    PartitionClaims.Claim owner = claim(ownerClient);
    PartitionWriter writer = writer(ownerClient, owner);
    writeOffsets(writer, 5, 3);
    writer.commit();

    assertThat(owner.nextOffset()).hasValue(5);
    assertThatThrownBy(zombie::commit).isInstanceOf(IOException.class);
    assertThat(committedFiles()).containsExactly(new CommittedFile(TOPIC, 0, 0, 4),
        new CommittedFile(TOPIC, 0, 5, 7));
  }

  @Test
  void zombieCannotAppendToTheCommitLogOnceANewOwnerClaimedThePartition() throws Exception {
    PartitionWriter zombie = writer(zombieClient, claim(zombieClient));
    writeOffsets(zombie, 0, 5);

    claim(ownerClient);

    assertThatThrownBy(zombie::commit).isInstanceOf(IOException.class);
    assertThat(ownerClient.listStatus(paths.commitLogDirectory(0))).isEmpty();
  }

  @Test
  void newOwnerDropsTheEntryAZombieLoggedBeforeTheClaimAndRenamedTooLate() throws Exception {
    PartitionWriter zombie = writer(zombieClient, claim(zombieClient));
    writeOffsets(zombie, 0, 5);
    zombie.commit();
    List<PartitionClaims.Claim> owner = new ArrayList<>();
    PartitionWriter claimedBetween = writer(zombieClient, claim(zombieClient), new CommitListener() {
      @Override
      public void synced(TopicPartition partition, Path temporaryFile) {
        try {
          owner.add(claim(ownerClient));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    });
    writeOffsets(claimedBetween, 5, 3);

    assertThatThrownBy(claimedBetween::commit).isInstanceOf(IOException.class);
    assertThat(owner.get(0).nextOffset()).hasValue(5);
    assertThat(Arrays.stream(ownerClient.listStatus(paths.commitLogDirectory(0)))
        .map(status -> status.getPath().getName()))
        .containsExactly("dt=2026-11-22,hour=09,select-color+0+0000000000+0000000004.jsonl");
    assertThat(claim(ownerClient).nextOffset()).hasValue(5);
  }

  private PartitionClaims.Claim claim(FileSystem client) throws IOException {
    return new PartitionClaims(client, paths, properties).claim(List.of(0)).get(0);
  }

  private PartitionWriter writer(FileSystem client, PartitionClaims.Claim claim) {
    return writer(client, claim, CommitListener.NONE);
  }

  private PartitionWriter writer(FileSystem client, PartitionClaims.Claim claim,
      CommitListener listener) {
    return new PartitionWriter(PARTITION, client, paths, claim.directory(),
        claim.nextOffset().orElse(-1), properties, backgroundSync, Clock.systemUTC(), listener,
        new EventIdWindow(properties.dedup().maxEventIds(), properties.dedup().window(),
            Clock.systemUTC()));
  }

  private static void writeOffsets(PartitionWriter writer, long first, int count)
      throws IOException, OffsetRewindException {
    for (long offset = first; offset < first + count; offset++) {
      writer.write(offset, LINE, BUCKET);
    }
  }

  private List<CommittedFile> committedFiles() throws IOException {
    Path directory = paths.bucketDirectory(BUCKET);
    if (!ownerClient.exists(directory)) {
      return List.of();
    }
    return java.util.Arrays.stream(ownerClient.listStatus(directory))
        .map(status -> CommittedFile.parse(status.getPath().getName()).orElseThrow())
        .sorted(java.util.Comparator.comparingLong(CommittedFile::firstOffset))
        .toList();
  }
}
