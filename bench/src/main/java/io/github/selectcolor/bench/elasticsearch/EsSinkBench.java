package io.github.selectcolor.bench.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.github.selectcolor.embedded.connect.EmbeddedConnect;
import io.github.selectcolor.embedded.elasticsearch.ElasticsearchDistribution;
import io.github.selectcolor.embedded.elasticsearch.EmbeddedElasticsearch;
import io.github.selectcolor.embedded.kafka.LocalKafkaCluster;
import io.github.selectcolor.event.EventJson;
import io.github.selectcolor.event.SelectColorEvent;
import io.github.selectcolor.event.UserAgentDetails;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.http.HttpHost;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Elasticsearch connector's benchmark: pre-produces events with distinct ids into a
 * three-partition topic of an embedded one-broker Kafka, then, in a warm-up round and ROUNDS
 * measured ones, indexes the whole topic into one Elasticsearch node twice - with a plain bulk
 * loader (the ceiling) and with the connector in a real Connect worker that loads it from its
 * packaged plugin - each into fresh indices of the connector's template. Usage:
 * {@code EsSinkBench EVENTS ROUNDS RESULTS_DIR STAMP COMMIT PLUGIN_PATH}; prints the report's path.
 */
public final class EsSinkBench {

  static final int PARTITIONS = 3;
  static final double TARGET_SHARE_OF_CEILING = 0.7;
  static final int BATCH_SIZE = 1000;
  static final long BATCH_BYTES = 5L * 1024 * 1024;
  static final int IN_FLIGHT_PER_TASK = 4;
  private static final String TOPIC = "select-color";
  private static final String TEMPLATE = "io/github/selectcolor/essink/elastic/index-template.json";
  private static final Logger log = LoggerFactory.getLogger(EsSinkBench.class);

  private EsSinkBench() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 6) {
      System.err.println("Usage: EsSinkBench EVENTS ROUNDS RESULTS_DIR STAMP COMMIT PLUGIN_PATH");
      System.exit(2);
    }
    long events = Long.parseLong(args[0]);
    int measuredRounds = Integer.parseInt(args[1]);
    Path pluginPath = Path.of(args[5]);
    try (LocalKafkaCluster kafka = LocalKafkaCluster.temporary(1, Map.of()).start();
        EmbeddedElasticsearch elasticsearch = EmbeddedElasticsearch.builder()
            .distribution(ElasticsearchDistribution.zip()).heap("512m")
            .setting("action.destructive_requires_name", "false").build().start();
        RestClient rest = RestClient.builder(HttpHost.create(elasticsearch.url())).build();
        EmbeddedConnect connect = EmbeddedConnect.builder()
            .bootstrapServers(kafka.bootstrapServers()).pluginPath(pluginPath).start()) {
      createTopic(kafka.bootstrapServers());
      int eventBytes = produce(kafka.bootstrapServers(), events);
      ElasticsearchClient client = new ElasticsearchClient(new RestClientTransport(rest,
          new JacksonJsonpMapper()));
      String template = template(pluginPath);
      DocumentCount count = new DocumentCount(rest);
      BulkLoaderCeiling ceiling = new BulkLoaderCeiling(kafka.bootstrapServers(), TOPIC, client);
      ConnectorPass connector = new ConnectorPass(connect, TOPIC, elasticsearch.url());
      List<EsRound> rounds = new ArrayList<>();
      for (int round = 0; round <= measuredRounds; round++) {
        String pass = round == 0 ? "warmup" : "round" + round;
        String ceilingPrefix = "bench-ceiling-" + pass;
        client.indices().putIndexTemplate(request -> request.name(ceilingPrefix)
            .withJson(new StringReader(template.replace("${prefix}", ceilingPrefix))));
        Indexing ceilingResult = count.time(ceilingPrefix, events, () -> ceiling.load(
            ceilingPrefix, PARTITIONS, BATCH_SIZE, BATCH_BYTES, IN_FLIGHT_PER_TASK * PARTITIONS));
        log.info("Ceiling (bulk loader), {} pass: {}", pass, ceilingResult);
        String connectorPrefix = "bench-connector-" + pass;
        Indexing connectorResult = count.time(connectorPrefix, events,
            () -> connector.start("bench-" + pass, connectorPrefix, PARTITIONS));
        connector.stop("bench-" + pass);
        log.info("Connector, {} pass: {}", pass, connectorResult);
        deleteIndices(rest, ceilingPrefix, connectorPrefix);
        if (round > 0) {
          rounds.add(new EsRound(ceilingResult, connectorResult));
        }
      }
      Path report = write(Path.of(args[2]), args[3], new EsBenchResult(events, eventBytes, rounds,
          args[4]));
      System.out.println(report);
    }
  }

  /** The connector's own template, read from its plugin, so both subjects get its mappings. */
  private static String template(Path pluginPath) throws IOException {
    try (Stream<Path> jars = Files.walk(pluginPath)) {
      List<URL> urls = new ArrayList<>();
      for (Path jar : jars.filter(path -> path.getFileName().toString()
          .startsWith("elasticsearch-sink-")).toList()) {
        urls.add(jar.toUri().toURL());
      }
      try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), null);
          InputStream in = loader.getResourceAsStream(TEMPLATE)) {
        if (in == null) {
          throw new IllegalStateException("No connector jar with " + TEMPLATE + " under "
              + pluginPath + "; build the project first.");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  private static void createTopic(String bootstrapServers)
      throws InterruptedException, ExecutionException {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrapServers))) {
      admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
    }
  }

  /** Distinct events, as the collector writes them; returns the size of one. */
  private static int produce(String bootstrapServers, long events) {
    EventJson json = new EventJson();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    int size = 0;
    log.info("Producing {} distinct events.", events);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "1",
        ProducerConfig.LINGER_MS_CONFIG, 20,
        ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
      for (long index = 0; index < events; index++) {
        byte[] value = json.write(SelectColorEvent.of(UUID.randomUUID(), now, now, now,
            "Hanako Yamada", "blue", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
                + " (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            new UserAgentDetails("Chrome", "131", "Windows NT", "Desktop")));
        size = value.length;
        producer.send(new ProducerRecord<>(TOPIC, (int) (index % PARTITIONS), null, value));
      }
      producer.flush();
    }
    return size;
  }

  private static void deleteIndices(RestClient rest, String... prefixes) throws IOException {
    for (String prefix : prefixes) {
      rest.performRequest(new Request("DELETE", "/" + prefix + "-*"));
    }
  }

  private static Path write(Path resultsDirectory, String stamp, EsBenchResult result)
      throws IOException {
    Files.createDirectories(resultsDirectory);
    Path markdown = resultsDirectory.resolve("elasticsearch-sink-" + stamp + ".md");
    Files.writeString(markdown, result.markdown(), StandardCharsets.UTF_8);
    Files.writeString(resultsDirectory.resolve("elasticsearch-sink-" + stamp + ".json"),
        result.json(), StandardCharsets.UTF_8);
    Files.copy(markdown, resultsDirectory.resolve("elasticsearch-sink-latest.md"),
        StandardCopyOption.REPLACE_EXISTING);
    return markdown;
  }
}
