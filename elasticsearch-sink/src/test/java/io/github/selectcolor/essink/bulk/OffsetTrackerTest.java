package io.github.selectcolor.essink.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.selectcolor.essink.bulk.OffsetTracker.Tracked;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

  private static final TopicPartition P0 = new TopicPartition("select-color", 0);
  private static final TopicPartition P1 = new TopicPartition("select-color", 1);

  private final OffsetTracker tracker = new OffsetTracker();

  @Test
  void commitsOnlyUpToTheFirstRecordNotDone() {
    Tracked first = tracker.track(P0, 10);
    Tracked second = tracker.track(P0, 11);
    Tracked third = tracker.track(P0, 12);

    tracker.done(second);
    tracker.done(third);
    assertThat(tracker.committable()).isEmpty();

    tracker.done(first);
    assertThat(tracker.committable()).isEqualTo(Map.of(P0, new OffsetAndMetadata(13)));
    assertThat(tracker.pending()).isZero();
  }

  @Test
  void tracksPartitionsApart() {
    Tracked p0 = tracker.track(P0, 5);
    tracker.track(P1, 7);

    tracker.done(p0);

    assertThat(tracker.committable()).isEqualTo(Map.of(P0, new OffsetAndMetadata(6)));
    assertThat(tracker.pending()).isEqualTo(1);
  }

  @Test
  void reportsAPartitionOnlyWhenItsOffsetMoved() {
    tracker.done(tracker.track(P0, 0));
    assertThat(tracker.committable()).containsKey(P0);

    assertThat(tracker.committable()).isEmpty();
  }

  @Test
  void forgetsClosedPartitionsAndIgnoresTheirLateAcknowledgements() {
    Tracked late = tracker.track(P0, 0);
    tracker.track(P0, 1);

    tracker.forget(List.of(P0));
    tracker.done(late);

    assertThat(tracker.pending()).isZero();
    assertThat(tracker.committable()).isEmpty();
  }
}
