package io.github.selectcolor.hdfssink.worker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;

/**
 * The consumer settings the sink decides itself because exactly-once depends on them, and the
 * check that refuses a user's value for them at start-up. The sink positions every partition from
 * its files in HDFS and needs {@code auto.offset.reset=earliest} for a position that falls out of
 * the log while it runs (retention, truncation): {@code latest} would skip records and
 * {@code none} would stop the worker.
 */
final class ExactlyOnceConsumerSettings {

  static final String AUTO_OFFSET_RESET = "earliest";
  private static final String KEY = ConsumerConfig.AUTO_OFFSET_RESET_CONFIG;

  private ExactlyOnceConsumerSettings() {
  }

  /**
   * Refuses every {@code spring.kafka.*} key that sets {@code auto.offset.reset} to anything but
   * {@value #AUTO_OFFSET_RESET}, naming each.
   *
   * @throws IllegalStateException naming every such key, its value and the accepted one
   */
  static void check(KafkaProperties kafka) {
    Map<String, Object> autoOffsetResets = new LinkedHashMap<>();
    autoOffsetResets.put("spring.kafka.consumer.auto-offset-reset",
        kafka.getConsumer().getAutoOffsetReset());
    autoOffsetResets.put("spring.kafka.consumer.properties." + KEY,
        kafka.getConsumer().getProperties().get(KEY));
    autoOffsetResets.put("spring.kafka.properties." + KEY, kafka.getProperties().get(KEY));
    List<String> refused = new ArrayList<>();
    autoOffsetResets.forEach((key, value) -> {
      if (value != null
          && !AUTO_OFFSET_RESET.equals(value.toString().trim().toLowerCase(Locale.ROOT))) {
        refused.add(key + "=" + value);
      }
    });
    if (!refused.isEmpty()) {
      throw new IllegalStateException("The HDFS sink refuses " + String.join(", ", refused)
          + ": it positions every partition from its files in HDFS and sets "
          + KEY + "=" + AUTO_OFFSET_RESET + " itself, since"
          + " latest would skip records and none would stop a worker. Remove the setting or set"
          + " it to " + AUTO_OFFSET_RESET + ".");
    }
  }
}
