package io.github.selectcolor.dashboard.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.selectcolor.dashboard.DashboardProperties.ConsumerGroup;
import io.github.selectcolor.dashboard.kafka.KafkaSection.GroupLag;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ConsumerLagTest {

  private static final ConsumerGroup GROUP = new ConsumerGroup("hdfs-sink", "HDFS sink");
  private static final TopicPartition P0 = new TopicPartition("select-color", 0);
  private static final TopicPartition P1 = new TopicPartition("select-color", 1);
  private static final TopicPartition P2 = new TopicPartition("select-color", 2);

  private final Map<TopicPartition, Long> endOffsets = new LinkedHashMap<>(Map.of(
      P0, 40L, P1, 30L, P2, 30L));

  @Test
  void sumsEndMinusCommittedOverThePartitions() {
    GroupLag lag = ConsumerLag.of(GROUP, endOffsets, Map.of(
        P0, new OffsetAndMetadata(40), P1, new OffsetAndMetadata(25), P2, new OffsetAndMetadata(10)));

    assertThat(lag).isEqualTo(new GroupLag("hdfs-sink", "HDFS sink", true, null, 25L, true, null));
  }

  @Test
  void countsEveryRecordOfAGroupThatCommittedNothingAndSaysSo() {
    GroupLag lag = ConsumerLag.of(GROUP, endOffsets, Map.of());

    assertThat(lag.lag()).isEqualTo(100);
    assertThat(lag.committed()).isFalse();
    assertThat(lag.note()).isEqualTo(ConsumerLag.NOTHING_COMMITTED);
  }

  @Test
  void countsUncommittedPartitionsFromZeroWhenTheAdminClientMapsThemToNull() {
    Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
    committed.put(P0, new OffsetAndMetadata(35));
    committed.put(P1, null);

    GroupLag lag = ConsumerLag.of(GROUP, endOffsets, committed);

    assertThat(lag.lag()).isEqualTo(5 + 30 + 30);
    assertThat(lag.committed()).isTrue();
    assertThat(lag.note()).isEqualTo(ConsumerLag.PARTLY_COMMITTED);
  }

  @Test
  void neverCountsACommittedOffsetAheadOfTheEndAsNegative() {
    GroupLag lag = ConsumerLag.of(GROUP, Map.of(P0, 10L), Map.of(P0, new OffsetAndMetadata(12)));

    assertThat(lag.lag()).isZero();
  }
}
