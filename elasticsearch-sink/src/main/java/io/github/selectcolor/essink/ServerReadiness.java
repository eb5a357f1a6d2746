package io.github.selectcolor.essink;

import io.github.selectcolor.essink.bulk.RetryPolicy;
import io.github.selectcolor.essink.config.ElasticsearchSinkConnectorConfig;
import io.github.selectcolor.essink.elastic.ElasticsearchClients;
import io.github.selectcolor.essink.elastic.Failures;
import io.github.selectcolor.essink.elastic.IndexTemplate;
import io.github.selectcolor.essink.elastic.OutageLog;
import io.github.selectcolor.essink.elastic.ServerCheck;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether Elasticsearch can take the task's documents: it answers, runs a supported version and,
 * when the task installs it, holds the index template, so that no daily index is made without
 * the mappings and the alias. The task asks before it takes its first records rather than in
 * {@code start()}, which Connect does not retry: a task may start while Elasticsearch is down and
 * wait for it, checking again after ever longer pauses and for as long as it takes, since it
 * commits nothing meanwhile. Asking between checks costs nothing, so the task may ask on every
 * {@code put}. Once ready it stays ready: later outages are the bulk writer's to ride out. Not
 * thread-safe: the task's thread uses it.
 */
final class ServerReadiness {

  private static final Logger log = LoggerFactory.getLogger(ServerReadiness.class);
  private static final Duration NO_LIMIT = Duration.ofMillis(Long.MAX_VALUE);

  private final ElasticsearchClients clients;
  private final ElasticsearchSinkConnectorConfig config;
  private final RetryPolicy pauses;
  private final OutageLog outage;
  private final Clock clock;
  private boolean ready;
  private int failedChecks;
  private Instant nextCheckAt = Instant.MIN;

  ServerReadiness(ElasticsearchClients clients, ElasticsearchSinkConnectorConfig config,
      Clock clock) {
    this.clients = clients;
    this.config = config;
    this.clock = clock;
    this.pauses = new RetryPolicy(config.retryBackoff(), config.retryBackoffMax(), NO_LIMIT);
    this.outage = new OutageLog("Elasticsearch at " + config.connectionUrls(), "take documents",
        "the task pauses its partitions, holds the records it has taken without committing them,"
            + " and checks again after pauses of up to " + config.retryBackoffMax(), clock);
  }

  /**
   * Whether Elasticsearch can take documents. Checks it, unless an earlier check found it ready or
   * the pause after the last failed check is not over.
   *
   * @throws ConnectException when it answers but cannot be used: waiting would not help
   */
  boolean isReady() {
    if (ready || clock.instant().isBefore(nextCheckAt)) {
      return ready;
    }
    try {
      prepare();
    } catch (IOException | RuntimeException e) {
      if (e instanceof ConnectException || !Failures.isTransient(e)) {
        throw new ConnectException("Elasticsearch at " + config.connectionUrls()
            + " cannot take this task's documents: " + e.getMessage(), e);
      }
      notReady(e);
      return false;
    }
    ready = true;
    if (outage.isOngoing()) {
      outage.succeeded();
    } else {
      log.info("Elasticsearch at {} is ready for documents.", config.connectionUrls());
    }
    return true;
  }

  /** How long until the next check; zero when it is due or Elasticsearch is ready. */
  Duration untilNextCheck() {
    Duration left = Duration.between(clock.instant(), nextCheckAt);
    return ready || left.isNegative() ? Duration.ZERO : left;
  }

  private void prepare() throws IOException {
    String version = ServerCheck.version(clients.restClient());
    if (!ServerCheck.isSupported(version)) {
      throw new ConnectException(ServerCheck.unsupported(version));
    }
    if (config.installIndexTemplate()) {
      IndexTemplate.install(clients.client(), config.indexPrefix(), config.indexRefreshInterval());
      log.info("Installed the index template {} for indices {}-*.", config.indexPrefix(),
          config.indexPrefix());
    }
  }

  private void notReady(Exception cause) {
    failedChecks++;
    Duration pause = pauses.nextWait(failedChecks, Duration.ZERO).orElse(config.retryBackoffMax());
    nextCheckAt = clock.instant().plus(pause);
    outage.failed(cause.toString());
  }
}
