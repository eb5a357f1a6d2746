package io.github.selectcolor.bench.lab;

import java.util.Map;
import java.util.Set;

/**
 * One sender's outcome in one cell, after the topic was read to its end: Jepsen's counts, where
 * lost is acknowledged but absent from the topic and a duplicate is an eventId stored twice.
 *
 * @param stored          acknowledged or not, how many of the sent events the topic holds
 * @param storedUnacked   events the sender was refused or got no answer for, stored anyway
 * @param secondsRefusing seconds of the cell in which at least one send was refused
 */
record CellResult(LabPolicy policy, LabFault fault, int repetition, String sender, String detail,
    double seconds, int sent, int acknowledged, int refused, int unanswered, int lost,
    int duplicated, int stored, int storedUnacked, int secondsRefusing, double p50Millis,
    double p99Millis) {

  /** Counts a tally against the records per eventId of the sender's topic. */
  static CellResult of(LabPolicy policy, LabFault fault, int repetition, String sender,
      String detail, double seconds, SendTally tally, Map<String, Integer> topicCounts) {
    Set<String> sent = tally.sentIds();
    Set<String> acknowledged = tally.acknowledgedIds();
    int lost = 0;
    int duplicated = 0;
    int stored = 0;
    int storedUnacked = 0;
    for (String eventId : sent) {
      int copies = topicCounts.getOrDefault(eventId, 0);
      boolean acked = acknowledged.contains(eventId);
      if (copies == 0 && acked) {
        lost++;
      }
      if (copies > 1) {
        duplicated++;
      }
      if (copies > 0) {
        stored++;
        if (!acked) {
          storedUnacked++;
        }
      }
    }
    long[] latencies = tally.sortedLatencies();
    return new CellResult(policy, fault, repetition, sender, detail, seconds, sent.size(),
        acknowledged.size(), tally.refusedCount(), tally.unansweredCount(), lost, duplicated,
        stored, storedUnacked, tally.secondsRefusing(), percentile(latencies, 0.50),
        percentile(latencies, 0.99));
  }

  private static double percentile(long[] sortedMicros, double quantile) {
    if (sortedMicros.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(quantile * sortedMicros.length) - 1;
    return sortedMicros[Math.max(0, index)] / 1000.0;
  }

  double acknowledgedPerSecond() {
    return seconds > 0 ? acknowledged / seconds : 0;
  }
}
