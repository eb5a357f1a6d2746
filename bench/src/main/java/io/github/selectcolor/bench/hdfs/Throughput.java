package io.github.selectcolor.bench.hdfs;

import java.time.Duration;

/**
 * What one pass moved.
 *
 * @param records  records read (ceiling) or committed to HDFS (sink)
 * @param bytes    their bytes as JSON lines, one line break each
 * @param duration how long it took
 */
record Throughput(long records, long bytes, Duration duration) {

  double recordsPerSecond() {
    return records / seconds();
  }

  double megabytesPerSecond() {
    return bytes / 1_048_576.0 / seconds();
  }

  private double seconds() {
    return duration.toNanos() / 1e9;
  }
}
