package io.github.selectcolor.collector.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.selectcolor.collector.CollectorProperties;
import io.github.selectcolor.event.EventTimes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Checks one event against the schema and the configured palette and limits, naming the field of
 * the first problem. Thread-safe.
 */
final class EventValidator {

  /**
   * A browser's clock may be off by years, but not by centuries: times further than this from the
   * receipt are refused, so that no derived time, daily index or HDFS folder lies outside it.
   */
  static final Duration CLIENT_TIME_WINDOW = Duration.ofDays(3653);

  private final Set<String> palette;
  private final List<String> paletteInOrder;
  private final int maxNameLength;
  private final Clock clock;

  EventValidator(CollectorProperties properties, Clock clock) {
    this.paletteInOrder = List.copyOf(properties.palette());
    this.palette = Set.copyOf(paletteInOrder);
    this.maxNameLength = properties.limits().maxNameLength();
    this.clock = clock;
  }

  IncomingEvent validate(EventBatchReader.RawEvent raw) {
    String prefix = raw.path().isEmpty() ? "" : raw.path() + ".";
    JsonNode json = raw.json();
    return new IncomingEvent(
        eventId(prefix + "eventId", json.get("eventId")),
        time(prefix + "timestamp", json.get("timestamp")),
        time(prefix + "sentAt", json.get("sentAt")),
        userName(prefix + "userName", requiredText(prefix + "userName", json.get("userName"))),
        colorName(prefix + "colorName", requiredText(prefix + "colorName", json.get("colorName"))));
  }

  /** Checks a name as typed; returns it trimmed. */
  String userName(String field, String name) {
    if (name == null) {
      throw missing(field);
    }
    String trimmed = name.strip();
    if (trimmed.isEmpty()) {
      throw InvalidEventException.badRequest(field, "blank-name", field + " must not be blank.");
    }
    if (trimmed.codePointCount(0, trimmed.length()) > maxNameLength) {
      throw InvalidEventException.badRequest(field, "name-too-long",
          field + " may have at most " + maxNameLength + " characters.");
    }
    if (trimmed.codePoints().anyMatch(codePoint -> Character.getType(codePoint)
        == Character.SURROGATE)) {
      throw InvalidEventException.badRequest(field, "unpaired-surrogate",
          field + " must be valid Unicode: it holds half of a surrogate pair.");
    }
    if (trimmed.codePoints().anyMatch(EventValidator::isControl)) {
      throw InvalidEventException.badRequest(field, "control-character",
          field + " must not contain control characters.");
    }
    return trimmed;
  }

  String colorName(String field, String color) {
    if (color == null) {
      throw missing(field);
    }
    if (!palette.contains(color)) {
      throw InvalidEventException.badRequest(field, "unknown-color",
          field + " must be one of " + paletteInOrder + ".");
    }
    return color;
  }

  /**
   * C0/C1 controls, line and paragraph separators, and the bidirectional overrides that can make a
   * name display as something else. Other format characters stay: Persian and Indic names need the
   * zero-width joiner and non-joiner.
   */
  private static boolean isControl(int codePoint) {
    int type = Character.getType(codePoint);
    return type == Character.CONTROL || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || codePoint >= 0x202A && codePoint <= 0x202E || codePoint >= 0x2066 && codePoint <= 0x2069;
  }

  private static String requiredText(String field, JsonNode node) {
    if (node == null || node.isNull()) {
      throw missing(field);
    }
    if (!node.isTextual()) {
      throw InvalidEventException.badRequest(field, "not-a-string", field + " must be a string.");
    }
    return node.textValue();
  }

  private static UUID eventId(String field, JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    try {
      return UUID.fromString(requiredText(field, node));
    } catch (IllegalArgumentException e) {
      throw InvalidEventException.badRequest(field, "invalid-event-id",
          field + " must be a UUID such as 2f6c1d2e-8d3a-4b7e-9c0f-1a2b3c4d5e6f.");
    }
  }

  private OffsetDateTime time(String field, JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    OffsetDateTime time;
    try {
      time = EventTimes.parse(requiredText(field, node));
    } catch (DateTimeParseException e) {
      throw InvalidEventException.badRequest(field, "invalid-time",
          field + " must be an ISO-8601 time with an offset, such as 2026-11-22T10:00:00.000+09:00.");
    }
    Instant now = clock.instant();
    Instant instant = time.toInstant();
    if (instant.isBefore(now.minus(CLIENT_TIME_WINDOW))
        || instant.isAfter(now.plus(CLIENT_TIME_WINDOW))) {
      throw InvalidEventException.badRequest(field, "time-out-of-range",
          field + " must be within " + CLIENT_TIME_WINDOW.toDays() / 365 + " years of now.");
    }
    return time;
  }

  private static InvalidEventException missing(String field) {
    return InvalidEventException.badRequest(field, "missing-field", field + " is required.");
  }
}
