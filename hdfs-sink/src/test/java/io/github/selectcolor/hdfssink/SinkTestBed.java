package io.github.selectcolor.hdfssink;

import static org.awaitility.Awaitility.await;

import io.github.selectcolor.testkit.hdfs.HdfsClusterExtension;
import io.github.selectcolor.testkit.kafka.KafkaClusterExtension;
import io.github.selectcolor.event.EventJson;
import io.github.selectcolor.event.SelectColorEvent;
import io.github.selectcolor.event.UserAgentDetails;
import io.github.selectcolor.hdfssink.files.CommitListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One test's world on the shared Kafka cluster and HDFS: a topic of its own (3 partitions, 3
 * replicas), a base directory and consumer group of its own, a producer of real events, and the
 * sink instances it started, which {@link #close()} stops.
 */
final class SinkTestBed implements AutoCloseable {

  static final int PARTITIONS = 3;

  private final KafkaClusterExtension kafka;
  private final HdfsClusterExtension hdfs;
  private final String topic;
  private final String basePath;
  private final KafkaProducer<byte[], byte[]> producer;
  private final EventJson json = new EventJson();
  private final List<ConfigurableApplicationContext> sinks = new ArrayList<>();

  SinkTestBed(KafkaClusterExtension kafka, HdfsClusterExtension hdfs) {
    this.kafka = kafka;
    this.hdfs = hdfs;
    this.topic = "select-color-" + UUID.randomUUID().toString().substring(0, 8);
    this.basePath = "/it/" + topic;
    createTopic();
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
  }

  private void createTopic() {
    createTopic(new NewTopic(topic, PARTITIONS, (short) 3)
        .configs(Map.of("min.insync.replicas", "2")));
  }

  /**
   * Creates the dead-letter topic before the sink does, with one partition, three replicas and
   * the given settings, such as a small {@code max.message.bytes}.
   */
  void createDeadLetterTopic(Map<String, String> configs) {
    Map<String, String> all = new HashMap<>(configs);
    all.putIfAbsent("min.insync.replicas", "2");
    createTopic(new NewTopic(deadLetterTopic(), 1, (short) 3).configs(all));
  }

  private void createTopic(NewTopic newTopic) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        kafka.bootstrapServers()))) {
      admin.createTopics(List.of(newTopic)).all().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Could not create topic " + newTopic.name() + ".",
          e.getCause());
    }
  }

  String topic() {
    return topic;
  }

  String deadLetterTopic() {
    return topic + ".dlq";
  }

  Path topicDirectory() {
    return new Path(basePath, topic);
  }

  /** The settings every instance of this test gets; extra ones of the form key=value win. */
  Map<String, Object> properties(String... extra) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("server.port", "0");
    properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
    properties.put("spring.kafka.consumer.group-id", topic + "-sink");
    properties.put("spring.kafka.consumer.properties.session.timeout.ms", "6000");
    properties.put("spring.kafka.consumer.properties.heartbeat.interval.ms", "500");
    properties.put("hdfs-sink.topic", topic);
    properties.put("hdfs-sink.dead-letter-topic", deadLetterTopic());
    properties.put("hdfs-sink.file-system", hdfs.uri().toString());
    properties.put("hdfs-sink.base-path", basePath);
    properties.put("hdfs-sink.roll.max-age", "2s");
    // Small test files still sync in the background while they are written.
    properties.put("hdfs-sink.sync-behind", "4KB");
    properties.put("hdfs-sink.poll-timeout", "200ms");
    properties.put("hdfs-sink.retry.initial-backoff", "200ms");
    properties.put("hdfs-sink.retry.max-backoff", "2s");
    properties.put("hdfs-sink.shutdown-timeout", "20s");
    properties.put("hdfs-sink.hadoop.ipc.client.connect.max.retries", "1");
    properties.put("hdfs-sink.hadoop.ipc.client.connect.retry.interval", "100");
    properties.put("hdfs-sink.hadoop.dfs.client.block.write.replace-datanode-on-failure.policy",
        "NEVER");
    for (String setting : extra) {
      int equals = setting.indexOf('=');
      properties.put(setting.substring(0, equals), setting.substring(equals + 1));
    }
    return properties;
  }

  ConfigurableApplicationContext startSink(String... extra) {
    return startSink(CommitListener.NONE, extra);
  }

  ConfigurableApplicationContext startSink(CommitListener listener, String... extra) {
    ConfigurableApplicationContext sink = HdfsSinkApplication.builder()
        .properties(properties(extra))
        .initializers(context -> context.getBeanFactory()
            .registerSingleton("commitListener", listener))
        .run();
    sinks.add(sink);
    return sink;
  }

  /**
   * Starts the sink as a process of its own, which a test can kill with {@code kill -9}
   * ({@link Process#destroyForcibly()}), its output going to {@code log}.
   */
  Process startSinkProcess(java.nio.file.Path log, String... extra) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        HdfsSinkApplication.class.getName()));
    for (Map.Entry<String, Object> property : properties(extra).entrySet()) {
      command.add("--" + property.getKey() + "=" + property.getValue());
    }
    Files.createDirectories(log.getParent());
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
  }

  /** The sink's temporary files: those of open files, and any a crash left. */
  List<Path> temporaryFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    Path temporary = new Path(basePath, "+tmp");
    if (!hdfs.fileSystem().exists(temporary)) {
      return files;
    }
    RemoteIterator<LocatedFileStatus> statuses = hdfs.fileSystem().listFiles(temporary, true);
    while (statuses.hasNext()) {
      files.add(statuses.next().getPath());
    }
    return files;
  }

  /** Sends real events to the partition (or, when it is null, spread by the producer). */
  List<UUID> produce(Integer partition, int count, String userName) {
    List<UUID> ids = new ArrayList<>();
    for (int index = 0; index < count; index++) {
      UUID id = UUID.randomUUID();
      send(partition, json.write(event(id, userName)));
      ids.add(id);
    }
    producer.flush();
    return ids;
  }

  List<UUID> produce(int count) {
    return produce(null, count, "Hanako Yamada");
  }

  void send(Integer partition, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topic, partition, null, value)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Kafka did not take a test record.", e.getCause());
    }
  }

  static SelectColorEvent event(UUID id, String userName) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(9));
    return SelectColorEvent.of(id, now.minusNanos(120_000_000), now, now, userName, "blue",
        "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0", UserAgentDetails.UNKNOWN);
  }

  LandedFiles landed() {
    return LandedFiles.read(hdfs.fileSystem(), topicDirectory());
  }

  /** Kafka's group offsets of the sink's group, which the sink updates after each commit. */
  Map<TopicPartition, Long> groupOffsets() {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        kafka.bootstrapServers()))) {
      Map<TopicPartition, Long> offsets = new HashMap<>();
      admin.listConsumerGroupOffsets(topic + "-sink").partitionsToOffsetAndMetadata().get()
          .forEach((partition, offset) -> offsets.put(partition, offset.offset()));
      return offsets;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Could not read the sink's group offsets.", e.getCause());
    }
  }

  /** Every record of the dead-letter topic, read up to the end of its log. */
  List<ConsumerRecord<byte[], byte[]>> deadLetters() {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
      List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic()).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      await("the dead-letter topic read to its end").atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return partitions.stream().allMatch(
            partition -> consumer.position(partition) >= ends.get(partition));
      });
    }
    return records;
  }

  /** The body of an actuator endpoint of the sink, such as {@code health/liveness}. */
  static String actuator(ConfigurableApplicationContext sink, String endpoint) {
    URI uri = URI.create("http://localhost:" + sink.getEnvironment()
        .getProperty("local.server.port") + "/actuator/" + endpoint);
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    sinks.forEach(ConfigurableApplicationContext::close);
    producer.close();
  }
}
