package io.github.selectcolor.embedded.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaClusterIT {

  @TempDir
  Path directory;

  @Test
  void keepsTopicsRecordsAndCommittedOffsetsAcrossARestart() throws Exception {
    List<Integer> ports = List.of(freePort(), freePort(), freePort());
    TopicPartition partition = new TopicPartition("kept", 0);
    try (LocalKafkaCluster cluster = LocalKafkaCluster.inDirectory(directory, ports, Map.of())
        .start();
        Admin admin = admin(cluster)) {
      admin.createTopics(List.of(new NewTopic("kept", 3, (short) 3))).all().get();
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
          ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
        for (int i = 0; i < 10; i++) {
          producer.send(new ProducerRecord<>("kept", 0, null, "record-" + i)).get();
        }
      }
      admin.alterConsumerGroupOffsets("readers", Map.of(partition, new OffsetAndMetadata(4))).all()
          .get();
    }

    try (LocalKafkaCluster cluster = LocalKafkaCluster.inDirectory(directory, ports, Map.of())
        .start();
        Admin admin = admin(cluster);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            new StringDeserializer(), new StringDeserializer())) {
      assertThat(admin.describeCluster().nodes().get()).hasSize(3);
      assertThat(admin.listConsumerGroupOffsets("readers").partitionsToOffsetAndMetadata().get())
          .containsEntry(partition, new OffsetAndMetadata(4));
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      List<String> values = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < 10 && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
      }
      assertThat(values).hasSize(10).startsWith("record-0").endsWith("record-9");
    }
  }

  private static Admin admin(LocalKafkaCluster cluster) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
