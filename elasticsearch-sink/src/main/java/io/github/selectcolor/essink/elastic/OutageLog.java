package io.github.selectcolor.essink.elastic;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs an outage of Elasticsearch the way the pipeline's rule asks, however often it is retried:
 * one WARN when it starts, at most one WARN a minute while it lasts, and one INFO with its
 * duration when it ends. A task that checks again every few hundred milliseconds would otherwise
 * fill the worker's log with the same failure. Warnings stay at most one a minute when outages
 * come and go (Elasticsearch refusing some bulk requests with 429 under load): an outage starting
 * within a minute of the last warning is not warned of unless it lasts, and only an outage warned
 * of has its end logged at INFO. Not thread-safe: one thread reports to it.
 */
public final class OutageLog {

  static final Duration REMINDER_INTERVAL = Duration.ofMinutes(1);
  private static final Logger log = LoggerFactory.getLogger(OutageLog.class);

  private final String subject;
  private final String activity;
  private final String consequence;
  private final Clock clock;
  private Instant startedAt;
  private Instant lastWarnedAt;
  private boolean warned;
  private long failures;

  /**
   * @param subject     what is out, such as "Elasticsearch at [http://es1:9200]": no secrets
   * @param activity    what it cannot do, such as "take documents"
   * @param consequence what the caller does meanwhile, said once when the outage starts
   */
  public OutageLog(String subject, String activity, String consequence, Clock clock) {
    this.subject = subject;
    this.activity = activity;
    this.consequence = consequence;
    this.clock = clock;
  }

  /** Notes a failed attempt, which starts an outage unless one is already under way. */
  public void failed(String reason) {
    Instant now = clock.instant();
    failures++;
    boolean starts = startedAt == null;
    if (starts) {
      startedAt = now;
      warned = false;
    }
    if (lastWarnedAt != null && now.isBefore(lastWarnedAt.plus(REMINDER_INTERVAL))) {
      return;
    }
    lastWarnedAt = now;
    warned = true;
    if (starts) {
      log.warn("{} cannot {} ({}); {}.", subject, activity, reason, consequence);
    } else {
      log.warn("{} still cannot {} after {} and {}; the last failed with: {}.", subject,
          activity, since(startedAt, now), failedAttempts(), reason);
    }
  }

  /** Notes a successful attempt, which ends the outage if one was under way. */
  public void succeeded() {
    if (startedAt == null) {
      return;
    }
    Duration lasted = since(startedAt, clock.instant());
    if (warned) {
      log.info("{} can {} again after an outage of {} and {}.", subject, activity, lasted,
          failedAttempts());
    } else {
      log.debug("{} can {} again after an outage of {} and {}, not warned of: it came within a"
          + " minute of the last warning.", subject, activity, lasted, failedAttempts());
    }
    startedAt = null;
    failures = 0;
  }

  public boolean isOngoing() {
    return startedAt != null;
  }

  private String failedAttempts() {
    return failures + (failures == 1 ? " failed attempt" : " failed attempts");
  }

  private static Duration since(Instant start, Instant now) {
    return Duration.between(start, now).truncatedTo(ChronoUnit.MILLIS);
  }
}
