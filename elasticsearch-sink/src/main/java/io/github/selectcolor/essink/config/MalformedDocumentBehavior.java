package io.github.selectcolor.essink.config;

/** What the task does with a record that cannot become a document, or whose document is refused. */
public enum MalformedDocumentBehavior {
  /** Stop the task: an operator must look. */
  FAIL,
  /** Log at WARN and go on. */
  WARN,
  /** Go on silently. */
  IGNORE,
  /** Send the record to Connect's dead-letter queue with the reason, and go on. */
  REPORT
}
