package io.github.selectcolor.hdfssink.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

  @Test
  void readsTheSameBitsAsUuidInEitherCaseAtAnyOffset() {
    for (int round = 0; round < 1_000; round++) {
      UUID id = UUID.randomUUID();
      String text = round % 2 == 0 ? id.toString() : id.toString().toUpperCase(Locale.ROOT);
      char[] chars = ("\"x" + text + "y").toCharArray();

      assertThat(EventIds.isUuid(chars, 2, 36)).isTrue();
      assertThat(new UUID(EventIds.mostSignificantBits(chars, 2),
          EventIds.leastSignificantBits(chars, 2))).isEqualTo(id);
    }
  }

  @Test
  void refusesWhatIsNotTheCanonicalForm() {
    assertThat(isUuid("1-2-3-4-5")).isFalse();
    assertThat(isUuid("2f6c1d2e-8d3a-4b7e-9c0f-1a2b3c4d5e6")).isFalse();
    assertThat(isUuid("2f6c1d2e-8d3a-4b7e-9c0f-1a2b3c4d5e6f0")).isFalse();
    assertThat(isUuid("2f6c1d2e8d3a-4b7e-9c0f-1a2b3c4d5e6f0")).isFalse();
    assertThat(isUuid("2f6c1d2e-8d3a-4b7e-9c0f-1a2b3c4d5e6z")).isFalse();
    assertThat(isUuid("2f6c1d2e-8d3a-4b7e-9c0f-1a2b3c4d5e6٣")).isFalse();
    assertThat(isUuid("2f6c1d2e-8d3a-4b7e-9c0f-1a2b3c4d5e6f")).isTrue();
  }

  private static boolean isUuid(String text) {
    return EventIds.isUuid(text.toCharArray(), 0, text.length());
  }
}
