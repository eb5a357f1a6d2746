package io.github.selectcolor.bench.hdfs;

import io.github.selectcolor.bench.Poll;
import io.github.selectcolor.bench.hdfs.book.BookHdfsConsumer;
import io.github.selectcolor.bench.hdfs.book.BookTally;
import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the book's HDFS consumer over the pre-produced topic, in this JVM, in a consumer
 * group and a folder of its own: timed from the first record it reads until all of its records are
 * in HDFS. It keeps up to nine records per partition in memory for as long as no more arrive, so
 * once its threads have read and flushed the whole topic the pass does what the book's shutdown
 * hook does, which saves them, and the pass ends when that returns.
 */
final class BookConsumerPass {

  private static final Duration DEADLINE = Duration.ofMinutes(20);
  private static final Duration CHECK_INTERVAL = Duration.ofMillis(5);
  private static final Logger log = LoggerFactory.getLogger(BookConsumerPass.class);

  private final String bootstrapServers;
  private final URI fileSystem;
  private final String topic;

  BookConsumerPass(String bootstrapServers, URI fileSystem, String topic) {
    this.bootstrapServers = bootstrapServers;
    this.fileSystem = fileSystem;
    this.topic = topic;
  }

  Throughput run(String name, long records, long eventBytes) throws Exception {
    BookTally tally = new BookTally();
    long ended;
    try (BookHdfsConsumer book = BookHdfsConsumer.start(bootstrapServers, fileSystem, topic, name,
        "/bench/" + name + "/data", tally)) {
      Poll.until(() -> tally.handledRecords() >= records, CHECK_INTERVAL, DEADLINE,
          records + " records read and flushed by the book's consumer");
      book.stopAndWakeup();
      ended = System.nanoTime();
    }
    if (tally.savedRecords() < records) {
      throw new IllegalStateException("The book's consumer saved " + tally.savedRecords()
          + " records of " + records + " in a pass without faults.");
    }
    if (tally.savedRecords() > records) {
      log.warn("The book's consumer saved {} records of {} in pass {}: a rebalance made it read"
          + " some twice.", tally.savedRecords(), records, name);
    }
    return new Throughput(records, records * (eventBytes + 1),
        Duration.ofNanos(ended - tally.firstReadAt()));
  }
}
