package io.github.selectcolor.hdfssink.files;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Finds the {@link TimeBucket} of instants in one time zone, remembering the last hour found: a
 * stream of events is mostly in the current hour, and working out the zone's date and hour was a
 * measurable share of a worker's time. Not thread-safe: one per worker.
 */
public final class TimeBuckets {

  private final ZoneId zone;
  private TimeBucket last;
  private long lastStartMillis;
  private long lastEndMillis;

  public TimeBuckets(ZoneId zone) {
    this.zone = zone;
  }

  public TimeBucket of(Instant instant) {
    long millis = instant.toEpochMilli();
    if (last != null && millis >= lastStartMillis && millis < lastEndMillis) {
      return last;
    }
    ZonedDateTime time = instant.atZone(zone);
    LocalDateTime hourStart = time.toLocalDateTime().truncatedTo(ChronoUnit.HOURS);
    last = new TimeBucket(hourStart.toLocalDate(), hourStart.getHour());
    // Where the offset changes within the hour, the range ends at the change.
    ZoneRules rules = zone.getRules();
    lastStartMillis = Math.max(hourStart.atZone(zone).toInstant().toEpochMilli(),
        millisOf(rules.previousTransition(instant.plusMillis(1)), Long.MIN_VALUE));
    lastEndMillis = Math.min(hourStart.plusHours(1).atZone(zone).toInstant().toEpochMilli(),
        millisOf(rules.nextTransition(instant), Long.MAX_VALUE));
    return last;
  }

  private static long millisOf(ZoneOffsetTransition transition, long none) {
    return transition == null ? none : transition.getInstant().toEpochMilli();
  }
}
