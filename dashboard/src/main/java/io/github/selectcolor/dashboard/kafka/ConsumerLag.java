package io.github.selectcolor.dashboard.kafka;

import io.github.selectcolor.dashboard.DashboardProperties.ConsumerGroup;
import io.github.selectcolor.dashboard.kafka.KafkaSection.GroupLag;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Computes a group's lag from the topic's end offsets and the group's committed offsets. */
final class ConsumerLag {

  static final String NOTHING_COMMITTED = "The group has committed no offset on this topic yet:"
      + " the lag counts every record.";
  static final String PARTLY_COMMITTED = "The group has committed offsets on only some partitions:"
      + " every record of the others counts as lag.";

  private ConsumerLag() {
  }

  /**
   * The sum over the topic's partitions of log end offset minus committed offset. A partition the
   * group has not committed counts from offset 0, where a new consumer of the pipeline starts
   * (offsets deleted by retention are counted too). A committed offset ahead of the end offset,
   * which a read racing a write can show, counts as 0.
   *
   * @param endOffsets the log end offset of every partition of the topic
   * @param committed  the group's committed offsets; partitions it never committed are missing or
   *                   map to null
   */
  static GroupLag of(ConsumerGroup group, Map<TopicPartition, Long> endOffsets,
      Map<TopicPartition, OffsetAndMetadata> committed) {
    long lag = 0;
    int committedPartitions = 0;
    for (Map.Entry<TopicPartition, Long> end : endOffsets.entrySet()) {
      OffsetAndMetadata offset = committed.get(end.getKey());
      if (offset == null) {
        lag += end.getValue();
      } else {
        committedPartitions++;
        lag += Math.max(0, end.getValue() - offset.offset());
      }
    }
    String note = committedPartitions == 0 ? NOTHING_COMMITTED
        : committedPartitions < endOffsets.size() ? PARTLY_COMMITTED : null;
    return new GroupLag(group.id(), group.name(), true, null, lag, committedPartitions > 0, note);
  }
}
