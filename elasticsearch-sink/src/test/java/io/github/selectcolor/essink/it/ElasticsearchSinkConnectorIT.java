package io.github.selectcolor.essink.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.selectcolor.embedded.connect.EmbeddedConnect;
import io.github.selectcolor.testkit.elasticsearch.ElasticsearchExtension;
import io.github.selectcolor.testkit.kafka.KafkaClusterExtension;
import io.github.selectcolor.event.SelectColorEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The connector in a real Connect worker, loaded from its packaged plugin, between a real Kafka
 * cluster and a real Elasticsearch node.
 */
class ElasticsearchSinkConnectorIT {

  @RegisterExtension
  @Order(1)
  static final KafkaClusterExtension kafka = KafkaClusterExtension.withBrokers(1);

  @RegisterExtension
  @Order(2)
  static final ElasticsearchExtension elasticsearch = ElasticsearchExtension.singleNode();

  private static EmbeddedConnect connect;
  private static ElasticsearchProbe probe;

  @BeforeAll
  static void startConnect() {
    connect = ConnectorTestBed.startConnect(kafka.bootstrapServers());
    probe = new ElasticsearchProbe(elasticsearch.url());
  }

  @AfterAll
  static void stopConnect() {
    if (connect != null) {
      connect.close();
    }
  }

  @Test
  void indexesEveryEventOnceWithItsExactFields() {
    ConnectorTestBed bed = new ConnectorTestBed(kafka.bootstrapServers());
    List<SelectColorEvent> sent;
    try (Events events = new Events(kafka.bootstrapServers(), bed.topic)) {
      sent = events.send(300);
    }
    createConnector(bed);

    awaitCount(bed, 300);
    assertThat(probe.eventIds(bed.indexPrefix, 1000)).hasSize(300);
    SelectColorEvent korean = sent.get(0);
    JsonNode hit = probe.document(bed.indexPrefix, korean.eventId().toString()).orElseThrow();
    JsonNode source = hit.path("_source");
    assertThat(hit.path("_index").asText()).startsWith(bed.indexPrefix + "-");
    assertThat(source.path("userName").asText()).isEqualTo(Events.KOREAN_NAME);
    assertThat(source.path("colorName").asText()).isEqualTo(korean.colorName());
    assertThat(source.path("eventId").asText()).isEqualTo(korean.eventId().toString());
    assertThat(source.path("agent").path("browser").asText()).isEqualTo("Chrome");
    assertThat(source.path("indexedAt").asText()).isNotBlank();
    assertThat(probe.indexTemplate(bed.indexPrefix)).isNotNull();
  }

  @Test
  void replayingFromResetOffsetsKeepsTheFirstWritesAndCommitsPastThem() {
    ConnectorTestBed bed = new ConnectorTestBed(kafka.bootstrapServers());
    try (Events events = new Events(kafka.bootstrapServers(), bed.topic)) {
      events.send(200);
    }
    createConnector(bed);
    awaitCount(bed, 200);
    awaitCommittedOffsets(bed, 200);

    connect.put("connectors/" + bed.connector + "/stop", null);
    await().atMost(Duration.ofSeconds(30)).until(() -> connect.state(bed.connector)
        .startsWith("STOPPED"));
    connect.delete("connectors/" + bed.connector + "/offsets");
    Instant reset = Instant.now();
    connect.put("connectors/" + bed.connector + "/resume", null);

    awaitCommittedOffsets(bed, 200);
    assertThat(TaskMetricsProbe.documentsAlreadyIndexed(bed.connector)).isEqualTo(200);
    assertThat(probe.countIndexedBefore(bed.indexPrefix, reset)).isEqualTo(200);
    assertThat(probe.count(bed.indexPrefix)).isEqualTo(200);
  }

  @Test
  void anEventIdSentAgainCannotOverwriteTheDocumentIndexedFirst() {
    ConnectorTestBed bed = new ConnectorTestBed(kafka.bootstrapServers());
    createConnector(bed);
    String eventId = UUID.randomUUID().toString();
    try (Events events = new Events(kafka.bootstrapServers(), bed.topic)) {
      events.sendRaw(Events.minimal(eventId, "red"));
      // The daily index is new: until its shard has started, searches answer 503.
      await().atMost(Duration.ofSeconds(60)).ignoreExceptionsInstanceOf(IllegalStateException.class)
          .until(() -> probe.count(bed.indexPrefix) == 1);
      events.sendRaw(Events.minimal(eventId, "blue"));
    }

    awaitCommittedOffsets(bed, 2);
    assertThat(TaskMetricsProbe.documentsAlreadyIndexed(bed.connector)).isEqualTo(1);
    assertThat(probe.document(bed.indexPrefix, eventId).orElseThrow()
        .path("_source").path("colorName").asText()).isEqualTo("red");
    assertThat(probe.count(bed.indexPrefix)).isEqualTo(1);
    assertThat(connect.state(bed.connector)).isEqualTo("RUNNING RUNNING");
  }

