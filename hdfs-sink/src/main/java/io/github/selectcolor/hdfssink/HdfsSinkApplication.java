package io.github.selectcolor.hdfssink;

import java.time.Clock;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Lands the events of Kafka topic {@code select-color} in HDFS, each exactly once. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HdfsSinkApplication {

  /**
   * The sink's defaults, below every other source of settings. They are not in an
   * {@code application.yml} so that the sink can share a class path with the collector (as in the
   * local pipeline) without either reading the other's file.
   */
  static final Map<String, Object> DEFAULTS = Map.ofEntries(
      Map.entry("spring.application.name", "hdfs-sink"),
      Map.entry("spring.kafka.bootstrap-servers", "localhost:9092"),
      Map.entry("spring.kafka.consumer.group-id", "hdfs-sink"),
      Map.entry("server.port", "8082"),
      Map.entry("server.shutdown", "graceful"),
      Map.entry("management.endpoints.web.exposure.include", "health,info,prometheus"),
      Map.entry("management.endpoint.health.probes.enabled", "true"),
      // An operator needs the reason a partition is not landed, such as HDFS ahead of Kafka.
      Map.entry("management.endpoint.health.show-details", "always"),
      Map.entry("management.endpoint.health.group.readiness.include", "readinessState,hdfsSink"),
      Map.entry("management.endpoint.health.group.liveness.include",
          "livenessState,hdfsSinkWorkers"),
      Map.entry("management.metrics.tags.application", "hdfs-sink"),
      // Kafka 4's admin client re-bootstraps in a tight loop while no broker answers.
      Map.entry("spring.kafka.admin.properties.metadata.recovery.strategy", "none"),
      // One line per connection attempt would flood the log while Kafka is down; the sink's
      // health and its own lines report the outage. Set to WARN to see every attempt.
      Map.entry("logging.level.org.apache.kafka.clients.NetworkClient", "ERROR"),
      // Clients re-bootstrap about once a second while no broker answers, each time at INFO.
      Map.entry("logging.level.org.apache.kafka.clients.Metadata", "WARN"),
      Map.entry("logging.level.org.apache.kafka.clients.admin.internals.AdminMetadataManager",
          "WARN"));

  public static void main(String[] args) {
    builder().run(args);
  }

  /** The application with its defaults, for {@code main} and for embedding it. */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(HdfsSinkApplication.class).properties(DEFAULTS);
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
