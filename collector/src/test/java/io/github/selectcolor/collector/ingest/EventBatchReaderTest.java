package io.github.selectcolor.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.selectcolor.collector.CollectorProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

class EventBatchReaderTest {

  private final EventBatchReader reader = new EventBatchReader(
      new CollectorProperties.Limits(64, DataSize.ofBytes(100), 3, DataSize.ofKilobytes(512),
          Duration.ofSeconds(10)));

  @Test
  void readsOneEventObject() {
    List<EventBatchReader.RawEvent> events = read("{\"userName\":\"kim\"}");

    assertThat(events).singleElement().satisfies(event -> {
      assertThat(event.path()).isEmpty();
      assertThat(event.json().get("userName").textValue()).isEqualTo("kim");
    });
  }

  @Test
  void readsABatchWithEachEventsPlace() {
    assertThat(read("[{\"a\":1},{\"a\":2}]")).extracting(EventBatchReader.RawEvent::path)
        .containsExactly("[0]", "[1]");
  }

  @Test
  void refusesMoreEventsThanTheBatchLimit() {
    assertRefused("[{},{},{},{}]", HttpStatus.PAYLOAD_TOO_LARGE, "body", "too-many-events");
  }

  @Test
  void refusesAnEventLargerThanTheEventLimitAndNamesIt() {
    assertRefused("[{},{\"n\":\"" + "x".repeat(100) + "\"}]", HttpStatus.PAYLOAD_TOO_LARGE, "[1]",
        "event-too-large");
  }

  @Test
  void refusesAnEmptyBatch() {
    assertRefused("[]", HttpStatus.BAD_REQUEST, "body", "empty-batch");
  }

  @Test
  void refusesABatchElementThatIsNotAnObject() {
    assertRefused("[{},\"x\"]", HttpStatus.BAD_REQUEST, "[1]", "not-an-event");
  }

  @Test
  void refusesAnEmptyBody() {
    assertRefused("", HttpStatus.BAD_REQUEST, "body", "not-an-event");
  }

  @Test
  void refusesTrailingContent() {
    assertRefused("{} {}", HttpStatus.BAD_REQUEST, "body", "malformed-json");
  }

  @Test
  void refusesTruncatedJson() {
    assertRefused("[{\"a\":", HttpStatus.BAD_REQUEST, "body", "malformed-json");
  }

  private List<EventBatchReader.RawEvent> read(String body) {
    return reader.read(body.getBytes(StandardCharsets.UTF_8));
  }

  private void assertRefused(String body, HttpStatus status, String field, String reason) {
    assertThatThrownBy(() -> read(body))
        .isInstanceOfSatisfying(InvalidEventException.class, e -> {
          assertThat(e.status()).isEqualTo(status);
          assertThat(e.field()).isEqualTo(field);
          assertThat(e.reason()).isEqualTo(reason);
        });
  }
}
