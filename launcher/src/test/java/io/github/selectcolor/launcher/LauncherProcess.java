package io.github.selectcolor.launcher;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The packaged launcher, {@code java -jar select-color-local.jar}, started as its own operating
 * system process from a working folder of the test's, with nothing on its class path but the jar.
 * Its console goes to a file the test reads.
 */
final class LauncherProcess implements AutoCloseable {

  /** The jar the build packaged, named by the build in this system property. */
  static final String JAR_PROPERTY = "launcher.jar";

  private final Process process;
  private final Path console;
  /** Every descendant seen, so that none outlives a test that failed half-way. */
  private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();

  private LauncherProcess(Process process, Path console) {
    this.process = process;
    this.console = console;
  }

  static LauncherProcess start(Path workingDirectory, List<String> arguments) throws IOException {
    Path jar = Path.of(System.getProperty(JAR_PROPERTY));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("No launcher jar at " + jar + "; run the package phase first.");
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-jar",
        jar.toString()));
    command.addAll(arguments);
    Path console = Files.createTempFile(workingDirectory.getParent(), "launcher-console-", ".log");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workingDirectory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(console.toFile());
    builder.environment().remove("CLASSPATH");
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    return new LauncherProcess(builder.start(), console);
  }

  /** Waits until the console shows a line holding the text, failing early if the process exits. */
  String awaitLine(String text, Duration deadline) {
    await("a console line with \"" + text + "\"").atMost(deadline).pollInterval(Duration.ofMillis(200))
        .until(() -> {
          if (!process.isAlive() && line(text) == null) {
            throw new AssertionError("The launcher exited with " + process.exitValue()
                + " before printing \"" + text + "\". Its console:\n" + console());
          }
          return line(text) != null;
        });
    return line(text);
  }

  /** Waits for the process to end and returns its exit code. */
  int awaitExit(Duration deadline) throws InterruptedException {
    if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("The launcher did not exit within " + deadline.toSeconds()
          + " s. Its console:\n" + console());
    }
    return process.exitValue();
  }

  /** Sends SIGTERM, as {@code kill} or a service manager would. */
  void terminate() {
    process.destroy();
  }

  /** Sends SIGKILL, as {@code kill -9} or the kernel's out-of-memory killer would. */
  void kill() {
    descendants();
    process.destroyForcibly();
  }

  /** The processes this one started and that are still running, such as Elasticsearch. */
  List<ProcessHandle> descendants() {
    List<ProcessHandle> descendants = process.descendants().toList();
    seen.addAll(descendants);
    return descendants;
  }

  /** The console so far; a line still being written may end in a half character. */
  List<String> consoleLines() {
    try {
      return new String(Files.readAllBytes(console), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the launcher's console " + console + ".", e);
    }
  }

  String console() {
    return String.join("\n", consoleLines());
  }

  private String line(String text) {
    descendants();
    return consoleLines().stream().filter(line -> line.contains(text)).findFirst().orElse(null);
  }

  /** Kills whatever of the process tree is left, if the test ended before the process did. */
  @Override
  public void close() {
    if (process.isAlive()) {
      descendants();
      process.destroyForcibly();
    }
    seen.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }
}
