package io.github.selectcolor.dashboard.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.selectcolor.dashboard.elasticsearch.ElasticsearchSection.ColorCount;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColorCountsTest {

  @Test
  void listsThePaletteInOrderWithZerosThenOtherNamesByCount() {
    Map<String, Long> counted = new LinkedHashMap<>();
    counted.put("blue", 5L);
    counted.put("mauve", 1L);
    counted.put("teal", 3L);
    counted.put("red", 2L);
    counted.put("amber", 1L);

    assertThat(ColorCounts.of(List.of("red", "green", "blue"), counted)).containsExactly(
        new ColorCount("red", 2), new ColorCount("green", 0), new ColorCount("blue", 5),
        new ColorCount("teal", 3), new ColorCount("amber", 1), new ColorCount("mauve", 1));
  }
}
