package io.github.selectcolor.bench.faults;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault run's entry point, which bench/run-faults.sh starts: the run's {@code key=value}
 * settings (see {@link FaultRunSettings}) followed by {@code --} and the results folder, the
 * stamp, the commit and the command line to report. Exits 0 when every acknowledged event is in
 * both stores exactly once, 2 when not, 1 when the run failed.
 */
public final class FaultBench {

  private static final Logger log = LoggerFactory.getLogger(FaultBench.class);

  private FaultBench() {
  }

  public static void main(String[] args) throws Exception {
    int separator = Arrays.asList(args).indexOf("--");
    if (separator < 0 || args.length - separator != 5) {
      throw new IllegalArgumentException("Give key=value settings, then -- <results folder>"
          + " <stamp> <commit> <command>.");
    }
    FaultRunSettings settings = FaultRunSettings.parse(Arrays.copyOfRange(args, 0, separator));
    FaultRunResult result = new FaultRun(settings).run();
    Map<String, String> run = new LinkedHashMap<>();
    run.put("stamp", args[separator + 2]);
    run.put("date", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).toString());
    run.put("commit", args[separator + 3]);
    run.put("command", args[separator + 4]);
    FaultReport report = new FaultReport(result, run);
    report.write(Path.of(args[separator + 1]), args[separator + 2]);
    log.info("The fault run's report:\n{}", report.markdown());
    System.exit(result.exactlyOnce() ? 0 : 2);
  }
}
