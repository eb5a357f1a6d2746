package io.github.selectcolor.bench.hdfs;

import java.util.Locale;

/**
 * The measured pass of the HDFS sink's benchmark and its verdict.
 *
 * @param records    records in the topic
 * @param eventBytes bytes of each event's JSON
 * @param ceiling    one plain consumer's pass, Kafka's defaults: the target's reference
 * @param strictCeiling a consumer per partition with the sink's fetch settings, for reference
 * @param sink       the sink's pass
 * @param commit     the code measured
 */
record SinkBenchResult(long records, long eventBytes, Throughput ceiling,
    Throughput strictCeiling, Throughput sink, String commit) {

  double ratio() {
    return sink.recordsPerSecond() / ceiling.recordsPerSecond();
  }

  double strictRatio() {
    return sink.recordsPerSecond() / strictCeiling.recordsPerSecond();
  }

  boolean met() {
    return ratio() >= HdfsSinkBench.TARGET_SHARE_OF_CEILING;
  }

  String markdown() {
    return String.join("\n",
        "# HDFS sink benchmark",
        "",
        "Command: `bench/run-hdfs-sink.sh` (commit " + commit + ", " + Runtime.getRuntime()
            .availableProcessors() + " cores, Java " + System.getProperty("java.version") + ")",
        "",
        String.format(Locale.ROOT, "%,d events of %d bytes in a 3-partition topic of an embedded"
            + " one-broker Kafka; MiniDFSCluster with one DataNode; all in one JVM. Second of two"
            + " passes; %d files per partition, each committed by record count (hsync, close,"
            + " rename).", records, eventBytes, HdfsSinkBench.FILES_PER_PARTITION),
        "",
        "| subject | events | events/s | MB/s | seconds |",
        "| --- | ---: | ---: | ---: | ---: |",
        row("one plain consumer, Kafka's defaults (the ceiling; discards)", ceiling),
        row("a plain consumer per partition, the sink's fetch settings (discards)",
            strictCeiling),
        row("hdfs-sink (3 workers, JSON lines into HDFS)", sink),
        "",
        String.format(Locale.ROOT, "Target: the sink at least %.2fx the ceiling. Measured:"
            + " %.2fx - %s. Against a consumer per partition: %.2fx.",
            HdfsSinkBench.TARGET_SHARE_OF_CEILING, ratio(), met() ? "met" : "**missed**",
            strictRatio()),
        "");
  }

  String json() {
    return String.format(Locale.ROOT, "{\n  \"records\": %d,\n  \"eventBytes\": %d,\n"
        + "  \"ceiling\": {\"eventsPerSecond\": %.1f, \"megabytesPerSecond\": %.2f, \"seconds\": %.3f},\n"
        + "  \"strictCeiling\": {\"eventsPerSecond\": %.1f, \"megabytesPerSecond\": %.2f, \"seconds\": %.3f},\n"
        + "  \"sink\": {\"eventsPerSecond\": %.1f, \"megabytesPerSecond\": %.2f, \"seconds\": %.3f},\n"
        + "  \"ratio\": %.4f,\n  \"strictRatio\": %.4f,\n  \"target\": %.2f,\n  \"met\": %b,\n"
        + "  \"commit\": \"%s\"\n}\n",
        records, eventBytes, ceiling.recordsPerSecond(), ceiling.megabytesPerSecond(),
        seconds(ceiling), strictCeiling.recordsPerSecond(), strictCeiling.megabytesPerSecond(),
        seconds(strictCeiling), sink.recordsPerSecond(), sink.megabytesPerSecond(), seconds(sink),
        ratio(), strictRatio(), HdfsSinkBench.TARGET_SHARE_OF_CEILING, met(), commit);
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
