package io.github.selectcolor.hdfssink.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimeBucketsTest {

  @ParameterizedTest
  @ValueSource(strings = {"UTC", "Asia/Seoul", "Asia/Kolkata", "America/New_York",
      "Australia/Lord_Howe"})
  void remembersHoursWithoutEverDisagreeingWithTheZone(String zoneId) {
    ZoneId zone = ZoneId.of(zoneId);
    TimeBuckets buckets = new TimeBuckets(zone);
    Instant end = Instant.parse("2027-01-01T00:00:00Z");
    for (Instant at = Instant.parse("2026-01-01T00:00:00Z"); at.isBefore(end);
        at = at.plus(Duration.ofSeconds(397))) {
      assertThat(buckets.of(at)).as("%s in %s", at, zone).isEqualTo(TimeBucket.of(at, zone));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"UTC", "America/New_York", "Australia/Lord_Howe"})
  void goesBackInTimeCorrectly(String zoneId) {
    ZoneId zone = ZoneId.of(zoneId);
    TimeBuckets buckets = new TimeBuckets(zone);
    Instant start = Instant.parse("2026-11-01T07:00:00Z");
    for (int minutes = 0; minutes < 24 * 60; minutes += 11) {
      Instant later = start.plus(Duration.ofMinutes(minutes));
      Instant earlier = start.minus(Duration.ofMinutes(minutes));
      assertThat(buckets.of(later)).isEqualTo(TimeBucket.of(later, zone));
      assertThat(buckets.of(earlier)).isEqualTo(TimeBucket.of(earlier, zone));
    }
  }
}
