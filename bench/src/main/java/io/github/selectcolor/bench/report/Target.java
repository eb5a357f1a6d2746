package io.github.selectcolor.bench.report;

import java.util.Locale;

/**
 * One of the goals and whether a run met it. Benchmarks, not tests: a missed target is
 * reported, never a failure of the run.
 *
 * @param name     what is compared, such as {@code single-event req/s vs book design}
 * @param measured the measured figure
 * @param goal     the goal it is compared with
 * @param atLeast  true when the figure must reach the goal, false when it must stay under it
 * @param unit     how the figures read, {@code x} for ratios or {@code ms}
 */
public record Target(String name, double measured, double goal, boolean atLeast, String unit) {

  public static Target reaching(String name, double measured, double goal) {
    return new Target(name, measured, goal, true, "x");
  }

  public static Target under(String name, double measured, double goal, String unit) {
    return new Target(name, measured, goal, false, unit);
  }

  public boolean met() {
    return atLeast ? measured >= goal : measured < goal;
  }

  /** Such as {@code >= 1.50x} or {@code < 20 ms}. */
  public String goalText() {
    return atLeast ? String.format(Locale.ROOT, ">= %.2f%s", goal, unit)
        : String.format(Locale.ROOT, "< %.0f %s", goal, unit);
  }

  public String measuredText() {
    return atLeast ? String.format(Locale.ROOT, "%.2f%s", measured, unit)
        : String.format(Locale.ROOT, "%.1f %s", measured, unit);
  }
}
