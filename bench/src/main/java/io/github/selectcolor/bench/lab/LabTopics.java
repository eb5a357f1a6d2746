package io.github.selectcolor.bench.lab;

import io.github.selectcolor.bench.cluster.Poll;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * The lab's topics: for each row one the collector writes and one the bare producer writes, all
 * with the same replica assignment, so that partition p's preferred leader is broker p in every
 * topic and one fault hits every row alike. One admin client serves every call; close it when
 * done. Used from one thread.
 */
final class LabTopics implements AutoCloseable {

  static final int PARTITIONS = 3;
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

  private final Admin admin;

  LabTopics(String bootstrapServers) {
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000",
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000"));
  }

  static String producerTopic(LabPolicy policy) {
    return policy.topic() + "-producer";
  }

  static List<String> of(LabPolicy policy) {
    return List.of(policy.topic(), producerTopic(policy));
  }

  static List<String> of(Collection<LabPolicy> policies) {
    return policies.stream().flatMap(policy -> of(policy).stream()).toList();
  }

  /** Partition p's replicas are brokers p, p+1 and p+2 (mod 3), the first its preferred leader. */
  void create(Collection<LabPolicy> policies) throws ExecutionException, InterruptedException,
      TimeoutException {
    Map<Integer, List<Integer>> assignment = new HashMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      int first = p;
      assignment.put(p, IntStream.range(0, LabPolicy.REPLICATION_FACTOR)
          .mapToObj(r -> (first + r) % LabPolicy.REPLICATION_FACTOR).toList());
    }
    List<NewTopic> topics = policies.stream().flatMap(policy -> of(policy).stream()
        .map(name -> new NewTopic(name, assignment).configs(policy.topicConfigs()))).toList();
    admin.createTopics(topics).all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** The broker that leads the partition now, or -1 when it has no leader. */
  int leaderOf(String topic, int partition) throws ExecutionException, InterruptedException,
      TimeoutException {
    TopicPartitionInfo info = describe(List.of(topic)).get(topic).partitions().get(partition);
    return info.leader() == null ? -1 : info.leader().id();
  }

  /**
   * Elects an unclean leader, an out-of-sync replica, for every partition of the topics that has
   * none, as the controller itself would only after its five-minute timer.
   *
   * @return the partitions it elected a leader for
   */
  Set<TopicPartition> electUncleanWhereLeaderless(Collection<String> topics)
      throws ExecutionException, InterruptedException, TimeoutException {
    Set<TopicPartition> leaderless = new HashSet<>();
    describe(topics).forEach((topic, description) -> description.partitions().stream()
        .filter(partition -> partition.leader() == null)
        .forEach(partition -> leaderless.add(new TopicPartition(topic, partition.partition()))));
    if (leaderless.isEmpty()) {
      return leaderless;
    }
    Set<TopicPartition> elected = new HashSet<>();
    admin.electLeaders(ElectionType.UNCLEAN, leaderless).partitions()
        .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
        .forEach((partition, error) -> {
          if (error.isEmpty()) {
            elected.add(partition);
          }
        });
    return elected;
  }

  /** Waits until the broker answers requests itself, as only a running, started broker does. */
  void awaitServing(int broker, Duration timeout) throws TimeoutException {
    Poll.until("broker " + broker + " serving requests", timeout, Duration.ofMillis(250),
        LabTopics::isKafkaFailure, () -> {
          admin.describeLogDirs(List.of(broker)).allDescriptions()
              .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
          return true;
        });
  }

  /** Waits until every partition of the topics has a leader and every replica in its ISR. */
  void awaitInSync(Collection<String> topics, Duration timeout) throws TimeoutException {
    Poll.until("every replica of the lab's topics in sync", timeout, Duration.ofMillis(250),
        LabTopics::isKafkaFailure, () -> allPartitions(topics).allMatch(
            partition -> partition.leader() != null
                && partition.isr().size() == partition.replicas().size()));
  }

  /**
   * Moves each partition's leadership back to its preferred broker, so that the next fault starts
   * from the same layout.
   */
  void restorePreferredLeaders(Collection<String> topics, Duration timeout)
      throws TimeoutException {
    Poll.until("every partition led by its preferred broker", timeout, Duration.ofMillis(500),
        LabTopics::isKafkaFailure, () -> {
          electPreferred(topics);
          return allPartitions(topics).allMatch(partition -> partition.leader() != null
              && partition.leader().id() == partition.replicas().get(0).id());
        });
  }

  private void electPreferred(Collection<String> topics) throws ExecutionException,
      InterruptedException, TimeoutException {
    Set<TopicPartition> partitions = new HashSet<>();
    for (String topic : topics) {
      for (int p = 0; p < PARTITIONS; p++) {
        partitions.add(new TopicPartition(topic, p));
      }
    }
    // A partition already led by its preferred broker answers ElectionNotNeeded, which is fine.
    admin.electLeaders(ElectionType.PREFERRED, partitions).partitions()
        .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  private Stream<TopicPartitionInfo> allPartitions(Collection<String> topics)
      throws ExecutionException, InterruptedException, TimeoutException {
    return describe(topics).values().stream()
        .flatMap(description -> description.partitions().stream());
  }

  private Map<String, TopicDescription> describe(Collection<String> topics)
      throws ExecutionException, InterruptedException, TimeoutException {
    return admin.describeTopics(topics).allTopicNames()
        .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  private static boolean isKafkaFailure(Exception e) {
    return e instanceof ExecutionException || e instanceof TimeoutException;
  }

  @Override
  public void close() {
    admin.close();
  }
}
