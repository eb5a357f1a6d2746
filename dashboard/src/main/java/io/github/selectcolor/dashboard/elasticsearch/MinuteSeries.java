package io.github.selectcolor.dashboard.elasticsearch;

import io.github.selectcolor.dashboard.elasticsearch.ElasticsearchSection.MinuteCount;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Events per minute over the last 30 minutes, the current minute included. */
final class MinuteSeries {

  static final int MINUTES = 30;

  private MinuteSeries() {
  }

  /** The first minute of the series: the current minute's start, 29 minutes back. */
  static Instant start(Instant now) {
    return now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(MINUTES - 1L));
  }

  /**
   * Every minute of the series, oldest first, with 0 for minutes Elasticsearch had no bucket for
   * (a histogram leaves them out); buckets outside the series are dropped.
   */
  static List<MinuteCount> of(Instant now, Map<Instant, Long> countsByMinute) {
    Instant minute = start(now);
    List<MinuteCount> series = new ArrayList<>(MINUTES);
    for (int index = 0; index < MINUTES; index++) {
      series.add(new MinuteCount(minute, countsByMinute.getOrDefault(minute, 0L)));
      minute = minute.plus(Duration.ofMinutes(1));
    }
    return series;
  }
}
