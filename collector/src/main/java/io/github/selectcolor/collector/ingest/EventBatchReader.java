package io.github.selectcolor.collector.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.selectcolor.collector.CollectorProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a request body, one JSON event or a JSON array of them, into events, enforcing the count
 * and per-event size limits as it reads. Thread-safe.
 */
final class EventBatchReader {

  private final ObjectMapper mapper = JsonMapper.builder().build();
  private final int maxEvents;
  private final long maxEventBytes;

  EventBatchReader(CollectorProperties.Limits limits) {
    this.maxEvents = limits.maxBatchEvents();
    this.maxEventBytes = limits.maxEventSize().toBytes();
  }

  /** One JSON object per event, each with its path in the request for error messages. */
  record RawEvent(String path, JsonNode json) {
  }

  List<RawEvent> read(byte[] body) {
    if (!Utf8.isWellFormed(body)) {
      throw InvalidEventException.badRequest("body", "invalid-utf8", "The body is not valid UTF-8.");
    }
    try (JsonParser parser = mapper.createParser(body)) {
      JsonToken first = parser.nextToken();
      if (first == JsonToken.START_OBJECT) {
        checkEventSize("", body.length);
        RawEvent event = new RawEvent("", parser.readValueAsTree());
        expectEnd(parser);
        return List.of(event);
      }
      if (first == JsonToken.START_ARRAY) {
        return readArray(parser);
      }
      throw InvalidEventException.badRequest("body", "not-an-event",
          "The body must be one JSON event object or a JSON array of them.");
    } catch (JsonProcessingException e) {
      throw InvalidEventException.badRequest("body", "malformed-json",
          "The body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read a request body held in memory.", e);
    }
  }

  private List<RawEvent> readArray(JsonParser parser) throws IOException {
    List<RawEvent> events = new ArrayList<>();
    while (parser.nextToken() == JsonToken.START_OBJECT) {
      String path = "[" + events.size() + "]";
      if (events.size() == maxEvents) {
        throw InvalidEventException.tooLarge("body", "too-many-events",
            "A batch may hold at most " + maxEvents + " events.");
      }
      long start = parser.currentTokenLocation().getByteOffset();
      JsonNode json = parser.readValueAsTree();
      checkEventSize(path, parser.currentLocation().getByteOffset() - start);
      events.add(new RawEvent(path, json));
    }
    if (parser.currentToken() != JsonToken.END_ARRAY) {
      throw InvalidEventException.badRequest("[" + events.size() + "]", "not-an-event",
          "Every element of a batch must be a JSON event object.");
    }
    if (events.isEmpty()) {
      throw InvalidEventException.badRequest("body", "empty-batch", "The batch holds no events.");
    }
    expectEnd(parser);
    return events;
  }

  private void checkEventSize(String path, long bytes) {
    if (bytes > maxEventBytes) {
      throw InvalidEventException.tooLarge(path.isEmpty() ? "body" : path, "event-too-large",
          "An event may have at most " + maxEventBytes + " bytes; this one has " + bytes + ".");
    }
  }

  private static void expectEnd(JsonParser parser) throws IOException {
    if (parser.nextToken() != null) {
      throw InvalidEventException.badRequest("body", "malformed-json",
          "The body has more content after its JSON value.");
    }
  }
}
