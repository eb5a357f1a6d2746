package io.github.selectcolor.bench.report;

import java.util.Locale;

/**
 * The configurations the issue asks for, each with its cluster size and its goal for single-event
 * requests per second against the book-design baseline measured on the same cluster.
 */
public enum BenchConfiguration {

  /** The collector's {@code fast} policy on one broker (replication factor 1). */
  FAST(1, 1.5),

  /** The collector's default {@code durable} policy on three brokers. */
  DURABLE(3, 1.0);

  /** Batches of 50 must land at least this share of the producer ceiling's records per second. */
  public static final double BATCH_SHARE_OF_CEILING = 0.5;

  /** At half of the peak single-event load, p99 must stay under this many milliseconds. */
  public static final double HALF_LOAD_P99_MS = 20;

  private final int brokers;
  private final double singleVersusBaseline;

  BenchConfiguration(int brokers, double singleVersusBaseline) {
    this.brokers = brokers;
    this.singleVersusBaseline = singleVersusBaseline;
  }

  public static BenchConfiguration parse(String name) {
    for (BenchConfiguration configuration : values()) {
      if (configuration.id().equals(name)) {
        return configuration;
      }
    }
    throw new IllegalArgumentException("Unknown configuration '" + name + "'; use fast or durable.");
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public int brokers() {
    return brokers;
  }

  public double singleVersusBaseline() {
    return singleVersusBaseline;
  }
}
