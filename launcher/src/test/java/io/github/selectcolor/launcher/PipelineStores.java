package io.github.selectcolor.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what the local pipeline stored, from outside, as a user's tools would: the topic as
 * kafka-console-consumer reads it, the committed HDFS files, and Elasticsearch over HTTP.
 *
 * @param bootstrapServers Kafka's brokers
 * @param hdfs             the NameNode
 * @param elasticsearchUrl Elasticsearch's HTTP address
 */
record PipelineStores(String bootstrapServers, URI hdfs, String elasticsearchUrl) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration TOPIC_READ_DEADLINE = Duration.ofSeconds(30);
  private static final String HDFS_TOPIC_DIRECTORY = LocalStack.HDFS_BASE_PATH + "/" + LocalStack.TOPIC;

  /** Every record of the topic, read from the beginning to its current end, by eventId. */
  Map<String, JsonNode> topicEvents() throws IOException {
    Map<String, JsonNode> events = new LinkedHashMap<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
        new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(LocalStack.TOPIC).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + TOPIC_READ_DEADLINE.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
          && System.nanoTime() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(500))) {
          JsonNode event = JSON.readTree(record.value());
          events.put(event.get("eventId").asText(), event);
        }
      }
    }
    return events;
  }

  /** The eventIds of every line of every committed file, each as often as it occurs. */
  List<String> committedEventIds() throws IOException {
    List<String> eventIds = new ArrayList<>();
    try (FileSystem fileSystem = FileSystem.newInstance(hdfs, new Configuration())) {
      Path directory = new Path(HDFS_TOPIC_DIRECTORY);
      if (!fileSystem.exists(directory)) {
        return eventIds;
      }
      RemoteIterator<LocatedFileStatus> files = fileSystem.listFiles(directory, true);
      while (files.hasNext()) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
            fileSystem.open(files.next().getPath()), StandardCharsets.UTF_8))) {
          for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            eventIds.add(JSON.readTree(line).get("eventId").asText());
          }
        }
      }
    }
    return eventIds;
  }

  /** The document of the event, read through the alias by its id. */
  JsonNode document(String eventId) {
    return getJson(elasticsearchUrl + "/" + LocalStack.TOPIC + "/_doc/" + eventId);
  }

  long documentCount() {
    getJson(elasticsearchUrl + "/" + LocalStack.TOPIC + "/_refresh");
    return getJson(elasticsearchUrl + "/" + LocalStack.TOPIC + "/_count").path("count").asLong(-1);
  }

  private static JsonNode getJson(String url) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + url + " failed.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted during GET " + url + ".", e);
    }
  }
}
