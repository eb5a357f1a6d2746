package io.github.selectcolor.bench.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start one OS process: its command, working directory, extra environment and the file its
 * output (stdout and stderr) is appended to, so that each restart adds to the same log.
 *
 * @param name        how logs and reports name it, such as {@code broker-1}
 * @param command     the program and its arguments
 * @param directory   its working directory
 * @param environment variables added to this JVM's environment
 * @param log         where its output goes
 */
public record ProcessSpec(String name, List<String> command, Path directory,
    Map<String, String> environment, Path log) {

  public ProcessSpec {
    Objects.requireNonNull(name, "name");
    command = List.copyOf(command);
    if (command.isEmpty()) {
      throw new IllegalArgumentException("The process " + name + " needs a command.");
    }
    Objects.requireNonNull(directory, "directory");
    environment = Map.copyOf(environment);
    Objects.requireNonNull(log, "log");
  }

  /**
   * A JVM of the same Java as this one running a main class.
   *
   * @param heap      the maximum heap, such as {@code 512m}
   * @param classPath the class path, entries separated by the platform's separator
   * @param arguments the main class's arguments
   */
  public static ProcessSpec java(String name, String heap, String classPath, String mainClass,
      List<String> arguments, Path directory, Path log) {
    List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx" + heap,
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath, mainClass));
    command.addAll(arguments);
    return new ProcessSpec(name, command, directory, Map.of(), log);
  }

  /** A JVM of the same Java as this one running an executable jar. */
  public static ProcessSpec javaJar(String name, String heap, Path jar, List<String> arguments,
      Path directory, Path log) {
    List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx" + heap,
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
    command.addAll(arguments);
    return new ProcessSpec(name, command, directory, Map.of(), log);
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
