package io.github.selectcolor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.selectcolor.testkit.net.FreePorts;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** Kafka, Elasticsearch and HDFS all unreachable for a minute while the page polls. */
@ExtendWith(OutputCaptureExtension.class)
class SourcesDownIT {

  private static final Duration OUTAGE = Duration.ofSeconds(60);
  private static final int MOST_LOG_BYTES_IN_THE_OUTAGE = 50 * 1024;

  @Test
  void keepsAnsweringAndLogsLittleWhileNoSourceAnswers(CapturedOutput output) {
    List<Integer> closed = FreePorts.pick(3);
    try (ConfigurableApplicationContext dashboard = DashboardApplication.builder().run(
        "--server.port=0",
        "--spring.kafka.bootstrap-servers=127.0.0.1:" + closed.get(0),
        "--dashboard.elasticsearch.urls=http://127.0.0.1:" + closed.get(1),
        "--dashboard.hdfs.file-system=hdfs://127.0.0.1:" + closed.get(2))) {
      DashboardClient client = new DashboardClient("http://localhost:"
          + dashboard.getEnvironment().getProperty("local.server.port"));
      await("every source reported unavailable").atMost(Duration.ofSeconds(60))
          .until(() -> noneAvailable(client.snapshot()));

      int before = output.length();
      await("no source answers for " + OUTAGE.toSeconds() + " s").during(OUTAGE)
          .atMost(OUTAGE.plusSeconds(30)).pollInterval(Duration.ofSeconds(1))
          .until(() -> noneAvailable(client.snapshot()));

      assertThat(output.length() - before).as("log bytes while no source answered")
          .isLessThan(MOST_LOG_BYTES_IN_THE_OUTAGE);
      assertThat(client.status("/actuator/health/liveness")).isEqualTo(200);
    }
  }

  private static boolean noneAvailable(JsonNode snapshot) {
    return !snapshot.at("/kafka/available").asBoolean(true)
        && !snapshot.at("/elasticsearch/available").asBoolean(true)
        && !snapshot.at("/hdfs/available").asBoolean(true);
  }
}
