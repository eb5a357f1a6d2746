package io.github.selectcolor.dashboard.kafka;

import io.github.selectcolor.dashboard.AvailabilityLog;
import io.github.selectcolor.dashboard.DashboardProperties;
import io.github.selectcolor.dashboard.DashboardProperties.ConsumerGroup;
import io.github.selectcolor.dashboard.kafka.KafkaSection.GroupLag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.stereotype.Component;

/**
 * Reads the {@code kafka} part of the snapshot with Kafka's Admin client: the topic's partitions,
 * their end offsets, then every group's committed offsets in one request. Never throws: when Kafka
 * fails, the part says so. One Admin client for the application's life, closed with it.
 * Thread-safe.
 */
@Component
public class ConsumerLagSource implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ConsumerLagSource.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final Admin admin;
  private final String topic;
  private final List<ConsumerGroup> groups;
  private final Duration timeout;
  private final AvailabilityLog availability;

  public ConsumerLagSource(KafkaProperties kafka, SslBundles sslBundles,
      DashboardProperties properties) {
    this.topic = properties.topic();
    this.groups = properties.consumerGroups();
    this.timeout = properties.sourceTimeout();
    Map<String, Object> config = kafka.buildAdminProperties(sslBundles);
    config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "dashboard");
    // Every call is bounded by the source timeout, so that a refresh never waits on Kafka for long.
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    this.admin = Admin.create(config);
    this.availability = new AvailabilityLog(log, "Kafka at "
        + servers(config.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)));
  }

  public KafkaSection read() {
    try {
      Map<TopicPartition, Long> endOffsets = endOffsets(partitions());
      long total = endOffsets.values().stream().mapToLong(Long::longValue).sum();
      KafkaSection section = new KafkaSection(true, null, topic, endOffsets.size(), total,
          groupLags(endOffsets));
      availability.available();
      return section;
    } catch (ExecutionException e) {
      return unavailable(reason(e.getCause()), e);
    } catch (TimeoutException e) {
      return unavailable(noAnswer(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return unavailable("The refresh was interrupted.", e);
    }
  }

  private List<TopicPartition> partitions()
      throws ExecutionException, InterruptedException, TimeoutException {
    TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
    return description.partitions().stream()
        .map(partition -> new TopicPartition(topic, partition.partition()))
        .toList();
  }

  private Map<TopicPartition, Long> endOffsets(List<TopicPartition> partitions)
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
    partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
    Map<TopicPartition, ListOffsetsResultInfo> answers = admin.listOffsets(latest).all()
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    Map<TopicPartition, Long> endOffsets = new LinkedHashMap<>();
    partitions.forEach(partition -> endOffsets.put(partition, answers.get(partition).offset()));
    return endOffsets;
  }

  /** One request for all groups; a group that fails is unavailable on its own. */
  private List<GroupLag> groupLags(Map<TopicPartition, Long> endOffsets)
      throws InterruptedException {
    if (groups.isEmpty()) {
      return List.of();
    }
    Map<String, ListConsumerGroupOffsetsSpec> specs = new LinkedHashMap<>();
    groups.forEach(group -> specs.put(group.id(),
        new ListConsumerGroupOffsetsSpec().topicPartitions(endOffsets.keySet())));
    ListConsumerGroupOffsetsResult result = admin.listConsumerGroupOffsets(specs);
    List<GroupLag> lags = new ArrayList<>(groups.size());
    for (ConsumerGroup group : groups) {
      try {
        Map<TopicPartition, OffsetAndMetadata> committed = result
            .partitionsToOffsetAndMetadata(group.id()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        lags.add(ConsumerLag.of(group, endOffsets, committed));
      } catch (ExecutionException e) {
        log.debug("The offsets of group {} on topic {} could not be read.", group.id(), topic, e);
        lags.add(GroupLag.unavailable(group.id(), group.name(),
            "Kafka refused to list the group's offsets: " + e.getCause() + "."));
      } catch (TimeoutException e) {
        log.debug("The offsets of group {} on topic {} were not listed in time.", group.id(), topic);
        lags.add(GroupLag.unavailable(group.id(), group.name(),
            "Kafka did not list the group's offsets within " + timeout.toMillis() + " ms."));
      }
    }
    return lags;
  }

  /** The Admin client fails its calls with Kafka's own TimeoutException when no broker answers. */
  private String reason(Throwable failure) {
    if (failure instanceof UnknownTopicOrPartitionException) {
      return "The topic " + topic + " does not exist.";
    }
    if (failure instanceof org.apache.kafka.common.errors.TimeoutException) {
      return noAnswer();
    }
    return "Kafka refused a request: " + failure + ".";
  }

  private String noAnswer() {
    return "Kafka did not answer within " + timeout.toMillis() + " ms.";
  }

  private KafkaSection unavailable(String reason, Exception cause) {
    availability.unavailable(reason, cause);
    return KafkaSection.unavailable(topic, reason);
  }

  private static String servers(Object bootstrapServers) {
    return bootstrapServers instanceof Collection<?> servers
        ? servers.stream().map(String::valueOf).collect(Collectors.joining(", "))
        : String.valueOf(bootstrapServers);
  }

  @Override
  public void close() {
    admin.close(CLOSE_TIMEOUT);
  }
}
