package io.github.selectcolor.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LabSettingsTest {

  private static final String[] PATHS = {"parts=/p", "classes=/c", "logs=/l"};

  @Test
  void runsEveryPolicyAndFaultThreeTimesByDefault() {
    LabSettings settings = LabSettings.parse(PATHS);

    assertThat(settings.policies()).containsExactly(LabPolicy.values());
    assertThat(settings.faults()).containsExactly(LabFault.values());
    assertThat(settings.repetitions()).isEqualTo(3);
    assertThat(settings.down()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void keepsTheOrderOfTheNamedPoliciesAndFaults() {
    LabSettings settings = LabSettings.parse("policies=durable,acks-0",
        "faults=all-killed,none", PATHS[0], PATHS[1], PATHS[2]);

    assertThat(settings.policies()).containsExactly(LabPolicy.DURABLE, LabPolicy.ACKS_0);
    assertThat(settings.faults()).containsExactly(LabFault.ALL_KILLED, LabFault.NONE);
  }

  @Test
  void namesEveryWrongOptionByItsKeyInOneError() {
    assertThatThrownBy(() -> LabSettings.parse("policies=acks-2", "faults=flood", "rate=0",
        "seed=x", "sinks=yes", "colour=red", PATHS[0], PATHS[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("policies: Unknown policy 'acks-2'")
        .hasMessageContaining("durable-unclean")
        .hasMessageContaining("faults: Unknown fault 'flood'")
        .hasMessageContaining("rate=0 must be a whole number of at least 1")
        .hasMessageContaining("seed=x is not a whole number")
        .hasMessageContaining("sinks=yes must be true or false")
        .hasMessageContaining("unknown argument 'colour=red'")
        .hasMessageContaining("give logs=<path>");
  }
}
