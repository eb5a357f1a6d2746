package io.github.selectcolor.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigurationFiguresTest {

  private static RunFile run(String config, long collectorRequests, long halfLoadP99Micros) {
    String window = " duration_us=10000000 non2xx=0 socket_errors=0 p50_us=1000";
    return RunFile.parse(List.of(
        "meta warmup_s=120",
        "meta duration_s=30",
        "run config=" + config + " subject=collector workload=single requests=" + collectorRequests
            + window + " p99_us=30000",
        "run config=" + config + " subject=collector workload=half-load requests=" + collectorRequests / 2
            + window + " p99_us=" + halfLoadP99Micros + " delay_ms=12",
        "run config=" + config + " subject=collector workload=batch requests=2000" + window
            + " p99_us=40000 events_per_request=50",
        "run config=" + config + " subject=baseline workload=single requests=50000" + window
            + " p99_us=20000",
        "run config=" + config + " subject=minimal workload=single requests=100000" + window
            + " p99_us=10000",
        "run config=" + config + " subject=ceiling workload=producer records=1600000 failed=0"
            + " duration_us=10000000"));
  }

  @Test
  void comparesSingleEventsWithTheBaselineOfTheSameConfiguration() {
    ConfigurationFigures figures = ConfigurationFigures.of(run("fast", 75_000, 5_000), "fast");

    assertThat(figures.singleVersusBaseline()).isCloseTo(1.5, within(1e-9));
  }

  @Test
  void comparesSingleEventsWithTheStrippedMinimumForReferenceOnly() {
    ConfigurationFigures figures = ConfigurationFigures.of(run("fast", 75_000, 5_000), "fast");

    assertThat(figures.singleVersusMinimal()).isCloseTo(0.75, within(1e-9));
    assertThat(figures.targets()).noneMatch(target -> target.measured() == 0.75);
  }

  @Test
  void comparesBatchEventsWithTheProducerCeiling() {
    ConfigurationFigures figures = ConfigurationFigures.of(run("fast", 75_000, 5_000), "fast");

    assertThat(figures.batchVersusCeiling()).isCloseTo(10_000.0 / 160_000.0, within(1e-9));
  }

  @Test
  void holdsTheFastConfigurationToOneAndAHalfTimesTheBaseline() {
    ConfigurationFigures figures = ConfigurationFigures.of(run("fast", 70_000, 5_000), "fast");

    assertThat(figures.targets().get(0).met()).isFalse();
  }

  @Test
  void holdsTheDurableConfigurationToTheBaseline() {
    ConfigurationFigures figures = ConfigurationFigures.of(run("durable", 70_000, 5_000), "durable");

    assertThat(figures.targets().get(0).met()).isTrue();
  }

  @Test
  void missesTheHalfLoadTargetAtTwentyMilliseconds() {
    ConfigurationFigures figures = ConfigurationFigures.of(run("fast", 75_000, 20_000), "fast");

    assertThat(figures.targets().get(2).met()).isFalse();
  }
}
