package io.github.selectcolor.launcher;

import io.github.selectcolor.collector.CollectorApplication;
import io.github.selectcolor.embedded.kafka.EmbeddedKafkaCluster;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the pipeline on this machine with embedded engines: a three-broker KRaft Kafka cluster on
 * localhost:9092-9094 and the collector on port 8080 (or {@code --server.port}). Arguments are
 * passed to the collector as Spring Boot arguments. Stops everything on Ctrl-C.
 */
public final class LocalPipeline {

  private static final Logger log = LoggerFactory.getLogger(LocalPipeline.class);
  private static final List<Integer> KAFKA_PORTS = List.of(9092, 9093, 9094);

  private LocalPipeline() {
  }

  public static void main(String[] args) {
    EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder()
        .brokers(KAFKA_PORTS.size())
        .publicPorts(KAFKA_PORTS)
        .build()
        .start();
    ConfigurableApplicationContext collector = new SpringApplicationBuilder(CollectorApplication.class)
        .properties("spring.kafka.bootstrap-servers=" + kafka.bootstrapServers())
        .run(args);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      collector.close();
      kafka.close();
    }, "local-pipeline-shutdown"));
    String port = collector.getEnvironment().getProperty("local.server.port");
    log.info("The pipeline is running. Kafka: {}. Open the page at http://localhost:{}/",
        kafka.bootstrapServers(), port);
  }
}
