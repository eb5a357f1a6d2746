package io.github.selectcolor.hdfssink.files;

import org.apache.hadoop.fs.Path;
import org.apache.kafka.common.TopicPartition;

/**
 * Told about each step of landing records, in the worker's thread. The sink's exactly-once argument
 * rests on what a crash between these steps leaves behind; tests use this to crash there. An
 * {@link Error} thrown here is a crash of the worker, which is then replaced; an exception fails
 * the partition, which is claimed again.
 */
public interface CommitListener {

  CommitListener NONE = new CommitListener() {
  };

  /** A record was appended to the open temporary file, which is not yet synced. */
  default void appended(TopicPartition partition, long offset) {
  }

  /**
   * The temporary file is synced to the DataNodes and closed, and its commit log entry written;
   * it is not yet renamed.
   */
  default void synced(TopicPartition partition, Path temporaryFile) {
  }

  /**
   * The file, or a marker of dead-lettered offsets, is committed under its final name; Kafka's
   * group offset is not yet updated.
   */
  default void renamed(TopicPartition partition, Path committedFile) {
  }
}
