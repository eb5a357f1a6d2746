package io.github.selectcolor.hdfssink.records;

import java.util.Optional;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.ApplicationRecoverableException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TransactionAbortableException;

/**
 * Why Kafka will never take a dead letter, however often it is sent again: the failure is the
 * record's or the dead-letter topic's, not a passing state of the cluster or of the producer.
 * Such a dead letter is dropped and its partition moves on; any other failure has the partition
 * read again. The tag value of {@code hdfs.sink.dead.letters.unsendable} is {@link #code()}.
 */
public enum SendRefusal {
  /** Larger than the producer's {@code max.request.size} or the topic's {@code max.message.bytes}. */
  RECORD_TOO_LARGE("record-too-large"),
  /** The sink may not write to the dead-letter topic. */
  NOT_AUTHORIZED("not-authorized"),
  INVALID_TOPIC("invalid-topic"),
  UNSERIALIZABLE("unserializable"),
  /** Any other error the broker or the producer reports as not retriable. */
  NOT_RETRIABLE("not-retriable");

  private final String code;

  SendRefusal(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /**
   * The refusal a send failure means; empty when sending again may succeed. Retriable errors
   * (timeouts among them) may pass. So may a failed login, and the idempotent producer's
   * sequence and epoch errors, which it recovers from by itself: they are the producer's state,
   * not the record's. Every other error of the Kafka protocol ({@link ApiException}) is final,
   * like a failed serialization. A {@code KafkaException} of neither kind - the producer closed
   * or interrupted, or failed by an earlier error - says nothing about the record, so it may
   * pass too.
   */
  public static Optional<SendRefusal> of(Throwable failure) {
    if (failure instanceof SerializationException) {
      return Optional.of(UNSERIALIZABLE);
    }
    if (!(failure instanceof ApiException) || mayPass(failure)) {
      return Optional.empty();
    }
    if (failure instanceof RecordTooLargeException) {
      return Optional.of(RECORD_TOO_LARGE);
    }
    if (failure instanceof AuthorizationException) {
      return Optional.of(NOT_AUTHORIZED);
    }
    if (failure instanceof InvalidTopicException) {
      return Optional.of(INVALID_TOPIC);
    }
    return Optional.of(NOT_RETRIABLE);
  }

  private static boolean mayPass(Throwable failure) {
    return failure instanceof RetriableException
        || failure instanceof AuthenticationException
        || failure instanceof OutOfOrderSequenceException
        || failure instanceof ApplicationRecoverableException
        || failure instanceof TransactionAbortableException;
  }
}
