package io.github.selectcolor.dashboard;

import java.time.Clock;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchClientAutoConfiguration;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * A live dashboard of the pipeline: what Elasticsearch holds, how far the consumer groups lag
 * behind the topic and what the HDFS sink committed in the last hour, as {@code GET /api/dashboard}
 * and a page at {@code /}.
 *
 * <p>Spring Boot's Elasticsearch client is left out: its health indicator would turn the
 * dashboard's health DOWN whenever Elasticsearch is, although the dashboard is built to keep
 * answering then; the dashboard makes its own client from {@code dashboard.elasticsearch.*}.
 */
@SpringBootApplication(exclude = {ElasticsearchRestClientAutoConfiguration.class,
    ElasticsearchClientAutoConfiguration.class})
@ConfigurationPropertiesScan
public class DashboardApplication {

  /**
   * The dashboard's defaults, below every other source of settings. They are not in an
   * {@code application.yml} so that the dashboard can share a class path with the collector and
   * the HDFS sink (as in the local pipeline) without any of them reading another's file. The
   * static locations leave out {@code classpath:/static/}, where the collector's page lives.
   */
  static final Map<String, Object> DEFAULTS = Map.ofEntries(
      Map.entry("spring.application.name", "dashboard"),
      Map.entry("spring.kafka.bootstrap-servers", "localhost:9092"),
      Map.entry("server.port", "5601"),
      Map.entry("server.shutdown", "graceful"),
      Map.entry("spring.web.resources.static-locations", "classpath:/dashboard-static/"),
      // Revalidate the page and its script on every load so that an update is never half-applied.
      Map.entry("spring.web.resources.cache.cachecontrol.no-cache", "true"),
      Map.entry("spring.webflux.problemdetails.enabled", "true"),
      Map.entry("management.endpoints.web.exposure.include", "health,info,prometheus"),
      Map.entry("management.endpoint.health.probes.enabled", "true"),
      Map.entry("management.metrics.tags.application", "dashboard"),
      // Kafka 4's admin client re-bootstraps in a tight loop while no broker answers.
      Map.entry("spring.kafka.admin.properties.metadata.recovery.strategy", "none"),
      // One line per connection attempt would flood the log while Kafka is down; the dashboard
      // logs the outage itself, once. Set to WARN to see every attempt.
      Map.entry("logging.level.org.apache.kafka.clients.NetworkClient", "ERROR"),
      // Clients re-bootstrap about once a second while no broker answers, each time at INFO.
      Map.entry("logging.level.org.apache.kafka.clients.Metadata", "WARN"),
      Map.entry("logging.level.org.apache.kafka.clients.admin.internals.AdminMetadataManager",
          "WARN"));

  public static void main(String[] args) {
    builder().run(args);
  }

  /**
   * The application with its defaults, for {@code main} and for embedding it. Embedded, its
   * start-up lines still name the dashboard rather than the embedding class.
   */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(DashboardApplication.class)
        .main(DashboardApplication.class)
        .properties(DEFAULTS);
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
