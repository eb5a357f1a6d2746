package io.github.selectcolor.essink.config;

/** What the task does with a record without a value. */
public enum NullValueBehavior {
  /** Skip it. */
  IGNORE,
  /** Send it to Connect's dead-letter queue, and go on. */
  REPORT,
  /** Stop the task. */
  FAIL
}
