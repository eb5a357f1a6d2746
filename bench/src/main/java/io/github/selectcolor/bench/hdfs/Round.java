package io.github.selectcolor.bench.hdfs;

/**
 * One measured round of the HDFS sink's benchmark: the subjects one after another.
 *
 * @param ceiling       one plain consumer with Kafka's defaults, which discards, for reference
 * @param strictCeiling a consumer per partition with the sink's fetch settings, which discards
 * @param writeCeiling  a consumer per partition writing the records into HDFS files, each synced
 *                      and closed when full
 * @param syncBehind    the same, also syncing each file in the background as the sink does
 * @param book          the book's HDFS consumer
 * @param sink          the sink, writing uncompressed files, syncing them in the background too
 * @param sinkSyncAtCommit the sink syncing its files at commit only, as the write ceiling does
 * @param sinkGzipFast  the sink writing gzip files at the fastest level
 * @param sinkGzip      the sink writing gzip files at the JDK's default level
 */
record Round(Throughput ceiling, Throughput strictCeiling, Throughput writeCeiling,
    Throughput syncBehind, Throughput book, Throughput sink, Throughput sinkSyncAtCommit,
    Throughput sinkGzipFast, Throughput sinkGzip) {

  double overBook() {
    return sink.recordsPerSecond() / book.recordsPerSecond();
  }

  double shareOfWriteCeiling() {
    return sink.recordsPerSecond() / writeCeiling.recordsPerSecond();
  }

  double syncAtCommitShareOfWriteCeiling() {
    return sinkSyncAtCommit.recordsPerSecond() / writeCeiling.recordsPerSecond();
  }

  double shareOfSyncBehind() {
    return sink.recordsPerSecond() / syncBehind.recordsPerSecond();
  }
}
