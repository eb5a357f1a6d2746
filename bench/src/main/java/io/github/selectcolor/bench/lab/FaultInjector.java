package io.github.selectcolor.bench.lab;

import io.github.selectcolor.bench.cluster.KafkaProcessCluster;
import io.github.selectcolor.bench.cluster.Poll;
import io.github.selectcolor.bench.cluster.Signal;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Injects a column's fault into the three broker processes and heals it. Killed brokers come
 * back one at a time in the order they died; once each one serves requests, every leaderless
 * partition of a topic that allows it gets an unclean leader at once, since KRaft's controller
 * would wait five minutes to elect one itself.
 */
final class FaultInjector {

  /** The brokers' replica.lag.time.max.ms, lowered from 30 s as Kafka's own system tests do. */
  static final Duration REPLICA_LAG_TIME = Duration.ofSeconds(10);
  private static final int BROKERS = 3;
  private static final Duration RESTART_TIMEOUT = Duration.ofSeconds(180);

  private final KafkaProcessCluster kafka;
  private final LabTopics topics;
  private final Collection<String> uncleanTopics;
  private final Duration down;

  FaultInjector(KafkaProcessCluster kafka, LabTopics topics, Collection<String> uncleanTopics,
      Duration down) {
    this.kafka = kafka;
    this.topics = topics;
    this.uncleanTopics = List.copyOf(uncleanTopics);
    this.down = down;
  }

  /**
   * Injects the fault around the leader of the partition in the reference topic, heals it, and
   * returns what it did.
   */
  String injectAndHeal(LabFault fault, String referenceTopic, int partition) throws Exception {
    int leader = topics.leaderOf(referenceTopic, partition);
    if (leader < 0) {
      throw new IllegalStateException("Partition " + partition + " of " + referenceTopic
          + " has no leader before the fault.");
    }
    return switch (fault) {
      case NONE -> {
        Poll.pause(down);
        yield "no fault for " + down.toSeconds() + " s";
      }
      case LEADER_KILL -> killAndRestart(List.of(leader));
      case LEADER_STALL -> stall(leader);
      case TWO_KILLED -> killAndRestart(List.of(leader, (leader + 1) % BROKERS));
      case ALL_KILLED -> killAndRestart(List.of(leader, (leader + 1) % BROKERS,
          (leader + 2) % BROKERS));
    };
  }

  private String killAndRestart(List<Integer> brokers) throws Exception {
    for (int broker : brokers) {
      kafka.broker(broker).kill();
    }
    Poll.pause(down);
    Set<TopicPartition> unclean = new LinkedHashSet<>();
    for (int broker : brokers) {
      kafka.broker(broker).start();
      topics.awaitServing(broker, RESTART_TIMEOUT);
      unclean.addAll(topics.electUncleanWhereLeaderless(uncleanTopics));
    }
    return "killed broker" + (brokers.size() > 1 ? "s " : " ") + brokers + " with SIGKILL, "
        + down.toSeconds() + " s down, restarted in that order" + uncleanNote(unclean);
  }

  private String stall(int leader) throws Exception {
    Duration stall = REPLICA_LAG_TIME.plus(down);
    kafka.broker(leader).signal(Signal.STOP);
    try {
      Poll.pause(stall);
    } finally {
      kafka.broker(leader).signal(Signal.CONT);
    }
    Set<TopicPartition> unclean = topics.electUncleanWhereLeaderless(uncleanTopics);
    return "stalled broker " + leader + " with SIGSTOP for " + stall.toSeconds() + " s, resumed"
        + uncleanNote(unclean);
  }

  private static String uncleanNote(Collection<TopicPartition> unclean) {
    return unclean.isEmpty() ? "" : "; unclean leaders elected for " + unclean;
  }
}
