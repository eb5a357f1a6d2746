package io.github.selectcolor.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the measurements file of a run into {@code RESULTS_DIR/STAMP.md} and {@code STAMP.json}, and
 * copies the Markdown to {@code latest.md}. A smoke run (warm-up under 60 s or windows under 30 s)
 * is written as {@code STAMP-smoke.*} and leaves {@code latest.md} alone. Usage:
 * {@code BenchReport MEASUREMENTS_FILE RESULTS_DIR STAMP}; prints the Markdown file's path.
 */
public final class BenchReport {

  static final long FULL_WARMUP_SECONDS = 60;
  static final long FULL_DURATION_SECONDS = 30;

  private static final Logger log = LoggerFactory.getLogger(BenchReport.class);

  private BenchReport() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("Usage: BenchReport MEASUREMENTS_FILE RESULTS_DIR STAMP");
      System.exit(2);
    }
    RunFile run = RunFile.read(Path.of(args[0]));
    Path resultsDir = Path.of(args[1]);
    boolean smoke = isSmoke(run);
    String name = args[2] + (smoke ? "-smoke" : "");
    List<ConfigurationFigures> figures = run.configs().stream()
        .map(config -> ConfigurationFigures.of(run, config)).toList();
    Files.createDirectories(resultsDir);
    Path markdown = resultsDir.resolve(name + ".md");
    Files.writeString(markdown, new MarkdownReport().render(run, figures, smoke),
        StandardCharsets.UTF_8);
    Files.writeString(resultsDir.resolve(name + ".json"),
        new JsonReport().render(run, figures, smoke), StandardCharsets.UTF_8);
    if (smoke) {
      log.info("A smoke run does not replace latest.md.");
    } else {
      Files.copy(markdown, resultsDir.resolve("latest.md"), StandardCopyOption.REPLACE_EXISTING);
    }
    System.out.println(markdown);
  }

  static boolean isSmoke(RunFile run) {
    return run.metaSeconds("warmup_s") < FULL_WARMUP_SECONDS
        || run.metaSeconds("duration_s") < FULL_DURATION_SECONDS;
  }
}
