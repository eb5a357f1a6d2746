package io.github.selectcolor.bench.report;

import java.util.List;

/**
 * The measurements of one configuration and the ratios between them. Every ratio compares figures
 * of the same run on the same cluster.
 *
 * @param configuration   which configuration
 * @param collectorSingle the collector at full load with single events
 * @param collectorHalf   the collector paced to about half of its single-event peak
 * @param collectorBatch  the collector at full load with batches
 * @param baselineSingle  the book's controller as published at full load with single events; the
 *                        targets' reference
 * @param minimalSingle   the book's design stripped to its least work, at full load with single
 *                        events; shown for reference, no target uses it
 * @param ceiling         the plain producer loop
 */
public record ConfigurationFigures(BenchConfiguration configuration, Measurement collectorSingle,
    Measurement collectorHalf, Measurement collectorBatch, Measurement baselineSingle,
    Measurement minimalSingle, Measurement ceiling) {

  public static ConfigurationFigures of(RunFile run, String config) {
    return new ConfigurationFigures(BenchConfiguration.parse(config),
        run.require(config, "collector", "single"),
        run.require(config, "collector", "half-load"),
        run.require(config, "collector", "batch"),
        run.require(config, "baseline", "single"),
        run.require(config, "minimal", "single"),
        run.require(config, "ceiling", "producer"));
  }

  /** Collector single-event requests/s over the baseline's. */
  public double singleVersusBaseline() {
    return collectorSingle.successesPerSecond() / baselineSingle.successesPerSecond();
  }

  /** Collector single-event requests/s over the stripped minimum's. */
  public double singleVersusMinimal() {
    return collectorSingle.successesPerSecond() / minimalSingle.successesPerSecond();
  }

  /** Collector batch events/s over the producer ceiling's records/s. */
  public double batchVersusCeiling() {
    return collectorBatch.eventsPerSecond() / ceiling.successesPerSecond();
  }

  /** The paced run's throughput as a share of the single-event peak; about 0.5 by design. */
  public double halfLoadShareOfPeak() {
    return collectorHalf.successesPerSecond() / collectorSingle.successesPerSecond();
  }

  public List<Target> targets() {
    return List.of(
        Target.reaching("single-event req/s, collector / book design", singleVersusBaseline(),
            configuration.singleVersusBaseline()),
        Target.reaching("batch-of-50 events/s, collector / producer ceiling", batchVersusCeiling(),
            BenchConfiguration.BATCH_SHARE_OF_CEILING),
        Target.under("p99 at half of peak load", collectorHalf.p99Millis(),
            BenchConfiguration.HALF_LOAD_P99_MS, "ms"));
  }
}
