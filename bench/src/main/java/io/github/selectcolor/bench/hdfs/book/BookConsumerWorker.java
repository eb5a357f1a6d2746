package io.github.selectcolor.bench.hdfs.book;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The book's HDFS consumer thread as published (seed 001, {@code ConsumerWorker}), kept with its
 * defects because it is the baseline: buffers in static maps shared by all threads, a file per
 * flush named by the buffer's first offset, a new Hadoop {@link Configuration} per flush,
 * {@code writeBytes} (which keeps only the low byte of each character), no sync, and Kafka's
 * auto-commit, which commits offsets of records still in a buffer. Changes, each needed to run it
 * here: the file system's URI and the files' directory are arguments instead of
 * {@code hdfs://localhost:9000} and {@code /data}, so that every pass writes a folder of its own
 * in the benchmark's cluster; {@code String.join} stands for commons-lang's
 * {@code StringUtils.join}; and a {@link BookTally} counts what it read and saved, so that the
 * benchmark can tell when all its records are in HDFS.
 */
public class BookConsumerWorker implements Runnable {
  private final Logger logger = LoggerFactory.getLogger(BookConsumerWorker.class);
  private static Map<Integer, List<String>> bufferString = new ConcurrentHashMap<>();
  private static Map<Integer, Long> currentFileOffset = new ConcurrentHashMap<>();

  private static final int FLUSH_RECORD_COUNT = 10;
  private final Properties prop;
  private final String topic;
  private final String threadName;
  private final URI fileSystem;
  private final String directory;
  private final BookTally tally;
  private KafkaConsumer<String, String> consumer;
  private volatile boolean running = true;

  public BookConsumerWorker(Properties prop, String topic, int number, URI fileSystem,
      String directory, BookTally tally) {
    logger.info("Generate ConsumerWorker");
    this.prop = prop;
    this.topic = topic;
    this.threadName = "consumer-thread-" + number;
    this.fileSystem = fileSystem;
    this.directory = directory;
    this.tally = tally;
  }

  @Override
  public void run() {
    Thread.currentThread().setName(threadName);
    consumer = new KafkaConsumer<>(prop);
    consumer.subscribe(Arrays.asList(topic));
    try {
      while (running) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofSeconds(1));

        for (ConsumerRecord<String, String> record : records) {
          addHdfsFileBuffer(record);
        }
        saveBufferToHdfsFile(consumer.assignment());
        tally.handled(records.count());
      }
    } catch (WakeupException e) {
      logger.warn("Wakeup consumer");
    } catch (Exception e) {
      logger.error(e.getMessage(), e);
    } finally {
      consumer.close();
    }
  }

  private void addHdfsFileBuffer(ConsumerRecord<String, String> record) {
    tally.read();
    List<String> buffer = bufferString.getOrDefault(record.partition(), new ArrayList<>());
    buffer.add(record.value());
    bufferString.put(record.partition(), buffer);

    if (buffer.size() == 1) {
      currentFileOffset.put(record.partition(), record.offset());
    }
  }

  private void saveBufferToHdfsFile(Set<TopicPartition> partitions) {
    partitions.forEach(p -> checkFlushCount(p.partition()));
  }

  private void checkFlushCount(int partitionNo) {
    if (bufferString.get(partitionNo) != null) {
      if (bufferString.get(partitionNo).size() > FLUSH_RECORD_COUNT - 1) {
        save(partitionNo);
      }
    }
  }

  private void save(int partitionNo) {
    if (bufferString.get(partitionNo).size() > 0) {
      try {
        String fileName = directory + "/color-" + partitionNo + "-"
            + currentFileOffset.get(partitionNo) + ".log";
        Configuration configuration = new Configuration();
        configuration.set("fs.defaultFS", fileSystem.toString());
        FileSystem hdfsFileSystem = FileSystem.get(configuration);
        FSDataOutputStream fileOutputStream = hdfsFileSystem.create(new Path(fileName));
        fileOutputStream.writeBytes(String.join("\n", bufferString.get(partitionNo)));
        fileOutputStream.close();
        tally.saved(bufferString.get(partitionNo).size());

        bufferString.put(partitionNo, new ArrayList<>());
      } catch (IOException e) {
        logger.error(e.getMessage(), e);
      }
    }
  }

  private void saveRemainBufferToHdfsFile() {
    bufferString.forEach((partitionNo, v) -> this.save(partitionNo));
  }

  public void stopAndWakeup() {
    running = false;
    consumer.wakeup();
    saveRemainBufferToHdfsFile();
  }
}
