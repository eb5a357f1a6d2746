package io.github.selectcolor.bench.hdfs.book;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the book's consumer threads read and saved, counted for the benchmark; not part of the
 * book's design. Thread-safe.
 */
public final class BookTally {

  private final AtomicLong read = new AtomicLong();
  private final AtomicLong handled = new AtomicLong();
  private final AtomicLong saved = new AtomicLong();
  private final AtomicLong firstReadAt = new AtomicLong();

  void read() {
    if (read.getAndIncrement() == 0) {
      firstReadAt.set(System.nanoTime());
    }
  }

  /** Records of a poll whose flushes, if any, have finished. */
  void handled(int records) {
    handled.addAndGet(records);
  }

  void saved(int records) {
    saved.addAndGet(records);
  }

  public long readRecords() {
    return read.get();
  }

  public long handledRecords() {
    return handled.get();
  }

  public long savedRecords() {
    return saved.get();
  }

  /** {@link System#nanoTime()} when the first record was read. */
  public long firstReadAt() {
    return firstReadAt.get();
  }
}