  @Test
  void sendsMalformedRecordsToTheDeadLetterTopicAndIndexesTheRest() {
    ConnectorTestBed bed = new ConnectorTestBed(kafka.bootstrapServers());
    try (Events events = new Events(kafka.bootstrapServers(), bed.topic)) {
      events.send(50);
      events.sendRaw("not json at all");
      events.sendRaw("[\"an\",\"array\"]");
      events.sendRaw("{\"eventId\":\"" + UUID.randomUUID() + "\",\"receivedAt\":\"yesterday\"}");
      events.sendRaw("{\"eventId\":\"" + UUID.randomUUID()
          + "\",\"receivedAt\":\"+292278995-01-01T00:00:00Z\"}");
      events.send(50);
    }
    createConnector(bed);

    awaitCount(bed, 100);
    List<ConsumerRecord<byte[], byte[]>> deadLetters = readDeadLetters(bed, 4);
    assertThat(deadLetters).extracting(record -> header(record,
            "__connect.errors.exception.message"))
        .anySatisfy(reason -> assertThat(reason).contains("not JSON"))
        .anySatisfy(reason -> assertThat(reason).contains("not an object"))
        .anySatisfy(reason -> assertThat(reason).contains("Elasticsearch refused"))
        .anySatisfy(reason -> assertThat(reason).contains("outside the storable window"));
    assertThat(probe.count(bed.indexPrefix)).isEqualTo(100);
    assertThat(probe.indices(bed.indexPrefix + "-*")).isNotEmpty().allMatch(index -> index
        .matches(Pattern.quote(bed.indexPrefix) + "-\\d{4}\\.\\d{2}\\.\\d{2}"));
    assertThat(connect.state(bed.connector)).isEqualTo("RUNNING RUNNING");
  }

  @Test
  void losesNothingAndLogsLittleWhileElasticsearchIsDownForThirtySeconds() {
    ConnectorTestBed bed = new ConnectorTestBed(kafka.bootstrapServers());
    // A small buffer, so that the task pauses its partitions during the outage and resumes them.
    createConnector(bed, "max.buffered.records=200");
    List<SelectColorEvent> sent = new ArrayList<>();
    LogCapture outage;
    try (Events events = new Events(kafka.bootstrapServers(), bed.topic)) {
      sent.addAll(events.send(600));
      await().atMost(Duration.ofSeconds(60)).until(() -> probe.count(bed.indexPrefix) > 0);

      elasticsearch.stop();
      outage = LogCapture.start();
      try (outage) {
        sent.addAll(events.send(400));
        // The task keeps retrying, and stays up, for the whole outage.
        awaitRunningThroughout(bed, Duration.ofSeconds(30));
      } finally {
        elasticsearch.start();
      }
    }

    awaitCount(bed, 1000);
    assertIndexedOnce(bed, sent);
    assertQuiet(outage);
  }

  @Test
  void aTaskStartedWhileElasticsearchIsDownWaitsQuietlyAndThenIndexesEveryEventOnce() {
    ConnectorTestBed bed = new ConnectorTestBed(kafka.bootstrapServers());
    createConnector(bed);
    // The first task checks Elasticsearch on its first put, which may come after the stop below;
    // it would then warn too, before the restart replaces it. Let it find Elasticsearch first.
    await().atMost(Duration.ofSeconds(30))
        .until(() -> probe.indexTemplate(bed.indexPrefix) != null);
    List<SelectColorEvent> sent = new ArrayList<>();
    elasticsearch.stop();
    LogCapture outage = LogCapture.start();
    try (outage; Events events = new Events(kafka.bootstrapServers(), bed.topic)) {
      connect.post("connectors/" + bed.connector + "/tasks/0/restart");
      sent.addAll(events.send(100));
      // A task whose start() throws is FAILED for good: Connect retries only put().
      awaitRunningThroughout(bed, Duration.ofSeconds(15));
      sent.addAll(events.send(100));
      awaitRunningThroughout(bed, Duration.ofSeconds(15));
    } finally {
      elasticsearch.start();
    }

    awaitCount(bed, 200);
    assertIndexedOnce(bed, sent);
    assertQuiet(outage);
    assertThat(outage.matching(Level.WARN, "cannot take documents")).as(outage.text())
        .isEqualTo(1);
    assertThat(probe.indexTemplate(bed.indexPrefix)).isNotNull();
    assertThat(connect.state(bed.connector)).isEqualTo("RUNNING RUNNING");
  }

  @Test
  void losesNothingWhenTheTaskRestartsMidStream() {
    ConnectorTestBed bed = new ConnectorTestBed(kafka.bootstrapServers());
    createConnector(bed, "batch.size=50", "max.in.flight.requests=1");
    try (Events events = new Events(kafka.bootstrapServers(), bed.topic)) {
      events.send(4000);
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> probe.count(bed.indexPrefix) > 0);
    long before = probe.count(bed.indexPrefix);
    connect.post("connectors/" + bed.connector + "/tasks/0/restart");

    awaitCount(bed, 4000);
    assertThat(before).as("the restart came mid-stream").isLessThan(4000);
    assertThat(connect.state(bed.connector)).isEqualTo("RUNNING RUNNING");
  }

