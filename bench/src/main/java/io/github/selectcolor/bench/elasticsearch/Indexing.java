package io.github.selectcolor.bench.elasticsearch;

import java.time.Duration;

/**
 * What one pass indexed.
 *
 * @param documents documents searchable at the end
 * @param duration  from the first searchable document to the last
 */
record Indexing(long documents, Duration duration) {

  double documentsPerSecond() {
    return documents / (duration.toNanos() / 1e9);
  }
}
