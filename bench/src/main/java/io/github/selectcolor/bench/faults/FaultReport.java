package io.github.selectcolor.bench.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Writes a fault run's result as {@code faults-<stamp>.md} and {@code .json}. */
final class FaultReport {

  private final FaultRunResult result;
  private final Map<String, String> run;

  /** @param run when, at which commit and with which command the run ran */
  FaultReport(FaultRunResult result, Map<String, String> run) {
    this.result = result;
    this.run = Map.copyOf(run);
  }

  void write(Path directory, String stamp) throws IOException {
    Files.createDirectories(directory);
    Map<String, Object> json = new LinkedHashMap<>(new java.util.TreeMap<>(run));
    json.put("result", result);
    json.put("exactlyOnce", result.exactlyOnce());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(directory.resolve("faults-" + stamp + ".json").toFile(), json);
    Files.writeString(directory.resolve("faults-" + stamp + ".md"), markdown(),
        StandardCharsets.UTF_8);
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Fault run ").append(run.getOrDefault("stamp", "")).append("\n\n");
    md.append("- Date: ").append(run.getOrDefault("date", "")).append("; commit ")
        .append(run.getOrDefault("commit", "")).append("\n");
    md.append("- Command: `").append(run.getOrDefault("command", "")).append("`\n");
    md.append(String.format(Locale.ROOT, "- Seed %d, plan %s, %d clicks/s; start-up"
            + " %.0f s, load %.0f s, whole run %.0f s%n", result.seed(), result.plan(),
        result.rate(),
        result.startupSeconds(), result.loadSeconds(), result.totalSeconds()));
    md.append("- Verdict: ").append(result.exactlyOnce() ? "every acknowledged event exactly once"
        + " in both stores" : "NOT exactly once (see the counts)").append("\n\n");
    md.append("| # | Fault | Hit | At (s) | Until healthy (s) |\n|---|---|---|---|---|\n");
    int n = 1;
    for (FaultRecord fault : result.faults()) {
      md.append(String.format(Locale.ROOT, "| %d | %s | %s | %.0f | %.1f |%n", n++, fault.fault(),
          fault.detail(), fault.atSeconds(), fault.outageSeconds()));
    }
    md.append("\n| Store | Acknowledged | Read | Distinct | Lost | Duplicated ids | Extra copies |"
        + " Without 202 | Max delay (s) | p99 delay (s) | Last landed after load end (s) |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (StoreTally tally : new StoreTally[] {result.hdfs(), result.elasticsearch()}) {
      md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %d | %.1f | %.1f"
              + " | %.1f |%n", tally.store(), tally.acknowledged(), tally.records(),
          tally.distinct(), tally.lost(), tally.duplicated(), tally.extraCopies(),
          tally.withoutReceipt(), tally.maxDelayMillis() / 1e3, tally.p99DelayMillis() / 1e3,
          tally.lastLandedAfterLoadMillis() / 1e3));
    }
    TopicCopies topic = result.topic();
    md.append(String.format(Locale.ROOT, "%nCopies in Kafka: the topic holds %d records for %d"
            + " distinct eventIds; %d eventIds are in it more than once (%d extra copies), which"
            + " the stores must still hold once each.%n", topic.records(), topic.distinct(),
        topic.duplicated(), topic.extraCopies()));
    md.append("\nBefore the stores were read, both sinks had ")
        .append(result.sinksCaughtUp() ? "committed" : "NOT committed")
        .append(" every partition of the topic to its end offset.\n");
    md.append("\nElasticsearch's own document count: ").append(result.elasticsearchDocuments())
        .append(" (distinct eventIds read: ").append(result.elasticsearch().distinct())
        .append(").\n\nClient: ");
    result.client().forEach((key, value) -> md.append(key).append(' ').append(value).append(", "));
    md.setLength(md.length() - 2);
    md.append("; queues ").append(result.drained() ? "drained" : "NOT drained").append(".\n");
    return md.toString();
  }
}
