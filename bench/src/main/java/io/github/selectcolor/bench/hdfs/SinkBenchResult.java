package io.github.selectcolor.bench.hdfs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The measured rounds of the HDFS sink's benchmark and their verdict, taken on the medians.
 *
 * @param records    records in the topic
 * @param eventBytes bytes of each event's JSON
 * @param rounds     the measured rounds, in order
 * @param commit     the code measured
 */
record SinkBenchResult(long records, long eventBytes, List<Round> rounds, String commit) {

  Throughput ceiling() {
    return median(Round::ceiling);
  }

  Throughput strictCeiling() {
    return median(Round::strictCeiling);
  }

  Throughput sink() {
    return median(Round::sink);
  }

  double ratio() {
    return sink().recordsPerSecond() / ceiling().recordsPerSecond();
  }

  double strictRatio() {
    return sink().recordsPerSecond() / strictCeiling().recordsPerSecond();
  }

  boolean met() {
    return ratio() >= HdfsSinkBench.TARGET_SHARE_OF_CEILING;
  }

  private Throughput median(Function<Round, Throughput> subject) {
    List<Throughput> sorted = rounds.stream().map(subject)
        .sorted(Comparator.comparingDouble(Throughput::recordsPerSecond)).toList();
    return sorted.get(sorted.size() / 2);
  }

  String markdown() {
    List<String> lines = new ArrayList<>(List.of(
        "# HDFS sink benchmark",
        "",
        "Command: `bench/run-hdfs-sink.sh` (commit " + commit + ", " + Runtime.getRuntime()
            .availableProcessors() + " cores, Java " + System.getProperty("java.version") + ")",
        "",
        String.format(Locale.ROOT, "%,d events of %d bytes in a 3-partition topic of an embedded"
            + " one-broker Kafka; MiniDFSCluster with one DataNode; all in one JVM. A warm-up round,"
            + " then %d measured rounds of the three subjects in turn; the table shows each"
            + " subject's median round. %d files per partition, each committed by record count"
            + " (hsync, close, rename).", records, eventBytes, rounds.size(),
            HdfsSinkBench.FILES_PER_PARTITION),
        "",
        "| subject | events | events/s | MB/s | seconds |",
        "| --- | ---: | ---: | ---: | ---: |",
        row("one plain consumer, Kafka's defaults (the ceiling; discards)", ceiling()),
        row("a plain consumer per partition, the sink's fetch settings (discards)",
            strictCeiling()),
        row("hdfs-sink (3 workers, JSON lines into HDFS)", sink()),
        "",
        String.format(Locale.ROOT, "Target: the sink at least %.2fx the ceiling. Measured:"
            + " %.2fx - %s. Against a consumer per partition: %.2fx.",
            HdfsSinkBench.TARGET_SHARE_OF_CEILING, ratio(), met() ? "met" : "**missed**",
            strictRatio()),
        "",
        "| round | ceiling events/s | per-partition events/s | sink events/s | sink / ceiling |",
        "| ---: | ---: | ---: | ---: | ---: |"));
    for (int index = 0; index < rounds.size(); index++) {
      Round round = rounds.get(index);
      lines.add(String.format(Locale.ROOT, "| %d | %,.0f | %,.0f | %,.0f | %.2fx |", index + 1,
          round.ceiling().recordsPerSecond(), round.strictCeiling().recordsPerSecond(),
          round.sink().recordsPerSecond(), round.ratio()));
    }
    lines.add("");
    return String.join("\n", lines);
  }

  String json() {
    String roundsJson = rounds.stream().map(round -> String.format(Locale.ROOT,
            "    {\"ceiling\": %s, \"strictCeiling\": %s, \"sink\": %s}",
            json(round.ceiling()), json(round.strictCeiling()), json(round.sink())))
        .collect(Collectors.joining(",\n"));
    return String.format(Locale.ROOT, "{\n  \"records\": %d,\n  \"eventBytes\": %d,\n"
        + "  \"ceiling\": %s,\n  \"strictCeiling\": %s,\n  \"sink\": %s,\n"
        + "  \"ratio\": %.4f,\n  \"strictRatio\": %.4f,\n  \"target\": %.2f,\n  \"met\": %b,\n"
        + "  \"rounds\": [\n%s\n  ],\n  \"commit\": \"%s\"\n}\n",
        records, eventBytes, json(ceiling()), json(strictCeiling()), json(sink()), ratio(),
        strictRatio(), HdfsSinkBench.TARGET_SHARE_OF_CEILING, met(), roundsJson, commit);
  }

  private static String json(Throughput throughput) {
    return String.format(Locale.ROOT,
        "{\"eventsPerSecond\": %.1f, \"megabytesPerSecond\": %.2f, \"seconds\": %.3f}",
        throughput.recordsPerSecond(), throughput.megabytesPerSecond(), seconds(throughput));
  }

  private static String row(String subject, Throughput throughput) {
    return String.format(Locale.ROOT, "| %s | %,d | %,.0f | %.1f | %.2f |", subject,
        throughput.records(), throughput.recordsPerSecond(), throughput.megabytesPerSecond(),
        seconds(throughput));
  }

  private static double seconds(Throughput throughput) {
    return throughput.duration().toNanos() / 1e9;
  }
}
