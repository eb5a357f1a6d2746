package io.github.selectcolor.hdfssink.files;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * The hour a record belongs to, named as Hive partitions: {@code dt=2026-11-22/hour=09}.
 *
 * @param date the day in the sink's time zone
 * @param hour 0 to 23
 */
public record TimeBucket(LocalDate date, int hour) {

  public static TimeBucket of(Instant instant, ZoneId zone) {
    ZonedDateTime time = instant.atZone(zone);
    return new TimeBucket(time.toLocalDate(), time.getHour());
  }

  /** The directory under the topic's, such as {@code dt=2026-11-22/hour=09}. */
  public String relativePath() {
    return String.format(Locale.ROOT, "dt=%s/hour=%02d", date, hour);
  }
}
