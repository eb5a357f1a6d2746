package io.github.selectcolor.hdfssink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.selectcolor.event.EventJson;
import io.github.selectcolor.hdfssink.files.CommittedFile;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Copies of an event - as a browser's retry, a collector's restart or a producer's retry make
 * them, all in the event's partition - land once, also across a {@code kill -9} of the sink;
 * records without a UUID event id land as they are.
 */
class DuplicateEventsIT extends SinkIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final EventJson events = new EventJson();

  @Test
  void dropsACopyInTheOpenFileAndLandsRecordsWithoutAUuidEventIdEveryTime() {
    ConfigurableApplicationContext sink = bed.startSink("hdfs-sink.workers=1");
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    UUID third = UUID.randomUUID();
    byte[] withoutId = ("{\"receivedAt\":\"" + Instant.now() + "\",\"colorName\":\"red\"}")
        .getBytes(StandardCharsets.UTF_8);
    byte[] notAUuid = ("{\"eventId\":\"order-17\",\"receivedAt\":\"" + Instant.now() + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    for (byte[] value : List.of(event(first), event(second), event(first), withoutId, withoutId,
        notAUuid, notAUuid, event(third))) {
      bed.send(0, value);
    }

    await("the offsets of partition 0 committed").atMost(Duration.ofSeconds(30))
        .until(() -> lastCommittedOffset() == 7);

    assertThat(landedIdCounts()).containsExactlyInAnyOrderEntriesOf(Map.of(
        first.toString(), 1L, second.toString(), 1L, third.toString(), 1L, "order-17", 2L,
        "none", 2L));
    MeterRegistry meters = sink.getBean(MeterRegistry.class);
    assertThat(meters.get("hdfs.sink.duplicates.dropped").counter().count()).isEqualTo(1);
    assertThat(meters.get("hdfs.sink.records.without.event.id").counter().count()).isEqualTo(4);
  }

  @Test
  void dropsCopiesOfCommittedEventsAfterAKillNineAndLandsThoseWhoseFirstCopyWasNotCommitted(
      @TempDir Path logs) throws Exception {
    UUID committed = UUID.randomUUID();
    UUID alsoCommitted = UUID.randomUUID();
    UUID uncommitted = UUID.randomUUID();
    UUID later = UUID.randomUUID();
    Process killed = bed.startSinkProcess(logs.resolve("killed.log"), "hdfs-sink.workers=1",
        "hdfs-sink.compression=gzip", "hdfs-sink.roll.max-records=2", "hdfs-sink.roll.max-age=30s");
    try {
      bed.send(0, event(committed));
      bed.send(0, event(alsoCommitted));
      bed.send(0, event(uncommitted));
      await("a file committed and the next one open").atMost(Duration.ofSeconds(40))
          .until(() -> lastCommittedOffset() == 1 && !bed.temporaryFiles().isEmpty());
    } finally {
      killed.destroyForcibly().waitFor();
    }
    bed.send(0, event(committed));
    bed.send(0, event(uncommitted));
    bed.send(0, event(later));

    ConfigurableApplicationContext restarted = bed.startSink("hdfs-sink.workers=1",
        "hdfs-sink.compression=gzip", "hdfs-sink.roll.max-age=1s");

    await("every offset of partition 0 committed").atMost(Duration.ofSeconds(30))
        .until(() -> lastCommittedOffset() == 5);
    assertThat(landedIdCounts()).containsExactlyInAnyOrderEntriesOf(Map.of(
        committed.toString(), 1L, alsoCommitted.toString(), 1L, uncommitted.toString(), 1L,
        later.toString(), 1L));
    assertThat(restarted.getBean(MeterRegistry.class).get("hdfs.sink.duplicates.dropped")
        .counter().count()).as("the copy of a committed event and the copy in the open file")
        .isEqualTo(2);
  }

  private byte[] event(UUID id) {
    return events.write(SinkTestBed.event(id, "Hanako Yamada"));
  }

  /** The last offset of partition 0 that a committed file covers, -1 for none. */
  private long lastCommittedOffset() {
    return bed.landed().names().stream().filter(name -> name.partition() == 0)
        .mapToLong(CommittedFile::lastOffset).max().orElse(-1);
  }

  /** How often each eventId, as written, is in the committed files; "none" for lines without. */
  private Map<String, Long> landedIdCounts() {
    return bed.landed().lines().stream().map(DuplicateEventsIT::eventIdOf)
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  private static String eventIdOf(byte[] line) {
    try {
      JsonNode eventId = JSON.readTree(line).get("eventId");
      return eventId == null ? "none" : eventId.asText();
    } catch (IOException e) {
      throw new UncheckedIOException("A landed line is not JSON.", e);
    }
  }
}
