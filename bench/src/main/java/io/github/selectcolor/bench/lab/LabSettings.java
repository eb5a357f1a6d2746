package io.github.selectcolor.bench.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A delivery lab run's settings, from {@code key=value} arguments, checked before anything starts:
 * every problem is named by its key in one error.
 *
 * @param policies    the rows, in the order given
 * @param faults      the columns, in the order given
 * @param repetitions how many times each column's fault is injected (every row sees each one)
 * @param rate        events per second each sender sends, the collectors' and the producers'
 * @param before      load before the fault
 * @param down        how long a killed broker stays down, or a stalled one stalled past
 *                    replica.lag.time.max.ms
 * @param after       load after the fault healed
 * @param seed        drives which partition's leader a fault picks and the events' ids
 * @param sinks       whether the HDFS sink and the Elasticsearch connector drain the collectors'
 *                    topics at the end, to count what each store holds
 * @param parts       bench/target/faults
 * @param classes     bench's classes
 * @param logs        where each process's log goes
 */
record LabSettings(List<LabPolicy> policies, List<LabFault> faults, int repetitions, int rate,
    Duration before, Duration down, Duration after, long seed, boolean sinks, Path parts,
    Path classes, Path logs) {

  private static final Set<String> KEYS = Set.of("policies", "faults", "repetitions", "rate",
      "before", "down", "after", "seed", "sinks", "parts", "classes", "logs");

  LabSettings {
    policies = List.copyOf(policies);
    faults = List.copyOf(faults);
  }

  static LabSettings parse(String... arguments) {
    Map<String, String> values = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (String argument : arguments) {
      int equals = argument.indexOf('=');
      String key = equals < 0 ? argument : argument.substring(0, equals);
      if (equals < 0 || !KEYS.contains(key)) {
        problems.add("unknown argument '" + argument + "' (give key=value with a key of "
            + KEYS.stream().sorted().toList() + ")");
      } else {
        values.put(key, argument.substring(equals + 1));
      }
    }
    Parser parser = new Parser(values, problems);
    List<LabPolicy> policies = parser.list("policies", LabPolicy::ofOption, LabPolicy.values());
    List<LabFault> faults = parser.list("faults", LabFault::ofOption, LabFault.values());
    int repetitions = parser.positive("repetitions", 3);
    int rate = parser.positive("rate", 100);
    Duration before = Duration.ofSeconds(parser.positive("before", 5));
    Duration down = Duration.ofSeconds(parser.positive("down", 5));
    Duration after = Duration.ofSeconds(parser.positive("after", 5));
    long seed = parser.number("seed", System.nanoTime() & 0xFFFFFF);
    boolean sinks = parser.bool("sinks", true);
    Path parts = parser.path("parts");
    Path classes = parser.path("classes");
    Path logs = parser.path("logs");
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("The lab's options cannot work: "
          + String.join("; ", problems) + ".");
    }
    return new LabSettings(policies, faults, repetitions, rate, before, down, after, seed, sinks,
        parts, classes, logs);
  }

  /** Reads values, adding a problem named by key for each one that is wrong. */
  private record Parser(Map<String, String> values, List<String> problems) {

    <T> List<T> list(String key, Function<String, T> parse, T[] all) {
      String value = values.get(key);
      if (value == null) {
        return List.of(all);
      }
      Set<T> chosen = new LinkedHashSet<>();
      for (String option : value.split(",")) {
        try {
          chosen.add(parse.apply(option.trim()));
        } catch (IllegalArgumentException e) {
          problems.add(key + ": " + e.getMessage());
        }
      }
      if (chosen.isEmpty()) {
        problems.add(key + " names none of " + Arrays.toString(all));
      }
      return List.copyOf(chosen);
    }

    int positive(String key, int otherwise) {
      long value = number(key, otherwise);
      if (value < 1 || value > Integer.MAX_VALUE) {
        problems.add(key + "=" + values.get(key) + " must be a whole number of at least 1");
        return otherwise;
      }
      return (int) value;
    }

    long number(String key, long otherwise) {
      String value = values.get(key);
      if (value == null) {
        return otherwise;
      }
      try {
        return Long.parseLong(value.trim());
      } catch (NumberFormatException e) {
        problems.add(key + "=" + value + " is not a whole number");
        return otherwise;
      }
    }

    boolean bool(String key, boolean otherwise) {
      String value = values.get(key);
      if (value == null) {
        return otherwise;
      }
      if (!value.equals("true") && !value.equals("false")) {
        problems.add(key + "=" + value + " must be true or false");
        return otherwise;
      }
      return Boolean.parseBoolean(value);
    }

    Path path(String key) {
      String value = values.get(key);
      if (value == null || value.isBlank()) {
        problems.add("give " + key + "=<path>");
        return Path.of("");
      }
      return Path.of(value);
    }
  }
}
