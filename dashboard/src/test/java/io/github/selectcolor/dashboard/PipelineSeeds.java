package io.github.selectcolor.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Puts what the pipeline would have written into the real engines, directly. */
final class PipelineSeeds {

  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  private PipelineSeeds() {
  }

  /** Creates the index with the connector's mapping and the alias, and indexes the events. */
  static void indexEvents(String elasticsearchUrl, String index, List<IndexedEvent> events) {
    send(elasticsearchUrl, "PUT", "/" + index, "application/json", resource("select-color-index.json"));
    StringBuilder bulk = new StringBuilder();
    for (IndexedEvent event : events) {
      bulk.append("{\"index\":{\"_id\":\"").append(event.eventId()).append("\"}}\n")
          .append(event.document()).append('\n');
    }
    String answer = send(elasticsearchUrl, "POST", "/" + index + "/_bulk?refresh=true",
        "application/x-ndjson", bulk.toString());
    if (!answer.contains("\"errors\":false")) {
      throw new IllegalStateException("Elasticsearch refused a test event: " + answer);
    }
  }

  /** Creates the topic with one partition per entry and that many records in each. */
  static void createTopicWithRecords(String bootstrapServers, String topic, int... recordsPerPartition) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers));
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
      admin.createTopics(List.of(new NewTopic(topic, recordsPerPartition.length, (short) 1)))
          .all().get();
      for (int partition = 0; partition < recordsPerPartition.length; partition++) {
        for (int record = 0; record < recordsPerPartition[partition]; record++) {
          producer.send(new ProducerRecord<>(topic, partition, null,
              "{}".getBytes(StandardCharsets.UTF_8))).get();
        }
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("Kafka refused the test topic " + topic + ".", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Commits offsets for a group as a consumer of it would, partition to next offset to read. */
  static void commitOffsets(String bootstrapServers, String group, String topic,
      Map<Integer, Long> offsets) {
    Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
    offsets.forEach((partition, offset) ->
        commit.put(new TopicPartition(topic, partition), new OffsetAndMetadata(offset)));
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, group,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
      consumer.assign(new ArrayList<>(commit.keySet()));
      consumer.commitSync(commit, Duration.ofSeconds(30));
    }
  }

  /**
   * Writes the HDFS sink's layout for the hour of {@code now} (UTC): two files committed now, and
   * three that must not count - one committed two hours ago, one not named as the sink names its
   * files, one still being written under {@code +tmp}. Returns the bytes of the two.
   */
  static long writeSinkFiles(FileSystem hdfs, String basePath, String topic, Instant now) {
    LocalDateTime hour = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
    Path bucket = new Path(basePath + "/" + topic + String.format(Locale.ROOT,
        "/dt=%s/hour=%02d", hour.toLocalDate(), hour.getHour()));
    byte[] lines = "{\"colorName\":\"blue\"}\n".repeat(4).getBytes(StandardCharsets.UTF_8);
    long bytes = writeFile(hdfs, new Path(bucket, topic + "+0+0000000000+0000000003.jsonl"), lines,
        now);
    bytes += writeFile(hdfs, new Path(bucket, topic + "+1+0000000000+0000000002.jsonl.gz"),
        new byte[123], now);
    writeFile(hdfs, new Path(bucket, topic + "+2+0000000000+0000000002.jsonl"), lines,
        now.minus(Duration.ofHours(2)));
    writeFile(hdfs, new Path(bucket, "notes.txt"), lines, now);
    writeFile(hdfs, new Path(basePath + "/+tmp/" + topic + "/partition=0/claim-1/" + topic
        + "+0+0000000004+0000000009.jsonl"), lines, now);
    return bytes;
  }

  /** Writes a file and sets its modification time; returns its length. */
  private static long writeFile(FileSystem hdfs, Path path, byte[] content, Instant modified) {
    try {
      try (OutputStream out = hdfs.create(path, false)) {
        out.write(content);
      }
      hdfs.setTimes(path, modified.toEpochMilli(), -1);
      return hdfs.getFileStatus(path).getLen();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the test file " + path + ".", e);
    }
  }

  private static String send(String baseUrl, String method, String path, String contentType,
      String body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", contentType)
        .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
    try {
      HttpResponse<String> response = HTTP.send(request,
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(method + " " + path + " answered HTTP "
            + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = PipelineSeeds.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("No test resource " + name + ".");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
