package io.github.selectcolor.bench.lab;

import java.util.Arrays;
import java.util.Locale;

/** A column of the delivery lab: what happens to the brokers while the load runs. */
enum LabFault {

  NONE("no fault"),
  LEADER_KILL("the leader of one partition killed with SIGKILL, restarted"),
  LEADER_STALL("the leader of one partition stalled with SIGSTOP past replica.lag.time.max.ms,"
      + " resumed"),
  TWO_KILLED("two of three brokers killed with SIGKILL, restarted"),
  ALL_KILLED("all three brokers killed with SIGKILL, restarted");

  private final String description;

  LabFault(String description) {
    this.description = description;
  }

  String optionName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static LabFault ofOption(String option) {
    return Arrays.stream(values()).filter(fault -> fault.optionName().equals(option)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown fault '" + option + "'; the"
            + " faults are " + Arrays.stream(values()).map(LabFault::optionName).toList() + "."));
  }

  String description() {
    return description;
  }
}
