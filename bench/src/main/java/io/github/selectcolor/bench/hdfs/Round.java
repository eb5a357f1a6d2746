package io.github.selectcolor.bench.hdfs;

/**
 * One measured round of the HDFS sink's benchmark: the subjects one after another.
 *
 * @param ceiling       one plain consumer with Kafka's defaults: the target's reference
 * @param strictCeiling a consumer per partition with the sink's fetch settings, for reference
 * @param sink          the sink
 */
record Round(Throughput ceiling, Throughput strictCeiling, Throughput sink) {

  double ratio() {
    return sink.recordsPerSecond() / ceiling.recordsPerSecond();
  }
}
