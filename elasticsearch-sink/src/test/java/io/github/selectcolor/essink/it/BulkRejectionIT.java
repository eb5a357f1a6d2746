package io.github.selectcolor.essink.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.selectcolor.embedded.connect.EmbeddedConnect;
import io.github.selectcolor.testkit.elasticsearch.ElasticsearchExtension;
import io.github.selectcolor.testkit.kafka.KafkaClusterExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Real 429s: an Elasticsearch node with one write thread and a write queue of one refuses most of
 * the concurrent bulk requests of three tasks, and the connector retries them to completion.
 */
class BulkRejectionIT {

  @RegisterExtension
  @Order(1)
  static final KafkaClusterExtension kafka = KafkaClusterExtension.withBrokers(1);

  @RegisterExtension
  @Order(2)
  static final ElasticsearchExtension elasticsearch = ElasticsearchExtension.singleNode()
      .setting("thread_pool.write.size", "1")
      .setting("thread_pool.write.queue_size", "1");

  private static EmbeddedConnect connect;

  @BeforeAll
  static void startConnect() {
    connect = ConnectorTestBed.startConnect(kafka.bootstrapServers());
  }

  @AfterAll
  static void stopConnect() {
    if (connect != null) {
      connect.close();
    }
  }

  @Test
  void retriesRejectedBulkRequestsUntilEveryEventIsIndexed() {
    ConnectorTestBed bed = new ConnectorTestBed(kafka.bootstrapServers());
    ElasticsearchProbe probe = new ElasticsearchProbe(elasticsearch.url());
    try (Events events = new Events(kafka.bootstrapServers(), bed.topic)) {
      events.send(3000);
    }

    LogCapture log = LogCapture.start();
    try (log) {
      connect.put("connectors/" + bed.connector + "/config", bed.config(elasticsearch.url(),
          "tasks.max=3", "batch.size=20", "max.in.flight.requests=8", "retry.backoff.ms=20",
          "retry.backoff.max.ms=500"));

      await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
          .untilAsserted(() -> assertThat(probe.count(bed.indexPrefix)).isEqualTo(3000));
    }
    // Rejections come and go many times a second; each task says so at most twice a minute.
    assertThat(log.withStackTraces()).as(log.text()).isZero();
    assertThat(log.lines()).as(log.text()).isLessThan(30);
    assertThat(probe.rejectedWrites()).as("Elasticsearch refused writes with 429").isPositive();
    assertThat(probe.eventIds(bed.indexPrefix, 5000)).hasSize(3000);
    assertThat(connect.state(bed.connector)).isEqualTo("RUNNING RUNNING RUNNING RUNNING");
  }
}
