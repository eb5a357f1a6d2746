package io.github.selectcolor.bench.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * The lab's result files: {@code delivery-lab-<stamp>.md} (the tables), {@code .json} (every cell)
 * and {@code .png} (the chart).
 */
final class LabReport {

  private static final List<String> SENDERS = List.of("collector", "producer");

  private final List<CellResult> cells;
  private final LabSettings settings;
  private final Map<String, String> run;

  /** @param run the run's stamp, date, commit and command, in the order to print them */
  LabReport(List<CellResult> cells, LabSettings settings, Map<String, String> run) {
    this.cells = List.copyOf(cells);
    this.settings = settings;
    this.run = Map.copyOf(run);
  }

  /** Writes the three files; returns the Markdown file. */
  Path write(Path folder, String stamp) throws IOException {
    Files.createDirectories(folder);
    Path markdown = folder.resolve("delivery-lab-" + stamp + ".md");
    Files.writeString(markdown, markdown(stamp), StandardCharsets.UTF_8);
    Map<String, Object> json = new LinkedHashMap<>(run);
    json.put("settings", settingsLine());
    json.put("cells", cells);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(folder.resolve("delivery-lab-" + stamp + ".json").toFile(), json);
    new LabChart(cells, settings.policies(), settings.faults())
        .writePng(folder.resolve("delivery-lab-" + stamp + ".png"));
    return markdown;
  }

  String markdown(String stamp) {
    StringBuilder out = new StringBuilder();
    out.append("# Delivery lab ").append(stamp).append("\n\n");
    out.append("Command: `").append(run.get("command")).append("`, commit ")
        .append(run.get("commit")).append(", ").append(run.get("date")).append(".\n");
    out.append(settingsLine()).append("\n\n");
    out.append("![Lost acknowledged events and share of sends acknowledged, per policy and fault]"
        + "(delivery-lab-").append(stamp).append(".png)\n\n");
    for (String sender : SENDERS) {
      section(out, "Acknowledged but lost, through the " + sender,
          "lost of acknowledged, summed over the repetitions; each repetition's loss in brackets",
          sender, group -> sum(group, CellResult::lost) + " of "
              + sum(group, CellResult::acknowledged) + " " + each(group, CellResult::lost));
    }
    for (String sender : SENDERS) {
      section(out, "Sends acknowledged, through the " + sender,
          "acknowledged / refused / no answer, summed; mean seconds with refusals in brackets",
          sender, group -> sum(group, CellResult::acknowledged) + " / " + sum(group,
              CellResult::refused) + " / " + sum(group, CellResult::unanswered) + " ("
              + format(mean(group, CellResult::secondsRefusing)) + " s)");
    }
    for (String sender : SENDERS) {
      section(out, "Throughput and latency, through the " + sender,
          "acknowledged events/s, median over repetitions; p50 / p99 ms of the acknowledgements",
          sender, group -> format(median(group, CellResult::acknowledgedPerSecond)) + " ev/s, "
              + format(median(group, CellResult::p50Millis)) + " / "
              + format(median(group, CellResult::p99Millis)) + " ms");
    }
    for (String sender : SENDERS) {
      section(out, "Duplicated eventIds in the topic, through the " + sender,
          "eventIds stored more than once; events stored although refused or unanswered in"
              + " brackets",
          sender, group -> sum(group, CellResult::duplicated) + " ("
              + sum(group, CellResult::storedUnacked) + ")");
    }
    if (cells.stream().anyMatch(c -> c.hdfs() != null)) {
      section(out, "Through the sinks: what HDFS and Elasticsearch hold of the collector's topic",
          "HDFS lost / duplicated, Elasticsearch lost / duplicated, summed over the repetitions;"
              + " lost counts every acknowledged event absent from the store, Kafka's losses"
              + " included", "collector", group -> group.get(0).hdfs() == null ? "-"
              : sum(group, c -> c.hdfs().lost()) + " / " + sum(group, c -> c.hdfs().duplicated())
                  + " · " + sum(group, c -> c.search().lost()) + " / "
                  + sum(group, c -> c.search().duplicated()));
    }
    everyCell(out);
    return out.toString();
  }

  private String settingsLine() {
    return "Each sender sent " + settings.rate() + " events/s; each cell ran "
        + settings.before().toSeconds() + " s of load, the fault (brokers down "
        + settings.down().toSeconds() + " s; a stall lasts replica.lag.time.max.ms "
        + FaultInjector.REPLICA_LAG_TIME.toSeconds() + " s + " + settings.down().toSeconds()
        + " s), then " + settings.after().toSeconds() + " s of load after it healed; "
        + settings.repetitions() + " repetition(s); seed " + settings.seed() + ".";
  }

  private void section(StringBuilder out, String title, String legend, String sender,
      Function<List<CellResult>, String> cell) {
    out.append("## ").append(title).append("\n\n").append(legend).append(".\n\n");
    out.append("| policy |");
    settings.faults().forEach(fault -> out.append(' ').append(fault.optionName()).append(" |"));
    out.append("\n| --- |");
    settings.faults().forEach(fault -> out.append(" ---: |"));
    out.append('\n');
    for (LabPolicy policy : settings.policies()) {
      out.append("| ").append(policy.description()).append(" |");
      for (LabFault fault : settings.faults()) {
        List<CellResult> group = cells.stream().filter(c -> c.policy() == policy
            && c.fault() == fault && c.sender().equals(sender)).toList();
        out.append(' ').append(group.isEmpty() ? "-" : cell.apply(group)).append(" |");
      }
      out.append('\n');
    }
    out.append('\n');
  }

  private void everyCell(StringBuilder out) {
    out.append("## Every cell\n\n| policy | fault | rep. | sender | sent | acked | refused "
        + "| no answer | lost | dup. | stored unacked | s refusing | ev/s | p50 ms | p99 ms | what "
        + "the fault did |\n| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: "
        + "| ---: | ---: | ---: | ---: | ---: | --- |\n");
    for (CellResult c : cells) {
      out.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %d | %d | %d | %d | %d | %d "
              + "| %d | %d | %.0f | %.1f | %.1f | %s |%n", c.policy().optionName(),
          c.fault().optionName(), c.repetition(), c.sender(), c.sent(), c.acknowledged(),
          c.refused(), c.unanswered(), c.lost(), c.duplicated(), c.storedUnacked(),
          c.secondsRefusing(), c.acknowledgedPerSecond(), c.p50Millis(), c.p99Millis(),
          c.detail()));
    }
  }

  private static int sum(List<CellResult> group, ToIntFunction<CellResult> value) {
    return group.stream().mapToInt(value).sum();
  }

  private static String each(List<CellResult> group, ToIntFunction<CellResult> value) {
    return group.stream().map(c -> String.valueOf(value.applyAsInt(c)))
        .collect(Collectors.joining(", ", "(", ")"));
  }

  private static double mean(List<CellResult> group, ToIntFunction<CellResult> value) {
    return group.stream().mapToInt(value).average().orElse(0);
  }

  static double median(List<CellResult> group, ToDoubleFunction<CellResult> value) {
    List<Double> values = group.stream().map(value::applyAsDouble).sorted().toList();
    int n = values.size();
    if (n == 0) {
      return 0;
    }
    return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
  }

  private static String format(double value) {
    return value >= 100 ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, "%.1f", value);
  }
}
