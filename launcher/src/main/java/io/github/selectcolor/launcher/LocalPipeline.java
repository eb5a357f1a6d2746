package io.github.selectcolor.launcher;

import io.github.selectcolor.collector.CollectorApplication;
import io.github.selectcolor.embedded.hdfs.EmbeddedHdfsCluster;
import io.github.selectcolor.embedded.kafka.EmbeddedKafkaCluster;
import io.github.selectcolor.hdfssink.HdfsSinkApplication;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the pipeline on this machine with embedded engines: a three-broker KRaft Kafka cluster on
 * localhost:9092-9094, HDFS at hdfs://localhost:9000, the collector on port 8080 (or
 * {@code --server.port}) and the HDFS sink (health and metrics on port 8082). Arguments are passed to
 * the collector as Spring Boot arguments. Stops everything on Ctrl-C.
 */
public final class LocalPipeline {

  private static final Logger log = LoggerFactory.getLogger(LocalPipeline.class);
  private static final List<Integer> KAFKA_PORTS = List.of(9092, 9093, 9094);
  private static final int HDFS_PORT = 9000;

  private LocalPipeline() {
  }

  public static void main(String[] args) {
    EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder()
        .brokers(KAFKA_PORTS.size())
        .publicPorts(KAFKA_PORTS)
        .build()
        .start();
    EmbeddedHdfsCluster hdfs = EmbeddedHdfsCluster.onPort(HDFS_PORT).start();
    ConfigurableApplicationContext collector = new SpringApplicationBuilder(CollectorApplication.class)
        .properties("spring.kafka.bootstrap-servers=" + kafka.bootstrapServers())
        .run(args);
    // The collector's application.yml is on this class path too; the sink must not read it.
    ConfigurableApplicationContext hdfsSink = HdfsSinkApplication.builder()
        .properties("spring.config.name=hdfs-sink",
            "spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
            "hdfs-sink.file-system=" + hdfs.uri(),
            "hdfs-sink.hadoop.dfs.client.block.write.replace-datanode-on-failure.policy=NEVER")
        .run();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      collector.close();
      hdfsSink.close();
      hdfs.close();
      kafka.close();
    }, "local-pipeline-shutdown"));
    String port = collector.getEnvironment().getProperty("local.server.port");
    log.info("The pipeline is running. Kafka: {}. HDFS: {} (events land under /data/select-color)."
        + " Open the page at http://localhost:{}/", kafka.bootstrapServers(), hdfs.uri(), port);
  }
}
