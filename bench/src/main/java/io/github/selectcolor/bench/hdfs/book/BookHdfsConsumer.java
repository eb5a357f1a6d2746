package io.github.selectcolor.bench.hdfs.book;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The book's HDFS consumer application (seed 001, {@code HdfsSinkApplication}): three
 * {@link BookConsumerWorker}s in a cached thread pool, stopped by a shutdown hook that wakes each
 * one and saves what its buffers hold. Changes, each needed to run it here: the addresses, the
 * topic, the group and the folder are arguments; {@code auto.offset.reset=earliest}, because the
 * benchmark's topic is filled before the consumer starts and the default {@code latest} would read
 * nothing; and the workers are started once, after the loop that creates them (the notes' copy
 * starts them inside it, which would run the first worker three times). Usage, as its own process:
 * {@code BookHdfsConsumer BOOTSTRAP_SERVERS HDFS_URI TOPIC GROUP DIRECTORY}.
 */
public final class BookHdfsConsumer implements AutoCloseable {

  static final int CONSUMER_COUNT = 3;
  private static final Logger log = LoggerFactory.getLogger(BookHdfsConsumer.class);

  private final List<BookConsumerWorker> workers = new ArrayList<>();
  private final ExecutorService executorService = Executors.newCachedThreadPool();

  private BookHdfsConsumer(Properties configs, String topic, URI fileSystem, String directory,
      BookTally tally) {
    for (int i = 0; i < CONSUMER_COUNT; i++) {
      workers.add(new BookConsumerWorker(configs, topic, i, fileSystem, directory, tally));
    }
    workers.forEach(executorService::execute);
  }

  /** Starts the book's three consumer threads. */
  public static BookHdfsConsumer start(String bootstrapServers, URI fileSystem, String topic,
      String group, String directory, BookTally tally) {
    Properties configs = new Properties();
    configs.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    configs.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    configs.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    configs.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
        StringDeserializer.class.getName());
    configs.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new BookHdfsConsumer(configs, topic, fileSystem, directory, tally);
  }

  public static void main(String[] args) {
    if (args.length != 5) {
      throw new IllegalArgumentException(
          "Usage: BookHdfsConsumer BOOTSTRAP_SERVERS HDFS_URI TOPIC GROUP DIRECTORY");
    }
    BookHdfsConsumer consumer = start(args[0], URI.create(args[1]), args[2], args[3], args[4],
        new BookTally());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("Shutdown hook");
      consumer.stopAndWakeup();
    }, "book-shutdown"));
  }

  /** What the book's shutdown hook does: wakes every worker and saves its buffers. */
  public void stopAndWakeup() {
    workers.forEach(BookConsumerWorker::stopAndWakeup);
  }

  @Override
  public void close() throws InterruptedException {
    executorService.shutdown();
    if (!executorService.awaitTermination(Duration.ofMinutes(1).toMillis(),
        TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("The book's consumer threads did not stop within a minute.");
    }
  }
}
