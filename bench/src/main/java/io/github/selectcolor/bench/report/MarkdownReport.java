package io.github.selectcolor.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a run as Markdown: what ran where, each configuration's figures, and the targets. Not
 * thread-safe: it builds the text in a buffer of its own.
 */
final class MarkdownReport {

  private static final Map<String, String> MACHINE_KEYS = Map.of("cpu", "CPU", "cores", "Cores",
      "memory", "Memory", "os", "OS", "java", "Java", "wrk", "wrk", "load",
      "Load average at the start", "commit", "Commit");
  private static final List<String> MACHINE_ORDER =
      List.of("cpu", "cores", "memory", "os", "java", "wrk", "load", "commit");

  private final StringBuilder out = new StringBuilder();

  String render(RunFile run, List<ConfigurationFigures> figures, boolean smoke) {
    out.setLength(0);
    line("# Collector benchmark, " + run.meta().getOrDefault("started", "unknown start"));
    line("");
    if (smoke) {
      line("> **Smoke run** (warm-up " + run.meta().get("warmup_s") + " s, measured "
          + run.meta().get("duration_s") + " s): it only shows that the harness works. Its figures"
          + " are not representative; a full run warms up for at least 60 s and measures 30 s.");
      line("");
    }
    line("Command: `" + run.meta().getOrDefault("command", "bench/run.sh") + "`");
    line("");
    summary(figures);
    machine(run);
    method(run, figures);
    figures.forEach(this::configuration);
    return out.toString();
  }

  private void summary(List<ConfigurationFigures> figures) {
    line("## Targets");
    line("");
    line("| configuration | target | measured | goal | met |");
    line("| --- | --- | ---: | ---: | --- |");
    for (ConfigurationFigures figure : figures) {
      for (Target target : figure.targets()) {
        line("| " + figure.configuration().id() + " | " + target.name() + " | "
            + target.measuredText() + " | " + target.goalText() + " | "
            + (target.met() ? "yes" : "**no**") + " |");
      }
    }
    line("");
  }

  private void machine(RunFile run) {
    line("## Machine");
    line("");
    for (String key : MACHINE_ORDER) {
      if (run.meta().containsKey(key)) {
        line("- " + MACHINE_KEYS.get(key) + ": " + run.meta().get(key));
      }
    }
    line("");
  }

  private void method(RunFile run, List<ConfigurationFigures> figures) {
    Map<String, String> meta = run.meta();
    line("## Method");
    line("");
    line("- wrk with " + meta.get("threads") + " threads and " + meta.get("connections")
        + " connections; " + meta.get("warmup_s") + " s warm-up before each app's first window, "
        + meta.get("duration_s") + " s per measured window.");
    String eventBytes = figures.isEmpty() ? "?"
        : figures.get(0).collectorSingle().values().getOrDefault("body_bytes", "?");
    line("- Single events of " + eventBytes + " bytes; batches of " + meta.get("batch_size")
        + " events (" + meta.get("batch_warmup_s") + " s extra warm-up for batches).");
    line("- Half load: the same connections, each waiting a fixed delay (wrk `delay()`) between"
        + " requests, calibrated so that the rate is about half of the single-event peak.");
    line("- Every JVM in a process of its own with a fixed heap: " + meta.get("heap")
        + " for each app and the producer loop, " + meta.get("kafka_heap") + " for Kafka. One app"
        + " under test at a time; the baselines run against the same cluster as the collector.");
    line("");
  }

  private void configuration(ConfigurationFigures figures) {
    BenchConfiguration configuration = figures.configuration();
    line("## " + configuration.id() + " (" + configuration.brokers() + " broker"
        + (configuration.brokers() == 1 ? "" : "s") + ")");
    line("");
    line("| subject | workload | req/s | events/s | p50 ms | p99 ms | errors |");
    line("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
    row("collector", "single", figures.collectorSingle());
    row("collector", "half load, delay " + figures.collectorHalf().values().get("delay_ms")
        + " ms", figures.collectorHalf());
    row("collector", "batch of " + figures.collectorBatch().values().get("events_per_request"),
        figures.collectorBatch());
    row("book design as published (Spring MVC, GET, Gson, INFO log per send; acks=1, no wait)",
        "single", figures.baselineSingle());
    row("book design stripped (Spring MVC, POST body sent as is, no log; acks=1, no wait)",
        "single", figures.minimalSingle());
    Measurement ceiling = figures.ceiling();
    line("| producer ceiling (KafkaProducer, no HTTP) | records | | "
        + rate(ceiling.successesPerSecond()) + " | | | " + ceiling.errors() + " |");
    line("");
    line(String.format(Locale.ROOT, "Ratios: single-event %.2fx the book design as published (%.2fx"
        + " its stripped minimum); batches %.2fx the producer ceiling; the paced run reached %.2f of"
        + " the single-event peak.", figures.singleVersusBaseline(), figures.singleVersusMinimal(),
        figures.batchVersusCeiling(), figures.halfLoadShareOfPeak()));
    line("");
  }

  private void row(String subject, String workload, Measurement measurement) {
    line("| " + subject + " | " + workload + " | " + rate(measurement.successesPerSecond()) + " | "
        + rate(measurement.eventsPerSecond()) + " | " + millis(measurement.p50Millis()) + " | "
        + millis(measurement.p99Millis()) + " | " + measurement.errors() + " |");
  }

  private static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f", perSecond);
  }

  private static String millis(double millis) {
    return String.format(Locale.ROOT, "%.2f", millis);
  }

  private void line(String text) {
    out.append(text).append('\n');
  }
}
