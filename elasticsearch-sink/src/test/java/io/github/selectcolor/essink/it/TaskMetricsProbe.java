package io.github.selectcolor.essink.it;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** Reads the connector's own task metrics from the JMX beans of the worker in this JVM. */
final class TaskMetricsProbe {

  private TaskMetricsProbe() {
  }

  /** {@code documents-already-indexed-total} summed over the connector's tasks. */
  static long documentsAlreadyIndexed(String connector) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      double total = 0;
      for (ObjectName task : server.queryNames(
          new ObjectName("kafka.connect:type=plugins,connector=" + connector + ",task=*"), null)) {
        total += (Double) server.getAttribute(task, "documents-already-indexed-total");
      }
      return (long) total;
    } catch (JMException e) {
      throw new IllegalStateException("Could not read the task metrics of " + connector + ".", e);
    }
  }
}
