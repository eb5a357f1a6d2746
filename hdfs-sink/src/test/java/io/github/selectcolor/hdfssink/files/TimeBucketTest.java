package io.github.selectcolor.hdfssink.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeBucketTest {

  @Test
  void namesTheHourAsHivePartitions() {
    assertThat(TimeBucket.of(Instant.parse("2026-11-22T09:59:59.999Z"), ZoneOffset.UTC)
        .relativePath()).isEqualTo("dt=2026-11-22/hour=09");
  }

  @Test
  void takesTheDayAndHourOfTheConfiguredZone() {
    assertThat(TimeBucket.of(Instant.parse("2026-11-22T15:30:00Z"), ZoneId.of("Asia/Seoul"))
        .relativePath()).isEqualTo("dt=2026-11-23/hour=00");
  }
}
