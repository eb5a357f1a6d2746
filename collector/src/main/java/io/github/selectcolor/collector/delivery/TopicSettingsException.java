package io.github.selectcolor.collector.delivery;

/** The topic, or the settings it would be created with, cannot work on the cluster as it is. */
class TopicSettingsException extends RuntimeException {

  TopicSettingsException(String message) {
    super(message);
  }
}
