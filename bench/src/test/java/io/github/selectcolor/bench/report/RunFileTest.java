package io.github.selectcolor.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunFileTest {

  @Test
  void keepsSpacesInMetaValues() {
    RunFile run = RunFile.parse(List.of("meta cpu=AMD EPYC 7B13 64-Core Processor"));

    assertThat(run.meta()).containsEntry("cpu", "AMD EPYC 7B13 64-Core Processor");
  }

  @Test
  void listsConfigurationsInTheOrderTheyRan() {
    RunFile run = RunFile.parse(List.of(
        "run config=durable subject=collector workload=single requests=1 duration_us=1",
        "run config=fast subject=collector workload=single requests=1 duration_us=1",
        "run config=durable subject=baseline workload=single requests=1 duration_us=1"));

    assertThat(run.configs()).containsExactly("durable", "fast");
  }

  @Test
  void namesAMissingMeasurement() {
    RunFile run = RunFile.parse(List.of());

    assertThatThrownBy(() -> run.require("fast", "ceiling", "producer"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("fast/ceiling/producer");
  }

  @Test
  void refusesAnUnknownLine() {
    assertThatThrownBy(() -> RunFile.parse(List.of("requests=12")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("requests=12");
  }
}
