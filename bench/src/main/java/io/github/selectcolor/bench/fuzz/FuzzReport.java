package io.github.selectcolor.bench.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Writes a fuzz run's figures as {@code fuzz-<stamp>.md} and {@code fuzz-<stamp>.json}. */
record FuzzReport(String command, String commit, String heapSetting, long seed, Instant started,
    long heapLimit, List<PhaseResult> phases) {

  private static final double MIB = 1024.0 * 1024.0;

  boolean passed() {
    return phases.stream().allMatch(PhaseResult::passed);
  }

  /** Writes both files; returns the Markdown one. */
  Path write(Path directory, String stamp) throws IOException {
    Files.createDirectories(directory);
    Path json = directory.resolve("fuzz-" + stamp + ".json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), asMap());
    Path markdown = directory.resolve("fuzz-" + stamp + ".md");
    Files.writeString(markdown, markdown(), StandardCharsets.UTF_8);
    return markdown;
  }

  private Map<String, Object> asMap() {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("started", started.toString());
    run.put("command", command);
    run.put("commit", commit);
    run.put("seed", seed);
    run.put("collectorHeapSetting", heapSetting);
    run.put("collectorHeapLimitBytes", heapLimit);
    run.put("passed", passed());
    run.put("phases", phases.stream().map(FuzzReport::phaseMap).toList());
    return run;
  }

  private static Map<String, Object> phaseMap(PhaseResult result) {
    Map<String, Object> phase = new LinkedHashMap<>();
    phase.put("name", result.phase().name());
    phase.put("requests", result.tally().requests());
    phase.put("seconds", result.seconds());
    phase.put("wrongAnswers", result.tally().failureCount());
    phase.put("firstWrongAnswers", result.tally().failures());
    phase.put("countsByCategoryAndStatus", result.tally().counts());
    Map<String, Long> latencies = new LinkedHashMap<>();
    result.tally().maxLatencyNanos().forEach((category, nanos) -> latencies.put(category,
        nanos / 1_000_000));
    phase.put("maxLatencyMsByCategory", latencies);
    phase.put("heapUsedBeforeBytes", result.heapBefore());
    phase.put("heapUsedMaxBytes", result.heapMax());
    phase.put("heapUsedAfterBytes", result.heapAfter());
    phase.put("topic", result.topic());
    phase.put("controlsAccepted", result.tally().accepted().size());
    phase.put("controlsNotAccepted", result.tally().unsure().size());
    return phase;
  }

  private String markdown() {
    StringBuilder md = new StringBuilder("# HTTP edge fuzz run\n\n");
    md.append("- started: ").append(started).append("\n- command: `").append(command)
        .append("`\n- commit: ").append(commit).append("\n- seed: ").append(seed)
        .append("\n- collector heap: ").append(heapSetting).append(String.format(
            " (limit %.0f MiB)", heapLimit / MIB)).append("\n- verdict: ")
        .append(passed() ? "every answer right, topic right" : "FAILED").append("\n");
    phases.forEach(phase -> appendPhase(md, phase));
    return md.toString();
  }

  private static void appendPhase(StringBuilder md, PhaseResult result) {
    Tally tally = result.tally();
    md.append("\n## Phase ").append(result.phase().name()).append("\n\n")
        .append(String.format("%d requests in %.1f s (%.0f/s), %d wrong answers; max latency %d ms"
            + ".%nHeap used: %.0f MiB before, %.0f MiB at most, %.0f MiB after.%n",
            tally.requests(), result.seconds(), tally.requests() / result.seconds(),
            tally.failureCount(), tally.maxLatencyNanos().values().stream()
                .mapToLong(Long::longValue).max().orElse(0) / 1_000_000,
            result.heapBefore() / MIB, result.heapMax() / MIB, result.heapAfter() / MIB));
    if (result.topic() != null) {
      TopicCheck topic = result.topic();
      md.append(String.format("Topic: %d records; controls answered 202: %d, of them missing %d; "
              + "eventIds found twice: %d; records of no control: %d.%n", topic.records(),
          tally.accepted().size(), topic.missing(), topic.duplicated(), topic.strangers()));
    }
    TreeSet<String> statuses = new TreeSet<>();
    tally.counts().values().forEach(byStatus -> statuses.addAll(byStatus.keySet()));
    md.append("\n| category | ").append(String.join(" | ", statuses))
        .append(" | max ms |\n|---|").append("---|".repeat(statuses.size())).append("---|\n");
    tally.counts().forEach((category, byStatus) -> {
      md.append("| ").append(category).append(" |");
      statuses.forEach(status -> md.append(' ').append(byStatus.getOrDefault(status, 0L))
          .append(" |"));
      md.append(' ').append(tally.maxLatencyNanos().get(category) / 1_000_000).append(" |\n");
    });
    if (!tally.failures().isEmpty()) {
      md.append("\nFirst wrong answers:\n\n");
      tally.failures().forEach(failure -> md.append("- ").append(failure).append('\n'));
    }
  }
}
