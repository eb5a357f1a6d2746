package io.github.selectcolor.dashboard.elasticsearch;

import io.github.selectcolor.dashboard.elasticsearch.ElasticsearchSection.ColorCount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Puts the counted colors in the order the page shows them. */
final class ColorCounts {

  private ColorCounts() {
  }

  /**
   * The palette's colors first, in palette order and with 0 when nobody picked them, so that the
   * chart keeps its shape; then any other names (from an older palette, say) by count, largest
   * first, then by name.
   */
  static List<ColorCount> of(List<String> palette, Map<String, Long> counted) {
    List<ColorCount> colors = new ArrayList<>();
    Set<String> listed = new HashSet<>();
    for (String color : palette) {
      if (listed.add(color)) {
        colors.add(new ColorCount(color, counted.getOrDefault(color, 0L)));
      }
    }
    counted.entrySet().stream()
        .filter(entry -> !listed.contains(entry.getKey()))
        .map(entry -> new ColorCount(entry.getKey(), entry.getValue()))
        .sorted(Comparator.comparingLong(ColorCount::count).reversed()
            .thenComparing(ColorCount::color))
        .forEach(colors::add);
    return colors;
  }
}
