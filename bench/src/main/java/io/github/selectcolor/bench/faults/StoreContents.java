package io.github.selectcolor.bench.faults;

import java.util.HashMap;
import java.util.Map;

/**
 * What one store holds: how many copies of each eventId, and when the first copy landed (epoch
 * milliseconds). Filled by one thread, then read.
 *
 * @param records every record or document read, copies included
 * @param torn    lines that were not JSON: cut short by a writer's crash
 */
public record StoreContents(Map<String, Integer> copies, Map<String, Long> landedAt, long[] records,
    long[] torn) {

  StoreContents() {
    this(new HashMap<>(), new HashMap<>(), new long[1], new long[1]);
  }

  void addTorn() {
    torn[0]++;
  }

  public long tornCount() {
    return torn[0];
  }

  void add(String eventId, long landedAtMillis) {
    copies.merge(eventId, 1, Integer::sum);
    landedAt.merge(eventId, landedAtMillis, Math::min);
    records[0]++;
  }

  public long recordCount() {
    return records[0];
  }
}
