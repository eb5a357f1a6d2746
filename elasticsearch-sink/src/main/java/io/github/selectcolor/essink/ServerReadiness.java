package io.github.selectcolor.essink;

import io.github.selectcolor.essink.bulk.RetryPolicy;
import io.github.selectcolor.essink.config.ElasticsearchSinkConnectorConfig;
import io.github.selectcolor.essink.elastic.ElasticsearchClients;
import io.github.selectcolor.essink.elastic.Failures;
import io.github.selectcolor.essink.elastic.IndexTemplate;
import io.github.selectcolor.essink.elastic.ServerCheck;
import java.io.IOException;
import java.time.Duration;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether Elasticsearch can take the task's documents: it answers, runs a supported version and,
 * when the task installs it, holds the index template, so that no daily index is made without
 * the mappings and the alias. The task asks before it takes its first records rather than in
 * {@code start()}, which Connect does not retry: a task may start while Elasticsearch is down and
 * wait for it, checking again after ever longer pauses and for as long as it takes, since it holds
 * no records meanwhile. Not thread-safe: the task's thread uses it.
 */
final class ServerReadiness {

  private static final Logger log = LoggerFactory.getLogger(ServerReadiness.class);
  private static final Duration NO_LIMIT = Duration.ofMillis(Long.MAX_VALUE);

  private final ElasticsearchClients clients;
  private final ElasticsearchSinkConnectorConfig config;
  private final RetryPolicy pauses;
  private boolean ready;
  private int failedChecks;

  ServerReadiness(ElasticsearchClients clients, ElasticsearchSinkConnectorConfig config) {
    this.clients = clients;
    this.config = config;
    this.pauses = new RetryPolicy(config.retryBackoff(), config.retryBackoffMax(), NO_LIMIT);
  }

  /**
   * Checks Elasticsearch, unless an earlier check found it ready.
   *
   * @throws NotReady         while Elasticsearch cannot be reached or answers 429 or 5xx
   * @throws ConnectException when it answers but cannot be used: waiting would not help
   */
  void ensureReady() {
    if (ready) {
      return;
    }
    try {
      prepare();
    } catch (IOException | RuntimeException e) {
      if (e instanceof ConnectException || !Failures.isTransient(e)) {
        throw new ConnectException("Elasticsearch at " + config.connectionUrls()
            + " cannot take this task's documents: " + e.getMessage(), e);
      }
      throw notReady(e);
    }
    ready = true;
    log.info("Elasticsearch at {} is ready for documents{}.", config.connectionUrls(),
        failedChecks == 0 ? "" : " after " + failedChecks + " failed checks");
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

  private NotReady notReady(Exception cause) {
    failedChecks++;
    Duration pause = pauses.nextWait(failedChecks, Duration.ZERO).orElse(config.retryBackoffMax());
    if (failedChecks == 1) {
      log.warn("Elasticsearch at {} cannot take documents yet ({}); the task takes no records"
          + " until it can, and checks again after pauses of up to {}.", config.connectionUrls(),
          cause.toString(), config.retryBackoffMax());
    }
    return new NotReady("Elasticsearch at " + config.connectionUrls() + " cannot take documents"
        + " yet (check " + failedChecks + "); the next check is in " + pause + ".", cause, pause);
  }

  /** Elasticsearch is not ready yet; Connect should offer the same records again after a pause. */
  static final class NotReady extends RetriableException {

    private final Duration pause;

    NotReady(String message, Throwable cause, Duration pause) {
      super(message, cause);
      this.pause = pause;
    }

    Duration pause() {
      return pause;
    }
  }
}
