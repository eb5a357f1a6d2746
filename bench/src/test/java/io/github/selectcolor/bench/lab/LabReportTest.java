package io.github.selectcolor.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabReportTest {

  @TempDir
  Path folder;

  @Test
  void writesEveryCellAndEachRepetitionsLossWithTheCommandThatRunsItAgain() throws Exception {
    LabSettings settings = LabSettings.parse("policies=acks-1,durable", "faults=none,leader-kill",
        "repetitions=2", "seed=7", "parts=/p", "classes=/c", "logs=/l");
    List<CellResult> cells = List.of(
        cell(LabPolicy.ACKS_1, LabFault.LEADER_KILL, 1, 3),
        cell(LabPolicy.ACKS_1, LabFault.LEADER_KILL, 2, 0),
        cell(LabPolicy.DURABLE, LabFault.LEADER_KILL, 1, 0),
        cell(LabPolicy.DURABLE, LabFault.LEADER_KILL, 2, 0));

    Path markdown = new LabReport(cells, settings, Map.of("command", "SEED=7 lab", "commit",
        "abc1234", "date", "2026-12-04")).write(folder, "stamp");

    String text = Files.readString(markdown);
    assertThat(text).contains("Command: `SEED=7 lab`, commit abc1234")
        .contains("| acks=1 (the book's) | - | 3 of 200 (3, 0) |")
        .contains("| durable: acks=all, min.insync.replicas=2, idempotent | - | 0 of 200 (0, 0) |")
        .contains("| acks-1 | leader-kill | 2 | collector | 100 | 100 | 0 | 0 | 0 |")
        .contains("| acks=1 (the book's) | - | 3 / 0 · 3 / 2 |");
    assertThat(folder.resolve("delivery-lab-stamp.json")).content().contains("\"lost\" : 3");
    assertThat(Files.size(folder.resolve("delivery-lab-stamp.png"))).isPositive();
  }

  private static CellResult cell(LabPolicy policy, LabFault fault, int repetition, int lost) {
    return new CellResult(policy, fault, repetition, "collector", "killed broker 0", 20.0, 100,
        100, 0, 0, lost, 0, 100 - lost, 0, 0, 4.0, 9.0, new CellResult.StoreCount(lost, 0),
        new CellResult.StoreCount(lost, 1));
  }
}
