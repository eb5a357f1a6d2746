package io.github.selectcolor.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventJsonTest {

  private final EventJson json = new EventJson();

  private final SelectColorEvent event = SelectColorEvent.of(
      UUID.fromString("2f6c1d2e-8d3a-4b7e-9c0f-1a2b3c4d5e6f"),
      OffsetDateTime.parse("2026-11-22T10:00:00.000+09:00"),
      OffsetDateTime.parse("2026-11-22T10:00:01.500+09:00"),
      OffsetDateTime.parse("2026-11-22T01:00:10.000Z"),
      "김민준", "blue", "Mozilla/5.0",
      new UserAgentDetails("Chrome", "131", "Linux", "Desktop"));

  @Test
  void writesTheBookFieldsUnderTheirOriginalNamesWithOffsets() {
    String written = new String(json.write(event), StandardCharsets.UTF_8);

    assertThat(written).isEqualTo("{\"schemaVersion\":1,"
        + "\"eventId\":\"2f6c1d2e-8d3a-4b7e-9c0f-1a2b3c4d5e6f\",\"eventType\":\"select-color\","
        + "\"timestamp\":\"2026-11-22T10:00:00.000+09:00\","
        + "\"sentAt\":\"2026-11-22T10:00:01.500+09:00\",\"receivedAt\":\"2026-11-22T01:00:10.000Z\","
        + "\"derivedTimestamp\":\"2026-11-22T01:00:08.500Z\","
        + "\"userName\":\"김민준\",\"colorName\":\"blue\",\"userAgent\":\"Mozilla/5.0\","
        + "\"agent\":{\"browser\":\"Chrome\",\"browserVersion\":\"131\",\"os\":\"Linux\","
        + "\"deviceClass\":\"Desktop\"}}");
  }

  @Test
  void correctsTheBrowserClockSkewByTheTimeTheEventWaitedInTheBrowser() {
    assertThat(event.derivedTimestamp())
        .isEqualTo(OffsetDateTime.parse("2026-11-22T01:00:08.500Z"));
  }

  @Test
  void readsWhatItWrote() throws Exception {
    assertThat(json.read(json.write(event))).isEqualTo(event);
  }

  @Test
  void encodesNonAsciiNamesAsUtf8Bytes() {
    byte[] written = json.write(event);

    assertThat(new String(written, StandardCharsets.UTF_8)).contains("김민준");
    assertThat(written).containsSequence("김민준".getBytes(StandardCharsets.UTF_8));
  }
}
