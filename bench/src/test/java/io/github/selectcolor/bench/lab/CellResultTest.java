package io.github.selectcolor.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CellResultTest {

  @Test
  void countsLostDuplicatedAndStoredUnacknowledgedEventsAgainstTheTopic() {
    SendTally tally = new SendTally();
    tally.acknowledged("kept", tally.sending("kept"));
    tally.acknowledged("lost", tally.sending("lost"));
    tally.acknowledged("twice", tally.sending("twice"));
    tally.sending("refused-but-stored");
    tally.refused();
    tally.sending("unanswered");
    tally.unanswered();

    CellResult cell = CellResult.of(LabPolicy.ACKS_1, LabFault.LEADER_KILL, 1, "collector",
        "killed", 10.0, tally, Map.of("kept", 1, "twice", 2, "refused-but-stored", 1),
        Map.of("kept", 1, "twice", 1), null);

    assertThat(cell.sent()).isEqualTo(5);
    assertThat(cell.acknowledged()).isEqualTo(3);
    assertThat(cell.refused()).isEqualTo(1);
    assertThat(cell.unanswered()).isEqualTo(1);
    assertThat(cell.lost()).isEqualTo(1);
    assertThat(cell.duplicated()).isEqualTo(1);
    assertThat(cell.stored()).isEqualTo(3);
    assertThat(cell.storedUnacked()).isEqualTo(1);
    assertThat(cell.secondsRefusing()).isEqualTo(1);
    assertThat(cell.acknowledgedPerSecond()).isEqualTo(0.3);
    assertThat(cell.hdfs()).isEqualTo(new CellResult.StoreCount(1, 0));
    assertThat(cell.search()).as("no sink drained the topic").isNull();
  }
}
