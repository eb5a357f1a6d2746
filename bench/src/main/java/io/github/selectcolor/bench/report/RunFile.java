package io.github.selectcolor.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The measurements file bench/run.sh writes: {@code meta KEY=VALUE} lines (the value runs to the end
 * of the line) describing the machine and the parameters, and {@code run FIELD=VALUE ...} lines, one
 * per measured window.
 *
 * @param meta         the run's description, in file order
 * @param measurements the measured windows, in file order
 */
public record RunFile(Map<String, String> meta, List<Measurement> measurements) {

  private static final String META = "meta ";
  private static final String RUN = "run ";

  public RunFile {
    meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta));
    measurements = List.copyOf(measurements);
  }

  public static RunFile read(Path file) throws IOException {
    return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  public static RunFile parse(List<String> lines) {
    Map<String, String> meta = new LinkedHashMap<>();
    List<Measurement> measurements = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith(META)) {
        String entry = line.substring(META.length());
        int equals = entry.indexOf('=');
        if (equals < 1) {
          throw new IllegalArgumentException("Meta line is not 'meta KEY=VALUE': " + line);
        }
        meta.put(entry.substring(0, equals), entry.substring(equals + 1).trim());
      } else if (line.startsWith(RUN)) {
        measurements.add(Measurement.parse(line.substring(RUN.length())));
      } else if (!line.isBlank()) {
        throw new IllegalArgumentException("Line is neither 'meta' nor 'run': " + line);
      }
    }
    return new RunFile(meta, measurements);
  }

  /** The configurations measured, in the order they ran. */
  public Set<String> configs() {
    Set<String> configs = new LinkedHashSet<>();
    measurements.forEach(measurement -> configs.add(measurement.config()));
    return configs;
  }

  public Optional<Measurement> find(String config, String subject, String workload) {
    return measurements.stream()
        .filter(m -> m.config().equals(config) && m.subject().equals(subject)
            && m.workload().equals(workload))
        .reduce((first, second) -> second);
  }

  public Measurement require(String config, String subject, String workload) {
    return find(config, subject, workload).orElseThrow(() -> new IllegalStateException(
        "The run has no " + config + "/" + subject + "/" + workload + " measurement."));
  }

  public long metaSeconds(String key) {
    String value = meta.get(key);
    if (value == null) {
      throw new IllegalStateException("The run's meta data has no '" + key + "'.");
    }
    return Long.parseLong(value);
  }
}
