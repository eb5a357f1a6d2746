package io.github.selectcolor.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {

  @Test
  void acceptsKoreanAndEmoji() {
    assertThat(Utf8.isWellFormed("김민준 😀 é".getBytes(StandardCharsets.UTF_8))).isTrue();
  }

  @Test
  void refusesAnOverlongForm() {
    assertThat(Utf8.isWellFormed(new byte[] {'k', (byte) 0xC0, (byte) 0xAF})).isFalse();
  }

  @Test
  void refusesAnEncodedSurrogate() {
    assertThat(Utf8.isWellFormed(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).isFalse();
  }

  @Test
  void refusesATruncatedSequence() {
    assertThat(Utf8.isWellFormed(new byte[] {'a', (byte) 0xE2, (byte) 0x82})).isFalse();
  }

  @Test
  void refusesALoneContinuationByte() {
    assertThat(Utf8.isWellFormed(new byte[] {(byte) 0x80})).isFalse();
  }

  @Test
  void refusesCodePointsBeyondTheLastPlane() {
    assertThat(Utf8.isWellFormed(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}))
        .isFalse();
  }
}
