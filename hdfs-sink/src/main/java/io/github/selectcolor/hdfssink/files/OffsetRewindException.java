package io.github.selectcolor.hdfssink.files;

import org.apache.kafka.common.TopicPartition;

/**
 * A partition's records went back to an offset before one the sink has already landed: its log
 * was truncated, or the topic deleted and recreated. Writing on would name a file by a range that
 * runs backwards, so the partition must be claimed again and its position checked against Kafka.
 */
public final class OffsetRewindException extends Exception {

  private static final long serialVersionUID = 1L;

  OffsetRewindException(TopicPartition partition, long offset, long expectedOffset) {
    super("Partition " + partition + " went back to offset " + offset + " after the sink had"
        + " landed it up to offset " + (expectedOffset - 1) + ": its log was truncated or the"
        + " topic deleted and recreated.");
  }
}
