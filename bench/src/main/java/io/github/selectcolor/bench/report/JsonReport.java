package io.github.selectcolor.bench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a run as JSON for tools: the meta data, every measurement with its rates, the targets.
 * Thread-safe.
 */
final class JsonReport {

  private final ObjectWriter writer = JsonMapper.builder().build().writerWithDefaultPrettyPrinter();

  String render(RunFile run, List<ConfigurationFigures> figures, boolean smoke) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("smoke", smoke);
    root.put("meta", run.meta());
    root.put("configurations", figures.stream().map(JsonReport::configuration).toList());
    try {
      return writer.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not write the run's report as JSON.", e);
    }
  }

  private static Map<String, Object> configuration(ConfigurationFigures figures) {
    Map<String, Object> configuration = new LinkedHashMap<>();
    configuration.put("name", figures.configuration().id());
    configuration.put("brokers", figures.configuration().brokers());
    configuration.put("measurements", List.of(measurement(figures.collectorSingle()),
        measurement(figures.collectorHalf()), measurement(figures.collectorBatch()),
        measurement(figures.baselineSingle()), measurement(figures.minimalSingle()),
        measurement(figures.ceiling())));
    configuration.put("singleVersusBaseline", figures.singleVersusBaseline());
    configuration.put("singleVersusMinimal", figures.singleVersusMinimal());
    configuration.put("batchVersusCeiling", figures.batchVersusCeiling());
    configuration.put("halfLoadShareOfPeak", figures.halfLoadShareOfPeak());
    configuration.put("targets", figures.targets().stream().map(JsonReport::target).toList());
    return configuration;
  }

  private static Map<String, Object> measurement(Measurement measurement) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("subject", measurement.subject());
    json.put("workload", measurement.workload());
    json.put("perSecond", measurement.successesPerSecond());
    json.put("eventsPerSecond", measurement.eventsPerSecond());
    if (measurement.values().containsKey("p50_us")) {
      json.put("p50Ms", measurement.p50Millis());
      json.put("p99Ms", measurement.p99Millis());
    }
    json.put("errors", measurement.errors());
    json.put("raw", new TreeMap<>(measurement.values()));
    return json;
  }

  private static Map<String, Object> target(Target target) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", target.name());
    json.put("measured", target.measured());
    json.put("goal", target.goal());
    json.put("atLeast", target.atLeast());
    json.put("met", target.met());
    return json;
  }
}
