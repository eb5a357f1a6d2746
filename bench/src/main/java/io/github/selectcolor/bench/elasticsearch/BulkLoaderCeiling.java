package io.github.selectcolor.bench.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The ceiling: a plain bulk loader with the Elasticsearch client's {@link BulkIngester}, reading
 * the topic with one consumer and sending the documents the connector would send - the event plus
 * {@code indexedAt}, with the event id as {@code _id}, into the daily index - with the connector's
 * batch limits and as many requests in flight as the connector's tasks together.
 */
final class BulkLoaderCeiling {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

  private final String bootstrapServers;
  private final String topic;
  private final ElasticsearchClient client;
  private final ObjectMapper mapper = new ObjectMapper();

  BulkLoaderCeiling(String bootstrapServers, String topic, ElasticsearchClient client) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.client = client;
  }

  /** Loads the whole topic into {@code <prefix>-YYYY.MM.DD}; returns the documents acknowledged. */
  long load(String prefix, int partitions, int batchSize, long batchBytes, int inFlight)
      throws IOException, InterruptedException {
    AtomicLong acknowledged = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    BulkListener<Void> listener = new BulkListener<>() {
      @Override
      public void beforeBulk(long executionId, BulkRequest request, List<Void> contexts) {
      }

      @Override
      public void afterBulk(long executionId, BulkRequest request, List<Void> contexts,
          BulkResponse response) {
        response.items().forEach(item -> (item.error() == null ? acknowledged : failed)
            .incrementAndGet());
      }

      @Override
      public void afterBulk(long executionId, BulkRequest request, List<Void> contexts,
          Throwable failure) {
        failed.addAndGet(request.operations().size());
      }
    };
    try (BulkIngester<Void> ingester = BulkIngester.of(builder -> builder.client(client)
            .maxOperations(batchSize).maxSize(batchBytes).maxConcurrentRequests(inFlight)
            .listener(listener));
        KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> assigned = IntStream.range(0, partitions)
          .mapToObj(partition -> new TopicPartition(topic, partition)).toList();
      consumer.assign(assigned);
      consumer.seekToBeginning(assigned);
      Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
      while (!assigned.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(java.time.Duration.ofMillis(100))) {
          ObjectNode event = (ObjectNode) mapper.readTree(record.value());
          String index = prefix + "-" + DAY.format(OffsetDateTime.parse(event.get("receivedAt").asText()));
          event.put("indexedAt", Instant.now().toString());
          byte[] source = mapper.writeValueAsBytes(event);
          String id = event.get("eventId").asText();
          ingester.add(operation -> operation.index(doc -> doc.index(index).id(id)
              .document(BinaryData.of(source, ContentType.APPLICATION_JSON))));
        }
      }
    }
    if (failed.get() > 0) {
      throw new IllegalStateException("The bulk loader saw " + failed.get() + " failed documents.");
    }
    return acknowledged.get();
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return new KafkaConsumer<>(config);
  }
}
