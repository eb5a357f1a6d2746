package io.github.selectcolor.hdfssink;

import io.github.selectcolor.hdfssink.files.CommitListener;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.common.TopicPartition;

/** Crashes the worker once at a step of landing records, as if its process died there. */
final class CrashOnce implements CommitListener {

  /** Where the crash happens. */
  enum Point {
    /** After some records were appended to an open file, before any sync. */
    WHILE_WRITING,
    /** After a file was synced and closed, before its rename. */
    BETWEEN_SYNC_AND_RENAME,
    /** After a file was renamed, before Kafka's group offset was updated. */
    BETWEEN_RENAME_AND_OFFSET_COMMIT
  }

  private static final int APPENDS_BEFORE_CRASH = 3;

  private final Point point;
  private final AtomicInteger appends = new AtomicInteger();
  private final CountDownLatch crashed = new CountDownLatch(1);

  CrashOnce(Point point) {
    this.point = point;
  }

  boolean crashed() {
    return crashed.getCount() == 0;
  }

  @Override
  public void appended(TopicPartition partition, long offset) {
    if (point == Point.WHILE_WRITING && appends.incrementAndGet() == APPENDS_BEFORE_CRASH) {
      crash("after appending offset " + offset + " of " + partition);
    }
  }

  @Override
  public void synced(TopicPartition partition, Path temporaryFile) {
    if (point == Point.BETWEEN_SYNC_AND_RENAME) {
      crash("after syncing " + temporaryFile);
    }
  }

  @Override
  public void renamed(TopicPartition partition, Path committedFile) {
    if (point == Point.BETWEEN_RENAME_AND_OFFSET_COMMIT) {
      crash("after renaming to " + committedFile);
    }
  }

  private void crash(String where) {
    if (crashed.getCount() > 0) {
      crashed.countDown();
      throw new SimulatedCrash("Simulated crash " + where + ".");
    }
  }

  /** An Error, so that nothing on the way treats it as a failure to handle. */
  static final class SimulatedCrash extends Error {

    private static final long serialVersionUID = 1L;

    SimulatedCrash(String message) {
      super(message);
    }
  }
}
