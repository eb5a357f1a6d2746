package io.github.selectcolor.collector.delivery;

import io.github.selectcolor.event.SelectColorEvent;

/** What the Kafka record key of an event is, and so how events spread over partitions. */
public enum RecordKey {

  /**
   * No key: the sticky partitioner fills one partition's batch before moving on, which makes the
   * largest batches and spreads load evenly over time (the book's choice).
   */
  NONE {
    @Override
    public String of(SelectColorEvent event) {
      return null;
    }
  },

  /** The user name: one user's events land in one partition, in order, at the cost of skew. */
  USER_NAME {
    @Override
    public String of(SelectColorEvent event) {
      return event.userName();
    }
  };

  public abstract String of(SelectColorEvent event);
}
