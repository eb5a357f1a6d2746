package io.github.selectcolor.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The delivery lab's short version: the book's acks=1 and the durable policy, each through its
 * collector process and a bare producer, while the leader of one partition is killed with SIGKILL
 * and restarted. The durable policy must lose no acknowledged event.
 */
class DeliveryLabIT {

  private static final long SEED = 20261204L;

  @Test
  void theDurablePolicyLosesNoAcknowledgedEventWhenALeaderIsKilled() throws Exception {
    LabSettings settings = LabSettings.parse("policies=acks-1,durable", "faults=leader-kill",
        "repetitions=1", "rate=50", "seed=" + SEED, "sinks=false", "parts=" + property("faults.parts"),
        "classes=" + property("faults.classes"),
        "logs=" + Path.of(property("faults.logs")).resolve("delivery-lab-" + SEED));

    List<CellResult> cells = new DeliveryLab(settings).run();

    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(cells).extracting(CellResult::sender)
        .containsExactlyInAnyOrder("collector", "producer", "collector", "producer");
    for (CellResult cell : cells) {
      String name = cell.policy().optionName() + " through the " + cell.sender();
      soft.assertThat(cell.detail()).as(name + ": the fault").contains("SIGKILL");
      soft.assertThat(cell.acknowledged()).as(name + ": acknowledged").isGreaterThan(300);
      if (cell.policy() == LabPolicy.DURABLE) {
        soft.assertThat(cell.lost()).as(name + ": acknowledged but lost").isZero();
      }
    }
    soft.assertAll();
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    assertThat(value).as("system property " + name + ", which bench's build sets").isNotBlank();
    return value;
  }
}
