package io.github.selectcolor.bench.elasticsearch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The measured rounds of the connector's benchmark and their verdict, taken on the medians.
 *
 * @param events     documents per pass
 * @param eventBytes bytes of one event's JSON
 * @param rounds     the measured rounds, in order
 * @param commit     the code measured
 */
record EsBenchResult(long events, int eventBytes, List<EsRound> rounds, String commit) {

  Indexing ceiling() {
    return median(EsRound::ceiling);
  }

  Indexing connector() {
    return median(EsRound::connector);
  }

  double ratio() {
    return connector().documentsPerSecond() / ceiling().documentsPerSecond();
  }

  boolean met() {
    return ratio() >= EsSinkBench.TARGET_SHARE_OF_CEILING;
  }

  private Indexing median(Function<EsRound, Indexing> subject) {
    List<Indexing> sorted = rounds.stream().map(subject)
        .sorted(Comparator.comparingDouble(Indexing::documentsPerSecond)).toList();
    return sorted.get(sorted.size() / 2);
  }

  String markdown() {
    List<String> lines = new ArrayList<>(List.of(
        "# Elasticsearch sink connector benchmark",
        "",
        "Command: `bench/run-elasticsearch-sink.sh` (commit " + commit + ", "
            + Runtime.getRuntime().availableProcessors() + " cores, Java "
            + System.getProperty("java.version") + ")",
        "",
        String.format(Locale.ROOT, "%,d distinct events of %d bytes in a 3-partition topic of an"
            + " embedded one-broker Kafka; one Elasticsearch %s node (512 MB heap) as a child"
            + " process; a Connect worker in the benchmark's JVM. A warm-up round, then %d measured"
            + " rounds of both subjects, each into fresh daily indices of the connector's template;"
            + " the table shows each subject's median round, timed from the first searchable"
            + " document to the last.", events, eventBytes, "8.19.21", rounds.size()),
        "",
        "| subject | documents | docs/s | seconds |",
        "| --- | ---: | ---: | ---: |",
        row("plain bulk loader (BulkIngester, 1,000 docs/request, 12 in flight; the ceiling)",
            ceiling()),
        row("the connector (3 tasks, its defaults: 1,000 docs/request, 4 in flight each)",
            connector()),
        "",
        String.format(Locale.ROOT, "Target: the connector at least %.2fx the ceiling. Measured:"
            + " %.2fx - %s.", EsSinkBench.TARGET_SHARE_OF_CEILING, ratio(),
            met() ? "met" : "**missed**"),
        "",
        "| round | ceiling docs/s | connector docs/s | connector / ceiling |",
        "| ---: | ---: | ---: | ---: |"));
    for (int index = 0; index < rounds.size(); index++) {
      EsRound round = rounds.get(index);
      lines.add(String.format(Locale.ROOT, "| %d | %,.0f | %,.0f | %.2fx |", index + 1,
          round.ceiling().documentsPerSecond(), round.connector().documentsPerSecond(),
          round.ratio()));
    }
    lines.add("");
    return String.join("\n", lines);
  }

  String json() {
    String roundsJson = rounds.stream().map(round -> String.format(Locale.ROOT,
            "    {\"ceiling\": %s, \"connector\": %s}", json(round.ceiling()),
            json(round.connector())))
        .collect(Collectors.joining(",\n"));
    return String.format(Locale.ROOT, "{\n  \"events\": %d,\n  \"eventBytes\": %d,\n"
        + "  \"ceiling\": %s,\n  \"connector\": %s,\n  \"ratio\": %.4f,\n  \"target\": %.2f,\n"
        + "  \"met\": %b,\n  \"rounds\": [\n%s\n  ],\n  \"commit\": \"%s\"\n}\n", events,
        eventBytes, json(ceiling()), json(connector()), ratio(),
        EsSinkBench.TARGET_SHARE_OF_CEILING, met(), roundsJson, commit);
  }

  private static String json(Indexing indexing) {
    return String.format(Locale.ROOT, "{\"documents\": %d, \"documentsPerSecond\": %.1f,"
        + " \"seconds\": %.3f}", indexing.documents(), indexing.documentsPerSecond(),
        indexing.duration().toNanos() / 1e9);
  }

  private static String row(String subject, Indexing indexing) {
    return String.format(Locale.ROOT, "| %s | %,d | %,.0f | %.2f |", subject,
        indexing.documents(), indexing.documentsPerSecond(), indexing.duration().toNanos() / 1e9);
  }
}
