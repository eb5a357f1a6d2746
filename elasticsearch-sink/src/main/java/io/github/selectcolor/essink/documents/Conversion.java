package io.github.selectcolor.essink.documents;

import org.apache.kafka.connect.sink.SinkRecord;

/** The outcome of turning a record into a document. */
public sealed interface Conversion {

  /** The record becomes this document. */
  record Converted(Document document) implements Conversion {
  }

  /**
   * The record cannot become a document.
   *
   * @param record the record
   * @param reason a sentence for people, without the value itself
   */
  record Malformed(SinkRecord record, String reason) implements Conversion {
  }

  /** The record has no value. */
  record NullValue(SinkRecord record) implements Conversion {
  }
}
