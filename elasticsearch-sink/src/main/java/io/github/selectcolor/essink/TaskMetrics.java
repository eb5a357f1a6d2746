package io.github.selectcolor.essink;

import java.util.LinkedHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task's own metrics, added to the worker's metrics for plugins (KIP-877, Connect 4.1 and
 * later): in JMX they are attributes of {@code kafka.connect:type=plugins,connector=<name>,task=<id>},
 * and the worker removes them when the task stops. Thread-safe.
 */
final class TaskMetrics {

  static final String DOCUMENTS_ALREADY_INDEXED = "documents-already-indexed-total";
  private static final String DOCUMENTS_ALREADY_INDEXED_DOC = "Records whose document id"
      + " Elasticsearch already held (a create answered 409): replays and event ids sent twice."
      + " The first document stays, and the record's offset may be committed.";
  private static final Logger log = LoggerFactory.getLogger(TaskMetrics.class);

  private final AtomicLong documentsAlreadyIndexed = new AtomicLong();

  private TaskMetrics() {
  }

  /** Metrics the worker shows when it can (a worker older than Kafka 4.1 cannot). */
  static TaskMetrics registeredWith(SinkTaskContext context) {
    TaskMetrics metrics = new TaskMetrics();
    try {
      PluginMetrics plugin = context.pluginMetrics();
      plugin.addMetric(plugin.metricName(DOCUMENTS_ALREADY_INDEXED, DOCUMENTS_ALREADY_INDEXED_DOC,
          new LinkedHashMap<>()), (Measurable) (config, now) -> metrics.documentsAlreadyIndexed());
    } catch (AbstractMethodError | NoSuchMethodError | NoClassDefFoundError e) {
      log.info("This Connect worker predates metrics for plugins (Kafka 4.1); documents already"
          + " indexed are only logged, at DEBUG.");
    }
    return metrics;
  }

  void documentAlreadyIndexed() {
    documentsAlreadyIndexed.incrementAndGet();
  }

  long documentsAlreadyIndexed() {
    return documentsAlreadyIndexed.get();
  }
}
