package io.github.selectcolor.hdfssink.worker;

import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a claimed partition resumes, decided from the offset after the last one HDFS holds and
 * the span of the partition's log in Kafka. HDFS can be ahead of Kafka only when the topic was
 * deleted and recreated or its log truncated; the sink then does not consume the partition,
 * because every offset it would read names a record other than the one HDFS holds under that
 * offset.
 */
sealed interface ResumePosition {

  /**
   * @param hdfsNext      the offset after the last one HDFS holds; empty when it holds none
   * @param logStart      the partition's first offset in Kafka
   * @param logEnd        the offset after its last one
   * @param refusedBefore the earlier finding that HDFS is ahead, while this worker owns the
   *                      partition: it stands until HDFS changes, even once the new log has
   *                      grown past HDFS's offset, since those are still other records
   */
  static ResumePosition of(OptionalLong hdfsNext, long logStart, long logEnd,
      Optional<HdfsAhead> refusedBefore) {
    if (hdfsNext.isEmpty()) {
      return new FromLogStart();
    }
    long next = hdfsNext.getAsLong();
    boolean stillRefused = refusedBefore.filter(refusal -> refusal.hdfsNext() == next).isPresent();
    if (next > logEnd || stillRefused) {
      return new HdfsAhead(next, logStart, logEnd);
    }
    if (next < logStart) {
      return new AfterDeletedRecords(next, logStart);
    }
    return new AtOffset(next);
  }

  /** HDFS holds nothing of the partition: it is read from the start of its log. */
  record FromLogStart() implements ResumePosition {
  }

  /** The usual case: reading resumes right after what HDFS holds. */
  record AtOffset(long offset) implements ResumePosition {
  }

  /**
   * Kafka deleted records (retention) before the sink landed them: reading resumes at the log
   * start, and the offsets in between are lost to the sink.
   */
  record AfterDeletedRecords(long hdfsNext, long logStart) implements ResumePosition {
  }

  /** HDFS holds offsets Kafka's log does not reach: the partition is not consumed. */
  record HdfsAhead(long hdfsNext, long logStart, long logEnd) implements ResumePosition {

    /** A sentence naming the topic, the partition and both offsets. */
    String describe(TopicPartition partition) {
      return "HDFS holds partition " + partition.partition() + " of topic " + partition.topic()
          + " up to offset " + (hdfsNext - 1) + " but Kafka's log of it ends at offset " + logEnd
          + " (it starts at " + logStart + "): the topic was deleted and recreated or its log"
          + " truncated.";
    }
  }
}
