package io.github.selectcolor.event;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The window of {@code receivedAt} times that the sinks store: from {@value #EARLIEST} up to, but
 * not including, {@value #END}. Inside it every time has a four-digit year and fits in epoch
 * milliseconds, so each names a valid HDFS folder and Elasticsearch daily index. A record outside
 * it is a bad record, sent to the dead-letter topic, never a reason to stop a sink.
 *
 * <p>The window is fixed rather than relative to the sink's clock so that a replay of the same
 * topic years later lands the same records in the same places.
 */
public final class StorableTime {

  public static final String EARLIEST = "1970-01-01T00:00:00Z";
  public static final String END = "10000-01-01T00:00:00Z";

  private static final Instant EARLIEST_INSTANT = Instant.parse(EARLIEST);
  private static final Instant END_INSTANT = Instant.parse("+" + END);

  private StorableTime() {
  }

  public static boolean contains(OffsetDateTime time) {
    Instant instant = time.toInstant();
    return !instant.isBefore(EARLIEST_INSTANT) && instant.isBefore(END_INSTANT);
  }

  /** Why {@code time} is refused, for a dead-letter reason. */
  public static String refusal(String field, OffsetDateTime time) {
    return field + " " + EventTimes.format(time) + " is outside the storable window from "
        + EARLIEST + " to " + END;
  }
}
