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
    double p99Millis, StoreCount hdfs, StoreCount search) {

  /**
   * What one store holds of a cell's acknowledged events, once its sink drained the topic; null
   * when no sink drained the sender's topic.
   *
   * @param lost       acknowledged and absent from the store, Kafka's own losses included
   * @param duplicated eventIds the store holds more than once
   */
  record StoreCount(int lost, int duplicated) {

    static StoreCount of(Set<String> sent, Set<String> acknowledged, Map<String, Integer> copies) {
      if (copies == null) {
        return null;
      }
      int lost = 0;
      int duplicated = 0;
      for (String eventId : sent) {
        int stored = copies.getOrDefault(eventId, 0);
        if (stored == 0 && acknowledged.contains(eventId)) {
          lost++;
        }
        if (stored > 1) {
          duplicated++;
        }
      }
      return new StoreCount(lost, duplicated);
    }
  }

  /**
   * Counts a tally against the records per eventId of the sender's topic and, when sinks drained
   * it, against the copies in HDFS and in Elasticsearch (null otherwise).
   */
  static CellResult of(LabPolicy policy, LabFault fault, int repetition, String sender,
      String detail, double seconds, SendTally tally, Map<String, Integer> topicCounts,
      Map<String, Integer> hdfsCopies, Map<String, Integer> searchCopies) {
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
        percentile(latencies, 0.99), StoreCount.of(sent, acknowledged, hdfsCopies),
        StoreCount.of(sent, acknowledged, searchCopies));
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
