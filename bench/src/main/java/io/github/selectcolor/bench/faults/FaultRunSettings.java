package io.github.selectcolor.bench.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A fault run's settings, from {@code key=value} arguments.
 *
 * @param plan       {@code full} (every fault) or {@code short} (three sink crashes and a
 *                   collector restart)
 * @param seed       drives event ids, jitter, the gaps between faults and which leader dies
 * @param rate       clicks per second
 * @param pages      tracker pages (browser tabs) the clicks are spread over
 * @param minGap     the shortest quiet time between two faults
 * @param maxGap     the longest
 * @param rollAge    the HDFS sink's roll.max-age
 * @param parts      bench/target/faults
 * @param classes    bench's classes
 * @param logs       where each process's log goes
 */
record FaultRunSettings(String plan, long seed, int rate, int pages, Duration minGap,
    Duration maxGap, Duration rollAge, Path parts, Path classes, Path logs) {

  private static final Set<String> KEYS = Set.of("plan", "seed", "rate", "pages", "min-gap",
      "max-gap", "roll-age", "parts", "classes", "logs");

  FaultRunSettings {
    if (!plan.equals("full") && !plan.equals("short")) {
      throw new IllegalArgumentException("plan is full or short, not " + plan + ".");
    }
    if (rate < 1 || pages < 1 || minGap.compareTo(maxGap) > 0) {
      throw new IllegalArgumentException("rate and pages must be positive and min-gap at most"
          + " max-gap.");
    }
  }

  static FaultRunSettings parse(String... arguments) {
    Map<String, String> values = new HashMap<>();
    for (String argument : arguments) {
      int equals = argument.indexOf('=');
      String key = equals < 0 ? argument : argument.substring(0, equals);
      if (equals < 0 || !KEYS.contains(key)) {
        throw new IllegalArgumentException("Unknown argument " + argument + "; give key=value with"
            + " a key of " + KEYS + ".");
      }
      values.put(key, argument.substring(equals + 1));
    }
    return new FaultRunSettings(values.getOrDefault("plan", "full"),
        Long.parseLong(values.getOrDefault("seed", String.valueOf(System.nanoTime() & 0xFFFFFF))),
        Integer.parseInt(values.getOrDefault("rate", "100")),
        Integer.parseInt(values.getOrDefault("pages", "8")),
        Duration.ofSeconds(Long.parseLong(values.getOrDefault("min-gap", "5"))),
        Duration.ofSeconds(Long.parseLong(values.getOrDefault("max-gap", "12"))),
        Duration.ofSeconds(Long.parseLong(values.getOrDefault("roll-age", "5"))),
        Path.of(required(values, "parts")), Path.of(required(values, "classes")),
        Path.of(required(values, "logs")));
  }

  private static String required(Map<String, String> values, String key) {
    String value = values.get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Give " + key + "=<path>.");
    }
    return value;
  }
}
