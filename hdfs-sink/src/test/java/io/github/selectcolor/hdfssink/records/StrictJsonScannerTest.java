package io.github.selectcolor.hdfssink.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.selectcolor.event.EventJson;
import io.github.selectcolor.event.SelectColorEvent;
import io.github.selectcolor.event.UserAgentDetails;
import io.github.selectcolor.hdfssink.dedup.EventFields;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StrictJsonScannerTest {

  private final StrictJsonScanner scanner = new StrictJsonScanner();
  private final EventFields fields = new EventFields();

  static byte[] collectorEvent(String userName) {
    OffsetDateTime now = OffsetDateTime.of(2026, 11, 22, 18, 5, 0, 0, ZoneOffset.ofHours(9));
    return new EventJson().write(SelectColorEvent.of(
        UUID.fromString("2f6c1d2e-8d3a-4b7e-9c0f-1a2b3c4d5e6f"), now.minusNanos(120_000_000), now,
        now, userName, "blue", "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0",
        UserAgentDetails.UNKNOWN));
  }

  private boolean accepts(String value) {
    return scanner.accepts(value.getBytes(StandardCharsets.UTF_8), fields);
  }

  @Test
  void acceptsTheCollectorsEventsAndReadsTheirTwoFields() {
    for (String userName : List.of("kim", "김민지", "emoji \uD83D\uDE00", "quote \" and \\ tab \t")) {
      assertThat(scanner.accepts(collectorEvent(userName), fields)).as(userName).isTrue();

      assertThat(new UUID(fields.eventIdHigh(), fields.eventIdLow()))
          .isEqualTo(UUID.fromString("2f6c1d2e-8d3a-4b7e-9c0f-1a2b3c4d5e6f"));
      assertThat(fields.receivedAt()).isEqualTo("2026-11-22T18:05:00.000+09:00");
    }
  }

  @Test
  void acceptsEveryKindOfJsonValue() {
    assertThat(accepts(" {\t\"a\" : [1, -0, 0.5, 1e3, -2.5E-7, true, false, null, \"\\u00e9\\n\"],"
        + " \"b\": {\"c\": {}, \"d\": [], \"e\\\"\": \"\\ud83d\\ude00\"}} ")).isTrue();
    assertThat(accepts("{}")).isTrue();
  }

  @Test
  void takesTheFirstOfRepeatedFieldsAndOnlyStrings() {
    assertThat(accepts("{\"eventId\":42,\"receivedAt\":\"t1\",\"eventId\":\""
        + UUID.randomUUID() + "\",\"receivedAt\":\"t2\"}")).isTrue();

    assertThat(fields.hasEventId()).isFalse();
    assertThat(fields.receivedAt()).isEqualTo("t1");
  }

  @Test
  void leavesToJacksonWhatItCannotBeSureOf() {
    for (String value : List.of("", "[1]", "\"a\"", "{\"a\":1", "{\"a\":1}x", "{\"a\":1} {}",
        "{\"a\":\n1}", "{\"a\":\r1}", "{\"a\":\"x\ny\"}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}",
        "{\"a\":1e}", "{\"a\":-}", "{\"a\":+1}", "{\"a\":tru}", "{\"a\":truex}", "{\"a\":1,}",
        "{\"a\":[1,]}", "{,}", "{\"a\" 1}", "{'a':1}", "{a:1}", "{\"a\":NaN}", "{\"a\":\"\\x\"}",
        "{\"a\":\"\\u12\"}", "{\"a\":\"\\ud800\"}", "{\"a\":\"\\ude00\\ud83d\"}",
        "{\"a\":\"\\ud83d\\u0041\"}", "{\"event\\u0049d\":\"x\"}",
        "{\"receivedAt\":\"2026-11-22T09:05:00\\u005a\"}", "{\"a\":1}\u00a0",
        "\uFEFF{\"a\":1}", "{\"a\":\"\u0001\"}", "{\"a\":" + "1".repeat(101) + "}",
        "{\"a\":" + "[".repeat(64) + "]".repeat(64) + "}",
        "{\"a\":\"" + "x".repeat(StrictJsonScanner.MAX_LENGTH) + "\"}")) {
      assertThat(accepts(value)).as(value).isFalse();
    }
  }

  @Test
  void nestsAsDeepAsItsLimit() {
    assertThat(accepts("{\"a\":" + "[".repeat(63) + "]".repeat(63) + "}")).isTrue();
  }

  @Test
  void leavesMalformedUtf8ToJackson() {
    List<byte[]> sequences = List.of(new byte[] {(byte) 0xC0, (byte) 0x80},
        new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0x80},
        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        new byte[] {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
        new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {(byte) 0x80}, new byte[] {(byte) 0xFF});
    for (byte[] sequence : sequences) {
      assertThat(scanner.accepts(stringHolding(sequence), fields)).isFalse();
    }
    assertThat(scanner.accepts(stringHolding(new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98,
        (byte) 0x80}), fields)).isTrue();
  }

  private static byte[] stringHolding(byte[] sequence) {
    byte[] value = new byte[sequence.length + 8];
    byte[] head = "{\"a\":\"".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(head, 0, value, 0, head.length);
    System.arraycopy(sequence, 0, value, head.length, sequence.length);
    value[value.length - 2] = '"';
    value[value.length - 1] = '}';
    return value;
  }
}
