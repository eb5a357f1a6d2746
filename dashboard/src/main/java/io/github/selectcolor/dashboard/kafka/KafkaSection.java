package io.github.selectcolor.dashboard.kafka;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * How far the consumer groups are behind the topic, as the {@code kafka} part of the snapshot. When
 * Kafka does not answer, only {@code available: false}, the {@code reason} and the {@code topic}
 * are present.
 *
 * @param available  whether Kafka answered this refresh
 * @param reason     why not, a sentence; absent when available
 * @param topic      the topic
 * @param partitions the topic's partitions
 * @param endOffsets the sum of the partitions' log end offsets
 * @param groups     one entry per configured group, in the configured order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KafkaSection(
    boolean available,
    String reason,
    String topic,
    Integer partitions,
    Long endOffsets,
    List<GroupLag> groups) {

  static KafkaSection unavailable(String topic, String reason) {
    return new KafkaSection(false, reason, topic, null, null, null);
  }

  /**
   * One group's lag on the topic. A group can fail on its own (not authorized, say); then only its
   * id, name, {@code available: false} and {@code reason} are present.
   *
   * @param id        the group id
   * @param name      the display name
   * @param available whether the group's offsets could be read
   * @param reason    why not, a sentence; absent when available
   * @param lag       records on the topic the group has not committed yet: the sum over the
   *                  partitions of log end offset minus committed offset
   * @param committed whether the group committed an offset on any partition of the topic
   * @param note      what the figure means when it is not plain, such as for a group that has
   *                  committed nothing yet
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record GroupLag(
      String id,
      String name,
      boolean available,
      String reason,
      Long lag,
      Boolean committed,
      String note) {

    static GroupLag unavailable(String id, String name, String reason) {
      return new GroupLag(id, name, false, reason, null, null, null);
    }
  }
}
