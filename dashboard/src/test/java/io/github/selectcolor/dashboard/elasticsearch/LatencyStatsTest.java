package io.github.selectcolor.dashboard.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.selectcolor.dashboard.elasticsearch.ElasticsearchSection.Latency;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {

  private static final Duration WINDOW = Duration.ofMinutes(5);

  @Test
  void takesPercentilesByNearestRank() {
    List<Long> latencies = new ArrayList<>(LongStream.rangeClosed(1, 100).boxed().toList());
    Collections.shuffle(latencies);

    assertThat(LatencyStats.of(WINDOW, 250, latencies))
        .isEqualTo(new Latency(300, 250, 100, 50L, 99L, 100L));
  }

  @Test
  void takesTheLargestAsP99OfAFewSamples() {
    assertThat(LatencyStats.of(WINDOW, 5, List.of(400L, 100L, 1500L, 300L, 200L)))
        .isEqualTo(new Latency(300, 5, 5, 300L, 1500L, 1500L));
  }

  @Test
  void hasNoFiguresWithoutSamples() {
    assertThat(LatencyStats.of(WINDOW, 0, List.of()))
        .isEqualTo(new Latency(300, 0, 0, null, null, null));
  }
}
