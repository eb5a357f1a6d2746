package io.github.selectcolor.dashboard.snapshot;

import io.github.selectcolor.dashboard.DashboardProperties;
import io.github.selectcolor.dashboard.elasticsearch.ElasticsearchSource;
import io.github.selectcolor.dashboard.hdfs.CommittedFilesSource;
import io.github.selectcolor.dashboard.kafka.ConsumerLagSource;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Assembles snapshots: the three data sources are asked at once, each on a thread of its own since
 * their clients block, and each bounded by its own client's timeout. Thread-safe.
 */
@Service
public class SnapshotService {

  private final ElasticsearchSource elasticsearch;
  private final ConsumerLagSource kafka;
  private final CommittedFilesSource hdfs;
  private final long refreshIntervalMs;
  private final Clock clock;
  private final SnapshotCache<DashboardSnapshot> cache;

  public SnapshotService(ElasticsearchSource elasticsearch, ConsumerLagSource kafka,
      CommittedFilesSource hdfs, DashboardProperties properties, Clock clock) {
    this.elasticsearch = elasticsearch;
    this.kafka = kafka;
    this.hdfs = hdfs;
    this.refreshIntervalMs = properties.refreshInterval().toMillis();
    this.clock = clock;
    this.cache = new SnapshotCache<>(this::assemble, properties.snapshotMaxAge(), clock);
  }

  /** The latest snapshot, refreshed when it is older than {@code dashboard.snapshot-max-age}. */
  public Mono<DashboardSnapshot> snapshot() {
    return cache.get();
  }

  private Mono<DashboardSnapshot> assemble() {
    return Mono.defer(() -> {
      Instant now = clock.instant();
      return Mono.zip(blocking(() -> elasticsearch.read(now)), blocking(kafka::read),
              blocking(() -> hdfs.read(now)))
          .map(parts -> new DashboardSnapshot(now, refreshIntervalMs, parts.getT1(), parts.getT2(),
              parts.getT3()));
    });
  }

  private static <T> Mono<T> blocking(Callable<T> read) {
    return Mono.fromCallable(read).subscribeOn(Schedulers.boundedElastic());
  }
}
