package io.github.selectcolor.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.OffsetDateTime;

/**
 * Reads and writes {@link SelectColorEvent} as UTF-8 JSON, the form it has in Kafka, HDFS and
 * Elasticsearch. Times are ISO-8601 strings with milliseconds that keep their offset (see
 * {@link EventTimes}). Instances are immutable and thread-safe.
 */
public final class EventJson {

  private final ObjectWriter writer;
  private final ObjectReader reader;

  public EventJson() {
    ObjectMapper mapper = JsonMapper.builder()
        .addModule(timesModule())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
    this.writer = mapper.writerFor(SelectColorEvent.class);
    this.reader = mapper.readerFor(SelectColorEvent.class);
  }

  private static SimpleModule timesModule() {
    return new SimpleModule("event-times")
        .addSerializer(OffsetDateTime.class, new StdSerializer<>(OffsetDateTime.class) {
          @Override
          public void serialize(OffsetDateTime time, JsonGenerator generator,
              SerializerProvider provider) throws IOException {
            generator.writeString(EventTimes.format(time));
          }
        })
        .addDeserializer(OffsetDateTime.class, new StdDeserializer<>(OffsetDateTime.class) {
          @Override
          public OffsetDateTime deserialize(JsonParser parser, DeserializationContext context)
              throws IOException {
            try {
              return EventTimes.parse(parser.getValueAsString());
            } catch (DateTimeException e) {
              return (OffsetDateTime) context.handleWeirdStringValue(OffsetDateTime.class,
                  parser.getValueAsString(), e.getMessage());
            }
          }
        });
  }

  public byte[] write(SelectColorEvent event) {
    try {
      return writer.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not write event " + event.eventId() + " as JSON.", e);
    }
  }

  /**
   * Reads one event; unknown fields are ignored so that newer producers do not break older readers.
   *
   * @throws IOException when the bytes are not an event of this schema
   */
  public SelectColorEvent read(byte[] json) throws IOException {
    return reader.readValue(json);
  }
}
