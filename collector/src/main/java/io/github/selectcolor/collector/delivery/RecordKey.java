package io.github.selectcolor.collector.delivery;

import io.github.selectcolor.event.SelectColorEvent;

/** What the Kafka record key of an event is, and so how events spread over partitions. */
public enum RecordKey {

  /**
   * The eventId's string form: every copy of an event (a client's retry after a 503, a timeout or
   * a cut connection; a resend after a collector restart) lands in the same partition, where the
   * HDFS sink drops copies by eventId. Distinct events spread evenly, as their ids are random.
   */
  EVENT_ID {
    @Override
    public String of(SelectColorEvent event) {
      return event.eventId().toString();
    }
  },

  /**
   * No key: the sticky partitioner fills one partition's batch before moving on, which makes the
   * largest batches and spreads load evenly over time (the book's choice). Copies of one event may
   * land in different partitions, where the HDFS sink cannot see them as copies.
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
