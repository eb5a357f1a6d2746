package io.github.selectcolor.event;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;

/**
 * One choice of a favorite color on the page, as it is stored in the {@code select-color} topic.
 *
 * <p>The book's fields keep their names ({@code timestamp}, {@code userAgent}, {@code colorName},
 * {@code userName}) so that its consumers keep working; the others are additions of schema version 1.
 *
 * @param schemaVersion    version of this layout, {@value #SCHEMA_VERSION} for now
 * @param eventId          made by the browser, or by the collector when the browser sent none
 * @param eventType        always {@value #EVENT_TYPE} for this event
 * @param timestamp        when the browser created the event, by the browser's clock
 * @param sentAt           when the browser sent it, by the browser's clock
 * @param receivedAt       when the collector received it, by the collector's clock
 * @param derivedTimestamp {@code timestamp} corrected for the browser's clock skew
 * @param userName         the name typed on the page
 * @param colorName        the chosen color, one of the collector's palette
 * @param userAgent        the browser's User-Agent header, unparsed
 * @param agent            the user agent parsed into its parts
 */
@JsonPropertyOrder({"schemaVersion", "eventId", "eventType", "timestamp", "sentAt", "receivedAt",
    "derivedTimestamp", "userName", "colorName", "userAgent", "agent"})
public record SelectColorEvent(
    int schemaVersion,
    UUID eventId,
    String eventType,
    OffsetDateTime timestamp,
    OffsetDateTime sentAt,
    OffsetDateTime receivedAt,
    OffsetDateTime derivedTimestamp,
    String userName,
    String colorName,
    String userAgent,
    UserAgentDetails agent) {

  public static final int SCHEMA_VERSION = 1;
  public static final String EVENT_TYPE = "select-color";

  public SelectColorEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(sentAt, "sentAt");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(derivedTimestamp, "derivedTimestamp");
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(colorName, "colorName");
    Objects.requireNonNull(eventType, "eventType");
  }

  /**
   * Builds a version-1 event, deriving the skew-corrected time: the browser's clock may be wrong, but
   * the time between creating and sending the event is measured on that one clock, so
   * {@code receivedAt - (sentAt - timestamp)} places the event on the collector's clock.
   */
  public static SelectColorEvent of(UUID eventId, OffsetDateTime timestamp, OffsetDateTime sentAt,
      OffsetDateTime receivedAt, String userName, String colorName, String userAgent,
      UserAgentDetails agent) {
    Duration waitedInBrowser = Duration.between(timestamp, sentAt);
    OffsetDateTime derived = receivedAt.minus(waitedInBrowser).withOffsetSameInstant(ZoneOffset.UTC);
    return new SelectColorEvent(SCHEMA_VERSION, eventId, EVENT_TYPE, timestamp, sentAt, receivedAt,
        derived, userName, colorName, userAgent, agent);
  }
}
