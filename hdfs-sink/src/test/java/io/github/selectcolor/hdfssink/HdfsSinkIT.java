package io.github.selectcolor.hdfssink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.selectcolor.event.EventJson;
import io.github.selectcolor.hdfssink.LandedFiles.Landed;
import io.github.selectcolor.hdfssink.files.CommittedFile;
import io.github.selectcolor.hdfssink.files.TimeBucket;
import io.github.selectcolor.hdfssink.records.DeadLetterPublisher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

class HdfsSinkIT extends SinkIntegrationTest {

  @Test
  void commitsASingleEventWithinTheAgeBound() {
    bed.startSink("hdfs-sink.roll.max-age=2s");
    UUID id = bed.produce(1).get(0);

    await("the event committed to HDFS").atMost(Duration.ofSeconds(20))
        .until(() -> bed.landed().eventIds().contains(id));

    Landed file = bed.landed().files().get(0);
    assertThat(file.name().topic()).isEqualTo(bed.topic());
    assertThat(file.name().firstOffset()).isZero();
    assertThat(file.name().lastOffset()).isZero();
    assertThat(file.path().getName()).endsWith(".jsonl");
    assertThat(file.path().getParent().getParent().getParent()).isEqualTo(
        hdfs.fileSystem().makeQualified(bed.topicDirectory()));
  }

  @Test
  void writesValuesByteForByteIncludingKoreanNames() throws Exception {
    bed.startSink();
    byte[] value = new EventJson().write(SinkTestBed.event(UUID.randomUUID(), "김민지 ✓"));
    bed.send(0, value);

    await("the event committed").atMost(Duration.ofSeconds(20))
        .until(() -> bed.landed().lines().size() == 1);

    assertThat(bed.landed().lines().get(0)).isEqualTo(value);
    assertThat(new String(bed.landed().lines().get(0), StandardCharsets.UTF_8)).contains("김민지 ✓");
  }

  @Test
  void placesFilesInHiveStyleDirectoriesOfTheReceivedHour() {
    bed.startSink();
    UUID id = UUID.randomUUID();
    var event = SinkTestBed.event(id, "Hour Test");
    bed.send(1, new EventJson().write(event));

    await("the event committed").atMost(Duration.ofSeconds(20))
        .until(() -> bed.landed().eventIds().contains(id));

    TimeBucket bucket = TimeBucket.of(event.receivedAt().toInstant(), ZoneOffset.UTC);
    assertThat(bed.landed().files().get(0).path().toString())
        .endsWith("/" + bed.topic() + "/" + bucket.relativePath() + "/" + bed.topic()
            + "+1+0000000000+0000000000.jsonl");
  }

  @Test
  void rollsFilesByRecordCount() {
    bed.startSink("hdfs-sink.roll.max-records=10", "hdfs-sink.roll.max-age=30s");
    List<UUID> ids = bed.produce(0, 20, "Count Roll");

    await("two files of ten records").atMost(Duration.ofSeconds(20))
        .until(() -> bed.landed().files().size() == 2);

    assertThat(bed.landed().names()).containsExactly(
        new CommittedFile(bed.topic(), 0, 0, 9), new CommittedFile(bed.topic(), 0, 10, 19));
    assertThat(bed.landed().eventIds()).containsExactlyElementsOf(ids);
  }

  @Test
  void rollsFilesBySize() {
    bed.startSink("hdfs-sink.roll.max-bytes=2KB", "hdfs-sink.roll.max-age=30s");
    bed.produce(0, 30, "Size Roll");

    await("files of about 2 KB").atMost(Duration.ofSeconds(20))
        .until(() -> bed.landed().files().size() >= 3);

    for (Landed file : bed.landed().files()) {
      assertThat(file.content().length).isGreaterThanOrEqualTo(2048)
          .isLessThan(2048 + 1024);
    }
  }

