package io.github.selectcolor.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * Reads and writes {@link SelectColorEvent} as UTF-8 JSON, the form it has in Kafka, HDFS and
 * Elasticsearch. Times are ISO-8601 strings that keep their offset. Instances are immutable and
 * thread-safe.
 */
public final class EventJson {

  private final ObjectWriter writer;
  private final ObjectReader reader;

  public EventJson() {
    ObjectMapper mapper = JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
    this.writer = mapper.writerFor(SelectColorEvent.class);
    this.reader = mapper.readerFor(SelectColorEvent.class);
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
