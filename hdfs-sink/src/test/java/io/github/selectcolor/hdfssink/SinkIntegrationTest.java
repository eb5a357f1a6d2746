package io.github.selectcolor.hdfssink;

import io.github.selectcolor.testkit.hdfs.HdfsClusterExtension;
import io.github.selectcolor.testkit.kafka.KafkaClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sink on a real three-broker Kafka cluster and a real HDFS, both fresh for each test class;
 * each test gets a {@link SinkTestBed} of its own (topic, base directory, group).
 */
abstract class SinkIntegrationTest {

  @RegisterExtension
  static final KafkaClusterExtension kafka = KafkaClusterExtension.withBrokers(3)
      .brokerProperty("group.initial.rebalance.delay.ms", "0");

  @RegisterExtension
  static final HdfsClusterExtension hdfs = HdfsClusterExtension.withDataNodes(1);

  protected SinkTestBed bed;

  @BeforeEach
  void createTestBed() {
    bed = new SinkTestBed(kafka, hdfs);
  }

  @AfterEach
  void closeTestBed() {
    bed.close();
  }
}
