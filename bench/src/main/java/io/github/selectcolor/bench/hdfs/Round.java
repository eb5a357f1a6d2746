package io.github.selectcolor.bench.hdfs;

/**
 * One measured round of the HDFS sink's benchmark: the subjects one after another.
 *
 * @param ceiling       one plain consumer with Kafka's defaults, which discards, for reference
 * @param strictCeiling a consumer per partition with the sink's fetch settings, which discards
 * @param writeCeiling  a consumer per partition writing the records into synced HDFS files
 * @param book          the book's HDFS consumer
 * @param sink          the sink
 */
record Round(Throughput ceiling, Throughput strictCeiling, Throughput writeCeiling,
    Throughput book, Throughput sink) {

  double overBook() {
    return sink.recordsPerSecond() / book.recordsPerSecond();
  }

  double shareOfWriteCeiling() {
    return sink.recordsPerSecond() / writeCeiling.recordsPerSecond();
  }
}
