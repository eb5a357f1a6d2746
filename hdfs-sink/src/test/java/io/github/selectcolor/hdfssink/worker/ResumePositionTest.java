package io.github.selectcolor.hdfssink.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.selectcolor.hdfssink.worker.ResumePosition.AfterDeletedRecords;
import io.github.selectcolor.hdfssink.worker.ResumePosition.AtOffset;
import io.github.selectcolor.hdfssink.worker.ResumePosition.FromLogStart;
import io.github.selectcolor.hdfssink.worker.ResumePosition.HdfsAhead;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ResumePositionTest {

  @Test
  void resumesAfterWhatHdfsHoldsWhenTheLogReachesIt() {
    assertThat(ResumePosition.of(OptionalLong.of(40), 0, 100, Optional.empty()))
        .isEqualTo(new AtOffset(40));
    assertThat(ResumePosition.of(OptionalLong.of(100), 0, 100, Optional.empty()))
        .isEqualTo(new AtOffset(100));
  }

  @Test
  void readsFromTheLogStartWhenHdfsHoldsNothing() {
    assertThat(ResumePosition.of(OptionalLong.empty(), 7, 100, Optional.empty()))
        .isEqualTo(new FromLogStart());
  }

  @Test
  void resumesAtTheLogStartWhenKafkaDeletedRecordsBeforeTheyLanded() {
    assertThat(ResumePosition.of(OptionalLong.of(40), 70, 100, Optional.empty()))
        .isEqualTo(new AfterDeletedRecords(40, 70));
  }

  @Test
  void refusesAPartitionThatHdfsHoldsBeyondTheEndOfItsLog() {
    assertThat(ResumePosition.of(OptionalLong.of(1000), 0, 5, Optional.empty()))
        .isEqualTo(new HdfsAhead(1000, 0, 5));
  }

  @Test
  void keepsRefusingOnceTheNewLogGrowsPastWhatHdfsHolds() {
    HdfsAhead before = new HdfsAhead(1000, 0, 5);

    assertThat(ResumePosition.of(OptionalLong.of(1000), 0, 1500, Optional.of(before)))
        .isEqualTo(new HdfsAhead(1000, 0, 1500));
  }

  @Test
  void resumesOnceTheFilesAheadOfTheLogAreMovedAway() {
    HdfsAhead before = new HdfsAhead(1000, 0, 5);

    assertThat(ResumePosition.of(OptionalLong.empty(), 0, 5, Optional.of(before)))
        .isEqualTo(new FromLogStart());
  }

  @Test
  void namesTopicPartitionAndBothOffsetsInTheRefusal() {
    assertThat(new HdfsAhead(1000, 0, 5).describe(new TopicPartition("select-color", 2)))
        .isEqualTo("HDFS holds partition 2 of topic select-color up to offset 999 but Kafka's log"
            + " of it ends at offset 5 (it starts at 0): the topic was deleted and recreated or"
            + " its log truncated.");
  }
}
