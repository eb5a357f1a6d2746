package io.github.selectcolor.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The short fault run: the whole pipeline as separate processes under a steady load of tracker
 * clients while the HDFS sink is killed with SIGKILL three times and the collector is restarted
 * with SIGTERM. Every event the clients got a 202 for must then be in HDFS and in Elasticsearch
 * exactly once.
 */
class FaultRunIT {

  private static final long SEED = 20261203L;

  @Test
  void landsEveryAcknowledgedEventOnceInBothStoresThroughSinkCrashesAndACollectorRestart()
      throws Exception {
    FaultRunResult result = new FaultRun(FaultRunSettings.parse("plan=short", "seed=" + SEED,
        "rate=50", "pages=4", "min-gap=3", "max-gap=6", "roll-age=3",
        "parts=" + property("faults.parts"), "classes=" + property("faults.classes"),
        "logs=" + Path.of(property("faults.logs")).resolve("seed-" + SEED))).run();

    // Every count is reported at once, so that a failure shows both stores, and with the copies
    // that reached Kafka, so that it shows whether the stores had duplicates to remove.
    TopicCopies topic = result.topic();
    String kafka = String.format(Locale.ROOT, " (Kafka: %d records, %d eventIds more than once)",
        topic.records(), topic.duplicated());
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(result.drained()).as("every tracker queue drained").isTrue();
    soft.assertThat(result.faults()).hasSize(4);
    soft.assertThat(result.hdfs().acknowledged()).as("events acknowledged").isGreaterThan(1000);
    soft.assertThat(result.sinksCaughtUp())
        .as("both sinks committed every partition to its end before the audit").isTrue();
    soft.assertThat(result.hdfs().lost())
        .as("acknowledged events missing from HDFS" + kafka).isZero();
    soft.assertThat(result.hdfs().duplicated())
        .as("eventIds more than once in HDFS" + kafka).isZero();
    soft.assertThat(result.elasticsearch().lost())
        .as("acknowledged events missing from Elasticsearch" + kafka).isZero();
    soft.assertThat(result.elasticsearch().duplicated())
        .as("eventIds more than once in Elasticsearch" + kafka).isZero();
    soft.assertThat(result.elasticsearchDocuments()).as("documents vs distinct eventIds")
        .isEqualTo(result.elasticsearch().distinct());
    soft.assertAll();
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    assertThat(value).as("system property " + name + ", which bench's build sets").isNotBlank();
    return value;
  }
}