  @Test
  void writesGzipFilesAtTheFastestLevelWhenAsked() {
    bed.startSink("hdfs-sink.compression=gzip", "hdfs-sink.gzip-level=1");
    List<UUID> ids = bed.produce(0, 5, "Gzip");

    await("the events committed").atMost(Duration.ofSeconds(20))
        .until(() -> bed.landed().eventIds().size() == 5);

    assertThat(bed.landed().files().get(0).path().getName()).endsWith(".jsonl.gz");
    assertThat(bed.landed().eventIds()).containsExactlyElementsOf(ids);
  }

  @Test
  void sendsRecordsThatAreNotUtf8JsonToTheDeadLetterTopicWithTheReason() {
    bed.startSink();
    UUID first = bed.produce(0, 1, "Before").get(0);
    bed.send(0, "not json at all".getBytes(StandardCharsets.UTF_8));
    bed.send(0, new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
    UUID last = bed.produce(0, 1, "After").get(0);

    List<ConsumerRecord<byte[], byte[]>> deadLetters = readDeadLetters(2);
    await("the good events committed").atMost(Duration.ofSeconds(20))
        .until(() -> bed.landed().eventIds().size() == 2);

    assertThat(bed.landed().eventIds()).containsExactly(first, last);
    assertThat(bed.landed().names()).containsExactly(new CommittedFile(bed.topic(), 0, 0, 3));
    assertThat(deadLetters).extracting(record -> header(record, DeadLetterPublisher.REASON_HEADER))
        .containsExactly("not-json", "not-utf8");
    assertThat(deadLetters).extracting(record -> header(record, DeadLetterPublisher.OFFSET_HEADER))
        .containsExactly("1", "2");
    assertThat(deadLetters.get(0).value()).isEqualTo("not json at all".getBytes(StandardCharsets.UTF_8));
    assertThat(header(deadLetters.get(0), DeadLetterPublisher.TOPIC_HEADER)).isEqualTo(bed.topic());
  }

  @Test
  void commitsOpenFilesAndOffsetsOnShutdown() throws Exception {
    ConfigurableApplicationContext sink = bed.startSink("hdfs-sink.roll.max-age=10m");
    List<UUID> ids = bed.produce(0, 5, "Shutdown");
    await("the sink read the events").atMost(Duration.ofSeconds(20))
        .until(() -> recordsRead(sink) >= 5);

    sink.close();

    assertThat(bed.landed().eventIds()).containsExactlyElementsOf(ids);
    assertThat(bed.groupOffsets()).containsEntry(new TopicPartition(bed.topic(), 0), 5L);
  }

  @Test
  void reportsHealthAndMetrics() throws Exception {
    ConfigurableApplicationContext sink = bed.startSink();
    bed.produce(0, 3, "Metrics");
    bed.send(0, "{broken".getBytes(StandardCharsets.UTF_8));
    await("the events committed").atMost(Duration.ofSeconds(20))
        .until(() -> bed.landed().eventIds().size() == 3);
    String base = "http://localhost:" + sink.getEnvironment().getProperty("local.server.port");

    await("the metrics of the commit").atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(get(base + "/actuator/prometheus"))
            .contains("hdfs_sink_records_written_total{application=\"hdfs-sink\"} 3.0")
            .contains("hdfs_sink_files_committed_total")
            .contains("hdfs_sink_commit_latency_seconds_bucket")
            .contains("hdfs_sink_records_dead_lettered_total{application=\"hdfs-sink\",reason=\"not-json\"} 1.0")
            .contains("kafka_consumer_fetch_manager_records_lag"));
    assertThat(get(base + "/actuator/health/readiness")).contains("\"status\":\"UP\"");
  }

  private static double recordsRead(ConfigurableApplicationContext sink) {
    var registry = sink.getBean(io.micrometer.core.instrument.MeterRegistry.class);
    return registry.find("kafka.consumer.fetch.manager.records.consumed.total").functionCounters()
        .stream().mapToDouble(counter -> counter.count()).sum();
  }

  private static String get(String url) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private List<ConsumerRecord<byte[], byte[]>> readDeadLetters(int expected) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-reader-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
      consumer.subscribe(List.of(bed.deadLetterTopic()));
      await("dead letters").atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return records.size() >= expected;
      });
    }
    return records;
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
