package io.github.selectcolor.bench.faults;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One store's audit against the client's receipts.
 *
 * @param store              HDFS or Elasticsearch
 * @param acknowledged       events the client got a 202 for
 * @param records            records (HDFS) or documents (Elasticsearch) read, copies included
 * @param distinct           distinct eventIds among them
 * @param lost               acknowledged events not there
 * @param duplicated         eventIds there more than once
 * @param extraCopies        copies beyond the first, summed
 * @param withoutReceipt     events there whose 202 the client never got (sent, answer lost)
 * @param maxDelayMillis     the longest time from a 202 to the event landing
 * @param p99DelayMillis     the 99th percentile of that time
 * @param lastLandedAfterLoadMillis the time from the end of the load (queues empty) to the last
 *                           acknowledged event landing
 */
record StoreTally(String store, int acknowledged, long records, int distinct, int lost,
    int duplicated, long extraCopies, int withoutReceipt, long maxDelayMillis, long p99DelayMillis,
    long lastLandedAfterLoadMillis) {

  static StoreTally of(String store, Map<String, Long> receipts, StoreContents contents,
      long loadEndedAtMillis) {
    int lost = 0;
    List<Long> delays = new ArrayList<>();
    long lastLanded = Long.MIN_VALUE;
    for (Map.Entry<String, Long> receipt : receipts.entrySet()) {
      Long landed = contents.landedAt().get(receipt.getKey());
      if (landed == null) {
        lost++;
      } else {
        delays.add(landed - receipt.getValue());
        lastLanded = Math.max(lastLanded, landed);
      }
    }
    int duplicated = 0;
    long extra = 0;
    int withoutReceipt = 0;
    for (Map.Entry<String, Integer> copies : contents.copies().entrySet()) {
      if (copies.getValue() > 1) {
        duplicated++;
        extra += copies.getValue() - 1;
      }
      if (!receipts.containsKey(copies.getKey())) {
        withoutReceipt++;
      }
    }
    Collections.sort(delays);
    long max = delays.isEmpty() ? 0 : delays.get(delays.size() - 1);
    long p99 = delays.isEmpty() ? 0 : delays.get((int) Math.min(delays.size() - 1,
        Math.ceil(delays.size() * 0.99) - 1));
    return new StoreTally(store, receipts.size(), contents.recordCount(), contents.copies().size(),
        lost, duplicated, extra, withoutReceipt, max, p99,
        lastLanded == Long.MIN_VALUE ? 0 : Math.max(0, lastLanded - loadEndedAtMillis));
  }

  boolean exactlyOnce() {
    return lost == 0 && duplicated == 0;
  }
}
