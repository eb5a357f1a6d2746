package io.github.selectcolor.bench.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether the sinks' consumer groups committed every partition of the topic up to its end. Both
 * sinks commit an offset only once what came before it is durable in their store, so once every
 * group reached every end offset after the load, nothing is still on its way to a store. Used from
 * one thread; close it to close its admin client.
 */
public final class SinkOffsets implements AutoCloseable {

  /** The HDFS sink's {@code spring.kafka.consumer.group-id} by default. */
  public static final String HDFS_SINK_GROUP = "hdfs-sink";
  private static final long CALL_SECONDS = 10;

  private final Admin admin;
  private final String topic;
  private final List<String> groups;
  private List<String> lagging = List.of();

  public SinkOffsets(String bootstrapServers, String topic, List<String> groups) {
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000",
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000"));
    this.topic = topic;
    this.groups = List.copyOf(groups);
  }

  /** The Connect sink's group: Connect names it after the connector. */
  public static String connectGroup(String connector) {
    return "connect-" + connector;
  }

  /** Reads every group's committed offsets and the topic's end offsets now. */
  public boolean caughtUp() throws ExecutionException, InterruptedException, TimeoutException {
    Map<TopicPartition, Long> ends = endOffsets();
    List<String> behind = new ArrayList<>();
    for (String group : groups) {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get(CALL_SECONDS, TimeUnit.SECONDS);
      ends.forEach((partition, end) -> {
        OffsetAndMetadata offset = committed.get(partition);
        long at = offset == null ? 0 : offset.offset();
        if (at < end) {
          behind.add(group + " at " + at + " of " + end + " in " + partition);
        }
      });
    }
    lagging = List.copyOf(behind);
    return behind.isEmpty();
  }

  /** What the last check found behind, one entry per group and partition. */
  public List<String> lagging() {
    return lagging;
  }

  private Map<TopicPartition, Long> endOffsets()
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames()
        .get(CALL_SECONDS, TimeUnit.SECONDS).get(topic).partitions().stream()
        .collect(Collectors.toMap(info -> new TopicPartition(topic, info.partition()),
            info -> OffsetSpec.latest()));
    return admin.listOffsets(latest).all().get(CALL_SECONDS, TimeUnit.SECONDS).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
  }

  @Override
  public void close() {
    admin.close();
  }
}
