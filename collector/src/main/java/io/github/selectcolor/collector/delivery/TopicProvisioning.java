package io.github.selectcolor.collector.delivery;

import io.github.selectcolor.collector.CollectorProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;

/**
 * Provisions the topic in the background, so that the collector serves its page and health at once
 * even while Kafka is down: until the topic is ready, {@link TopicReadiness} keeps requests at 503
 * and readiness down. Retries with back-off and logs an outage once a minute, not once an attempt.
 */
@Component
class TopicProvisioning implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TopicProvisioning.class);
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration LONGEST_RETRY = Duration.ofSeconds(30);
  private static final Duration REPEAT_WARNING = Duration.ofMinutes(1);

  private final KafkaAdmin kafkaAdmin;
  private final TopicProvisioner provisioner;
  private final KafkaTemplateWarmer warmer;
  private final TopicReadiness readiness;
  private final Clock clock;
  private final String topic;
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
      runnable -> {
        Thread thread = new Thread(runnable, "topic-provisioner");
        thread.setDaemon(true);
        return thread;
      });
  private Admin admin;
  private Duration nextRetry = FIRST_RETRY;
  private Instant outageStarted;
  private Instant lastWarning;
  private String lastProblem;
  private volatile boolean running;

  TopicProvisioning(KafkaAdmin kafkaAdmin, CollectorProperties properties,
      ProducerFactory<String, byte[]> producerFactory, KafkaTemplateWarmer warmer,
      TopicReadiness readiness, Clock clock) {
    this.kafkaAdmin = kafkaAdmin;
    this.provisioner = new TopicProvisioner(properties, String.valueOf(
        producerFactory.getConfigurationProperties().get(ProducerConfig.ACKS_CONFIG)),
        ATTEMPT_TIMEOUT);
    this.warmer = warmer;
    this.readiness = readiness;
    this.clock = clock;
    this.topic = properties.topic().name();
  }

  @Override
  public void start() {
    running = true;
    executor.execute(this::attempt);
  }

  @Override
  public void stop() {
    running = false;
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(ATTEMPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("The topic provisioner did not stop within {} s.", ATTEMPT_TIMEOUT.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeAdmin();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void attempt() {
    try {
      provisioner.provision(admin());
      closeAdmin();
      warmer.fetchMetadata();
      readiness.ready();
      logRecovery();
    } catch (TopicSettingsException e) {
      notReady(e.getMessage(), "cannot-work");
      retryIn(LONGEST_RETRY);
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      notReady("Kafka does not answer: " + rootMessage(e), "unreachable");
      retryIn(nextRetry);
      nextRetry = min(nextRetry.multipliedBy(2), LONGEST_RETRY);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      readiness.notReady("Provisioning the topic failed unexpectedly: " + rootMessage(e));
      log.error("Provisioning topic '{}' failed unexpectedly; retrying in {} s.", topic,
          LONGEST_RETRY.toSeconds(), e);
      retryIn(LONGEST_RETRY);
    }
  }

  private void notReady(String reason, String kind) {
    readiness.notReady(reason);
    Instant now = clock.instant();
    if (outageStarted == null) {
      outageStarted = now;
    }
    boolean newProblem = !kind.equals(lastProblem);
    if (newProblem || Duration.between(lastWarning, now).compareTo(REPEAT_WARNING) >= 0) {
      lastProblem = kind;
      lastWarning = now;
      long seconds = Duration.between(outageStarted, now).toSeconds();
      if ("cannot-work".equals(kind)) {
        log.error("Events for topic '{}' are answered 503 after {} s: {} Rechecking every {} s.",
            topic, seconds, reason, LONGEST_RETRY.toSeconds());
      } else {
        log.warn("Events for topic '{}' are answered 503 after {} s, until Kafka at {} answers. {}",
            topic, seconds, bootstrapServers(), reason);
      }
    }
  }

  private void logRecovery() {
    if (outageStarted == null) {
      log.info("Topic '{}' is ready; the collector accepts events.", topic);
    } else {
      log.info("Topic '{}' is ready after {} s of waiting; the collector accepts events.", topic,
          Duration.between(outageStarted, clock.instant()).toSeconds());
    }
  }

  private void retryIn(Duration delay) {
    if (running) {
      executor.schedule(this::attempt, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private Admin admin() {
    if (admin == null) {
      admin = Admin.create(kafkaAdmin.getConfigurationProperties());
    }
    return admin;
  }

  private void closeAdmin() {
    if (admin != null) {
      admin.close(Duration.ZERO);
      admin = null;
    }
  }

  private Object bootstrapServers() {
    return kafkaAdmin.getConfigurationProperties().get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
  }

  private static String rootMessage(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
