package io.github.selectcolor.bench.lab;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery lab's entry point, which bench/run-delivery-lab.sh starts: the lab's
 * {@code key=value} settings (see {@link LabSettings}), then {@code --} and the results folder,
 * the stamp, the commit and the command line to report. Exits 0 when the durable row lost no
 * acknowledged event, 2 when it did, 1 when the run failed, and 64 on invalid options, before
 * anything started.
 */
public final class DeliveryLabBench {

  private static final Logger log = LoggerFactory.getLogger(DeliveryLabBench.class);

  private DeliveryLabBench() {
  }

  public static void main(String[] args) throws Exception {
    int separator = Arrays.asList(args).indexOf("--");
    if (separator < 0 || args.length - separator != 5) {
      throw new IllegalArgumentException("Give key=value settings, then -- <results folder>"
          + " <stamp> <commit> <command>.");
    }
    LabSettings settings;
    try {
      settings = LabSettings.parse(Arrays.copyOfRange(args, 0, separator));
    } catch (IllegalArgumentException e) {
      log.error(e.getMessage());
      System.exit(64);
      return;
    }
    List<CellResult> cells = new DeliveryLab(settings).run();
    Map<String, String> run = new LinkedHashMap<>();
    run.put("stamp", args[separator + 2]);
    run.put("date", OffsetDateTime.now(ZoneOffset.UTC).toString());
    run.put("commit", args[separator + 3]);
    run.put("command", args[separator + 4]);
    LabReport report = new LabReport(cells, settings, run);
    Path markdown = report.write(Path.of(args[separator + 1]), args[separator + 2]);
    log.info("The delivery lab's report is {}.", markdown);
    System.exit(durableLost(cells) == 0 ? 0 : 2);
  }

  static int durableLost(List<CellResult> cells) {
    return cells.stream().filter(cell -> cell.policy() == LabPolicy.DURABLE)
        .mapToInt(CellResult::lost).sum();
  }
}
