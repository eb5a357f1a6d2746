package io.github.selectcolor.bench.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured window of a run, as bench/run.sh records it: which configuration, which subject
 * ({@code collector}, {@code baseline} or {@code ceiling}) and which workload, with the numbers wrk's
 * {@code done()} or the producer ceiling printed.
 *
 * @param config   the configuration, such as {@code fast}
 * @param subject  what was measured
 * @param workload such as {@code single}, {@code half-load}, {@code batch} or {@code producer}
 * @param values   every {@code key=value} of the line
 */
public record Measurement(String config, String subject, String workload, Map<String, String> values) {

  public Measurement {
    values = Map.copyOf(values);
  }

  /** Reads {@code key=value} fields separated by spaces; config, subject and workload are required. */
  public static Measurement parse(String fields) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String field : fields.trim().split("\\s+")) {
      int equals = field.indexOf('=');
      if (equals < 1) {
        throw new IllegalArgumentException("Field '" + field + "' is not key=value in: " + fields);
      }
      values.put(field.substring(0, equals), field.substring(equals + 1));
    }
    return new Measurement(required(values, "config", fields), required(values, "subject", fields),
        required(values, "workload", fields), values);
  }

  public long number(String key) {
    String value = values.get(key);
    if (value == null) {
      throw new IllegalStateException("The " + config + "/" + subject + "/" + workload
          + " measurement has no '" + key + "'.");
    }
    return Long.parseLong(value);
  }

  public double seconds() {
    return number("duration_us") / 1e6;
  }

  /** Answered requests that succeeded (2xx), per second; for the ceiling, acknowledged records. */
  public double successesPerSecond() {
    if (values.containsKey("records")) {
      return number("records") / seconds();
    }
    return (number("requests") - number("non2xx")) / seconds();
  }

  public double eventsPerSecond() {
    long perRequest = values.containsKey("events_per_request") ? number("events_per_request") : 1;
    return successesPerSecond() * perRequest;
  }

  /** Non-2xx answers and socket errors (connect, read, write, timeout); failed sends for the ceiling. */
  public long errors() {
    if (values.containsKey("records")) {
      return number("failed");
    }
    return number("non2xx") + number("socket_errors");
  }

  public double p50Millis() {
    return number("p50_us") / 1e3;
  }

  public double p99Millis() {
    return number("p99_us") / 1e3;
  }

  private static String required(Map<String, String> values, String key, String fields) {
    String value = values.get(key);
    if (value == null) {
      throw new IllegalArgumentException("The measurement has no '" + key + "': " + fields);
    }
    return value;
  }
}
