package io.github.selectcolor.bench.latency;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * One latency run: the load, the stack's start-up time and peak memory, and per stage the
 * latencies from POST, sorted, in milliseconds.
 *
 * @param readySeconds from starting the launcher to its "open the page" line
 * @param peakMemoryMebibytes the highest resident memory of the launcher and its children
 * @param accepted the timed clicks answered 202
 * @param refusals clicks refused or failed, warm-up included, by HTTP status or exception
 */
record LatencyResult(String stamp, String commit, int rate, Duration load, Duration rollAge,
    long readySeconds, long peakMemoryMebibytes, int accepted, Map<String, Integer> refusals,
    long[] kafka, long[] searchable, long[] committed) {

  static final long MEMORY_TARGET_MEBIBYTES = 2560;
  static final long READY_TARGET_SECONDS = 60;

  long searchableP99() {
    return Arrivals.quantile(searchable, 0.99);
  }

  long committedP99() {
    return Arrivals.quantile(committed, 0.99);
  }

  boolean searchableTargetMet() {
    return accepted > 0 && searchable.length == accepted
        && searchableP99() < LatencyBench.SEARCHABLE_P99_TARGET.toMillis();
  }

  boolean committedTargetMet() {
    return accepted > 0 && committed.length == accepted
        && committedP99() <= rollAge.plus(LatencyBench.HDFS_MARGIN).toMillis();
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# End-to-end latency, run ").append(stamp).append("\n\n");
    md.append("Commit ").append(commit).append(". ").append(rate).append(" clicks/s for ")
        .append(load.toSeconds()).append(" s after a ").append(LatencyBench.WARM_UP.toSeconds())
        .append(" s warm-up (one event per POST /api/events, at most ").append(ClickLoad.CONNECTIONS)
        .append(" connections) into the local pipeline (`java -jar"
            + " launcher/target/select-color-local.jar`, HDFS sink roll age ")
        .append(rollAge.toSeconds()).append(" s) on this machine: ").append(accepted)
        .append(" timed clicks accepted (202); refused or failed: ")
        .append(refusals.isEmpty() ? "none" : refusals).append(".\n\n");
    md.append("| from POST to | events seen | p50 | p99 | max | ratio p99 / Kafka p99 | target |\n");
    md.append("|---|---|---|---|---|---|---|\n");
    md.append(row("readable in Kafka (baseline)", kafka, "-"));
    md.append(row("searchable in Elasticsearch", searchable, "p99 < "
        + LatencyBench.SEARCHABLE_P99_TARGET.toMillis() + " ms: "
        + (searchableTargetMet() ? "met" : "NOT met")));
    md.append(row("committed in HDFS", committed, "p99 <= roll age + 1 s = "
        + rollAge.plus(LatencyBench.HDFS_MARGIN).toMillis() + " ms: "
        + (committedTargetMet() ? "met" : "NOT met")));
    md.append("\nStack: ready ").append(readySeconds).append(" s after launch (target < ")
        .append(READY_TARGET_SECONDS).append(" s: ")
        .append(readySeconds < READY_TARGET_SECONDS ? "met" : "NOT met")
        .append("); peak resident memory of the launcher JVM and Elasticsearch ")
        .append(peakMemoryMebibytes).append(" MiB (target < ").append(MEMORY_TARGET_MEBIBYTES)
        .append(" MiB: ").append(peakMemoryMebibytes < MEMORY_TARGET_MEBIBYTES ? "met" : "NOT met")
        .append(").\n\nSearchable is checked every ").append(SearchWatcher.INTERVAL_MILLIS)
        .append(" ms and HDFS every ").append(HdfsWatcher.INTERVAL_MILLIS)
        .append(" ms, so those figures are that coarse (late, never early).\n");
    return md.toString();
  }

  private String row(String stage, long[] latencies, String target) {
    long kafkaP99 = Arrivals.quantile(kafka, 0.99);
    String ratio = kafkaP99 > 0 && latencies != kafka
        ? String.format(Locale.ROOT, "%.1fx", Arrivals.quantile(latencies, 0.99) / (double) kafkaP99)
        : "-";
    return "| " + stage + " | " + latencies.length + " of " + accepted + " | "
        + Arrivals.quantile(latencies, 0.5) + " ms | " + Arrivals.quantile(latencies, 0.99)
        + " ms | " + Arrivals.quantile(latencies, 1.0) + " ms | " + ratio + " | " + target + " |\n";
  }

  String json() {
    return String.format(Locale.ROOT, "{\"stamp\":\"%s\",\"commit\":\"%s\",\"rate\":%d,"
        + "\"loadSeconds\":%d,\"rollAgeMillis\":%d,\"readySeconds\":%d,\"peakMemoryMiB\":%d,"
        + "\"accepted\":%d,\"refused\":%d,\"kafka\":%s,\"searchable\":%s,\"committed\":%s,"
        + "\"searchableTargetMet\":%b,\"committedTargetMet\":%b}\n", stamp, commit.replace("\"", ""),
        rate, load.toSeconds(), rollAge.toMillis(), readySeconds, peakMemoryMebibytes, accepted,
        refusals.values().stream().mapToInt(Integer::intValue).sum(), stage(kafka), stage(searchable), stage(committed), searchableTargetMet(),
        committedTargetMet());
  }

  private static String stage(long[] latencies) {
    return String.format(Locale.ROOT, "{\"events\":%d,\"p50\":%d,\"p99\":%d,\"max\":%d}",
        latencies.length, Arrivals.quantile(latencies, 0.5), Arrivals.quantile(latencies, 0.99),
        Arrivals.quantile(latencies, 1.0));
  }
}
