package io.github.selectcolor.dashboard.elasticsearch;

import io.github.selectcolor.dashboard.elasticsearch.ElasticsearchSection.Latency;
import java.time.Duration;
import java.util.List;

/**
 * Percentiles of end-to-end latencies by nearest rank. Elasticsearch could compute them with a
 * script in a percentiles aggregation, but scripts need the lang-painless module, which not every
 * distribution has (the one the tests run lacks it); a sample of the latest events works on all.
 */
final class LatencyStats {

  private LatencyStats() {
  }

  static Latency of(Duration window, long eventsInWindow, List<Long> latenciesMs) {
    if (latenciesMs.isEmpty()) {
      return new Latency(window.toSeconds(), eventsInWindow, 0, null, null, null);
    }
    long[] sorted = latenciesMs.stream().mapToLong(Long::longValue).sorted().toArray();
    return new Latency(window.toSeconds(), eventsInWindow, sorted.length,
        nearestRank(sorted, 50), nearestRank(sorted, 99), sorted[sorted.length - 1]);
  }

  /** The smallest value with at least {@code percent} % of the values at or below it. */
  static long nearestRank(long[] sorted, int percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }
}
