package io.github.selectcolor.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchReportTest {

  @Test
  void treatsAShortRunAsSmoke() {
    RunFile run = RunFile.parse(List.of("meta warmup_s=10", "meta duration_s=5"));

    assertThat(BenchReport.isSmoke(run)).isTrue();
  }

  @Test
  void treatsAFullLengthRunAsReal() {
    RunFile run = RunFile.parse(List.of("meta warmup_s=120", "meta duration_s=30"));

    assertThat(BenchReport.isSmoke(run)).isFalse();
  }
}
