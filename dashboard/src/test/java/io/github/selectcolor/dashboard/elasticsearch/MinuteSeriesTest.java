package io.github.selectcolor.dashboard.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.selectcolor.dashboard.elasticsearch.ElasticsearchSection.MinuteCount;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MinuteSeriesTest {

  private final Instant now = Instant.parse("2026-11-22T10:15:42.500Z");

  @Test
  void coversThirtyMinutesEndingWithTheCurrentOne() {
    List<MinuteCount> series = MinuteSeries.of(now, Map.of());

    assertThat(series).hasSize(30);
    assertThat(series.get(0).minute()).isEqualTo(Instant.parse("2026-11-22T09:46:00Z"));
    assertThat(series.get(29).minute()).isEqualTo(Instant.parse("2026-11-22T10:15:00Z"));
    assertThat(series).extracting(MinuteCount::count).containsOnly(0L);
  }

  @Test
  void fillsTheBucketsElasticsearchReturnedAndDropsOthers() {
    List<MinuteCount> series = MinuteSeries.of(now, Map.of(
        Instant.parse("2026-11-22T10:15:00Z"), 4L,
        Instant.parse("2026-11-22T10:00:00Z"), 2L,
        Instant.parse("2026-11-22T09:45:00Z"), 9L));

    assertThat(series).hasSize(30);
    assertThat(series.get(29)).isEqualTo(new MinuteCount(Instant.parse("2026-11-22T10:15:00Z"), 4));
    assertThat(series.get(14)).isEqualTo(new MinuteCount(Instant.parse("2026-11-22T10:00:00Z"), 2));
    assertThat(series).extracting(MinuteCount::count).containsOnly(0L, 2L, 4L);
  }
}