  @Test
  void failsLoudlyWhenElasticsearchStaysDownPastTheRetryBudget() {
    ConnectorTestBed bed = new ConnectorTestBed(kafka.bootstrapServers());
    createConnector(bed, "retry.timeout.ms=3000");
    // The task has found Elasticsearch once: from then on an outage is bounded by the budget.
    await().atMost(Duration.ofSeconds(30))
        .until(() -> probe.indexTemplate(bed.indexPrefix) != null);
    elasticsearch.stop();
    try (Events events = new Events(kafka.bootstrapServers(), bed.topic)) {
      events.send(10);
      await().atMost(Duration.ofSeconds(60))
          .until(() -> connect.state(bed.connector).equals("RUNNING FAILED"));
      String trace = connect.get("connectors/" + bed.connector + "/status").path("tasks").get(0)
          .path("trace").asText();
      assertThat(trace).contains("within the retry budget of PT3S");
    } finally {
      elasticsearch.start();
    }
  }

  @Test
  void validationNamesAnUnreachableElasticsearch() {
    ConnectorTestBed bed = new ConnectorTestBed(kafka.bootstrapServers());
    Map<String, String> unreachable = new HashMap<>(bed.config("http://127.0.0.1:1"));
    unreachable.put("name", bed.connector);
    Map<String, String> reachable = new HashMap<>(bed.config(elasticsearch.url()));
    reachable.put("name", bed.connector);

    assertThat(validationErrors(unreachable, "connection.urls"))
        .anySatisfy(error -> assertThat(error).contains("Elasticsearch could not be reached"));
    assertThat(validationErrors(reachable, "connection.urls")).isEmpty();
  }

  private static List<String> validationErrors(Map<String, String> config, String key) {
    JsonNode answer = connect.put("connector-plugins/ElasticsearchSinkConnector/config/validate",
        config);
    List<String> errors = new ArrayList<>();
    for (JsonNode value : answer.path("configs")) {
      if (value.path("value").path("name").asText().equals(key)) {
        value.path("value").path("errors").forEach(error -> errors.add(error.asText()));
      }
    }
    return errors;
  }

  private static void awaitRunningThroughout(ConnectorTestBed bed, Duration stretch) {
    await().during(stretch).atMost(stretch.plusSeconds(15))
        .until(() -> connect.state(bed.connector).equals("RUNNING RUNNING"));
  }

  /**
   * The project's bound for a dependency's outage: its log grows by a few lines and under 50 KB a
   * minute, with no stack trace per retry. These outages last about 30 s.
   */
  private static void assertQuiet(LogCapture outage) {
    String text = outage.text();
    String log = outage.lines() + " lines, " + outage.bytes() + " bytes, beginning:\n"
        + text.substring(0, Math.min(text.length(), 6000));
    assertThat(outage.withStackTraces()).as(log).isZero();
    assertThat(outage.lines()).as(log).isLessThan(20);
    assertThat(outage.bytes()).as(log).isLessThan(25 * 1024);
  }

  /** Every event sent is indexed, once: as many documents as events, and their ids. */
  private static void assertIndexedOnce(ConnectorTestBed bed, List<SelectColorEvent> sent) {
    assertThat(probe.count(bed.indexPrefix)).isEqualTo(sent.size());
    assertThat(probe.eventIds(bed.indexPrefix, 2 * sent.size()))
        .containsExactlyInAnyOrderElementsOf(sent.stream()
            .map(event -> event.eventId().toString()).toList());
  }

  private static void createConnector(ConnectorTestBed bed, String... overrides) {
    connect.put("connectors/" + bed.connector + "/config",
        bed.config(elasticsearch.url(), overrides));
    await().atMost(Duration.ofSeconds(30))
        .until(() -> connect.state(bed.connector).equals("RUNNING RUNNING"));
  }

  private static void awaitCount(ConnectorTestBed bed, long expected) {
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(probe.count(bed.indexPrefix)).isEqualTo(expected));
  }

  /** Waits until the committed offsets of the topic's partitions add up to {@code expected}. */
  private static void awaitCommittedOffsets(ConnectorTestBed bed, long expected) {
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      JsonNode offsets = connect.get("connectors/" + bed.connector + "/offsets");
      long committed = 0;
      for (JsonNode partition : offsets.path("offsets")) {
        committed += partition.path("offset").path("kafka_offset").asLong();
      }
      return committed == expected;
    });
  }

  private static List<ConsumerRecord<byte[], byte[]>> readDeadLetters(ConnectorTestBed bed,
      int expected) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(bed.deadLetterTopic));
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return records.size() >= expected;
      });
    }
    assertThat(records).hasSize(expected);
    return records;
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
    Header header = record.headers().lastHeader(key);
    return header == null ? "" : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
  }
}
