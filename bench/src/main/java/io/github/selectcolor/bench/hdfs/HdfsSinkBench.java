package io.github.selectcolor.bench.hdfs;

import io.github.selectcolor.bench.hdfs.CrashPass.CrashOutcome;
import io.github.selectcolor.bench.producer.SampleEvent;
import io.github.selectcolor.embedded.hdfs.EmbeddedHdfsCluster;
import io.github.selectcolor.embedded.kafka.LocalKafkaCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HDFS sink's benchmark: pre-produces events into a three-partition topic of an embedded
 * one-broker Kafka cluster, then, in a warm-up round and ROUNDS measured ones, reads the whole
 * topic with the plain-consumer ceilings, writes it into an embedded HDFS (MiniDFSCluster) with
 * the HDFS write ceiling and with the book's consumer, and lands it with the sink, uncompressed (syncing
 * in the background as by default, and syncing at commit only) and with gzip at levels 1 (fastest) and 6 (the JDK's default). Each
 * subject starts once the machine's dirty pages are on disk ({@link DirtyPages}). Subjects
 * alternate within each round, so that a disturbance of the machine hits one round rather than one
 * subject; the verdict takes the medians. The book's consumer sits out the warm-up round. Each partition's records fill exactly
 * {@value #FILES_PER_PARTITION} files of the sink and of the write ceiling, so that no pass waits
 * for an age-based commit (5 s) unless a rebalance cut a file short. Then the book's consumer and
 * the sink each take one {@code kill -9} in a pass of their own ({@link CrashPass}), with the jars
 * named by the system properties {@code bench.jar} and {@code bench.hdfs-sink.jar}. Usage:
 * {@code HdfsSinkBench EVENTS ROUNDS RESULTS_DIR STAMP COMMIT}; prints the report's path.
 */
public final class HdfsSinkBench {

  static final int PARTITIONS = 3;
  static final int FILES_PER_PARTITION = 4;
  static final double TARGET_OVER_BOOK = 3.0;
  static final double TARGET_SHARE_OF_WRITE_CEILING = 0.8;
  /** The sink's default {@code hdfs-sink.sync-behind}, 8 MB. */
  static final long SYNC_BEHIND_BYTES = 8L * 1024 * 1024;
  private static final String TOPIC = "select-color";
  private static final Logger log = LoggerFactory.getLogger(HdfsSinkBench.class);

  private HdfsSinkBench() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      System.err.println("Usage: HdfsSinkBench EVENTS ROUNDS RESULTS_DIR STAMP COMMIT");
      System.exit(2);
    }
    int measuredRounds = Integer.parseInt(args[1]);
    long perPartition = roundUp(Long.parseLong(args[0]) / PARTITIONS, FILES_PER_PARTITION);
    long records = perPartition * PARTITIONS;
    // Kafka's default initial rebalance delay (3 s; the local cluster sets 0) lets all workers join
    // before the first assignment, so that no rebalance moves partitions during the pass.
    try (LocalKafkaCluster kafka = LocalKafkaCluster.temporary(1,
            Map.of("group.initial.rebalance.delay.ms", "3000")).start();
        EmbeddedHdfsCluster hdfs = EmbeddedHdfsCluster.withDataNodes(1).start()) {
      createTopic(kafka.bootstrapServers());
      long eventBytes = produce(kafka.bootstrapServers(), perPartition);
      PlainConsumerCeiling ceiling = new PlainConsumerCeiling(kafka.bootstrapServers(), TOPIC);
      HdfsWriteCeiling writeCeiling = new HdfsWriteCeiling(ceiling, hdfs.uri());
      BookConsumerPass book = new BookConsumerPass(kafka.bootstrapServers(), hdfs.uri(), TOPIC);
      SinkPass sink = new SinkPass(kafka.bootstrapServers(), hdfs.uri(), TOPIC);
      long recordsPerFile = perPartition / FILES_PER_PARTITION;
      List<Round> rounds = new ArrayList<>();
      for (int round = 0; round <= measuredRounds; round++) {
        String pass = round == 0 ? "warm-up" : "round-" + round;
        Throughput ceilingResult = timed(() -> ceiling.readWithOneConsumer(PARTITIONS));
        log.info("Ceiling (one plain consumer), {} pass: {}", pass, ceilingResult);
        Throughput strictCeilingResult =
            timed(() -> ceiling.readWithConsumerPerPartition(PARTITIONS));
        log.info("Ceiling (a consumer per partition), {} pass: {}", pass, strictCeilingResult);
        Throughput writeResult = timed(() -> writeCeiling.run("write-" + pass, PARTITIONS,
            recordsPerFile, 0));
        log.info("HDFS write ceiling, {} pass: {}", pass, writeResult);
        Throughput syncBehindResult = timed(() -> writeCeiling.run("write-sync-behind-" + pass,
            PARTITIONS, recordsPerFile, SYNC_BEHIND_BYTES));
        log.info("HDFS write ceiling syncing behind, {} pass: {}", pass, syncBehindResult);
        // The book's consumer waits on HDFS for each small file, not on compiled code: its
        // warm-up pass would take minutes and teach the JIT little.
        Throughput bookResult = null;
        if (round > 0) {
          bookResult = timed(() -> book.run("book-" + pass, records, eventBytes));
          log.info("The book's consumer, {} pass: {}", pass, bookResult);
        }
        Throughput sinkResult = timed(() -> sink.run("sink-" + pass, PARTITIONS, records,
            recordsPerFile, List.of("hdfs-sink.compression=none")));
        log.info("Sink, {} pass: {}", pass, sinkResult);
        Throughput syncAtCommitResult = timed(() -> sink.run("sink-sync-at-commit-" + pass,
            PARTITIONS, records, recordsPerFile,
            List.of("hdfs-sink.compression=none", "hdfs-sink.sync-behind=0")));
        log.info("Sink syncing at commit only, {} pass: {}", pass, syncAtCommitResult);
        Throughput gzipFastResult = timed(() -> sink.run("sink-gzip-1-" + pass, PARTITIONS,
            records, recordsPerFile,
            List.of("hdfs-sink.compression=gzip", "hdfs-sink.gzip-level=1")));
        log.info("Sink with gzip at level 1, {} pass: {}", pass, gzipFastResult);
        Throughput gzipResult = timed(() -> sink.run("sink-gzip-6-" + pass, PARTITIONS,
            records, recordsPerFile,
            List.of("hdfs-sink.compression=gzip", "hdfs-sink.gzip-level=6")));
        log.info("Sink with gzip at level 6, {} pass: {}", pass, gzipResult);
        hdfs.fileSystem().delete(new org.apache.hadoop.fs.Path("/bench"), true);
        if (round > 0) {
          rounds.add(new Round(ceilingResult, strictCeilingResult, writeResult, syncBehindResult,
              bookResult, sinkResult, syncAtCommitResult, gzipFastResult, gzipResult));
        }
      }
      CrashPass crash = new CrashPass(kafka.bootstrapServers(), hdfs.uri(), TOPIC,
          Files.createTempDirectory("hdfs-sink-bench-crash"), jar("bench.jar"),
          jar("bench.hdfs-sink.jar"));
      CrashOutcome bookCrash = crash.book(PARTITIONS, perPartition, eventBytes);
      CrashOutcome sinkCrash = crash.sink(PARTITIONS, perPartition, eventBytes, recordsPerFile);
      Path report = write(Path.of(args[2]), args[3], new SinkBenchResult(records, eventBytes,
          rounds, List.of(bookCrash, sinkCrash), args[4]));
      System.out.println(report);
    }
  }

  /** A pass of a subject, started once the previous subjects' writes are on disk. */
  private static Throughput timed(Pass pass) throws Exception {
    DirtyPages.writeBack();
    return pass.run();
  }

  private interface Pass {
    Throughput run() throws Exception;
  }

  private static Path jar(String property) {
    String jar = System.getProperty(property);
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalArgumentException("The system property " + property + " must name a jar"
          + " file; it is " + jar + ".");
    }
    return Path.of(jar);
  }

  private static long roundUp(long value, long multiple) {
    return (value + multiple - 1) / multiple * multiple;
  }

  private static void createTopic(String bootstrapServers) throws InterruptedException {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrapServers))) {
      admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("Could not create the topic.", e.getCause());
    }
  }

  private static long produce(String bootstrapServers, long perPartition) {
    // Every record has its own eventId, as the collector's do: the sink drops repeated ones.
    int valueLength = SampleEvent.json().length;
    log.info("Producing {} events of {} bytes to each of {} partitions.", perPartition,
        valueLength, PARTITIONS);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "1",
        ProducerConfig.LINGER_MS_CONFIG, 20,
        ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
      for (long index = 0; index < perPartition; index++) {
        for (int partition = 0; partition < PARTITIONS; partition++) {
          producer.send(new ProducerRecord<>(TOPIC, partition, null,
              SampleEvent.json(new UUID(partition, index))));
        }
      }
      producer.flush();
    }
    return valueLength;
  }

  private static Path write(Path resultsDirectory, String stamp, SinkBenchResult result)
      throws IOException {
    Files.createDirectories(resultsDirectory);
    Path markdown = resultsDirectory.resolve("hdfs-sink-" + stamp + ".md");
    Files.writeString(markdown, result.markdown(), StandardCharsets.UTF_8);
    Files.writeString(resultsDirectory.resolve("hdfs-sink-" + stamp + ".json"), result.json(),
        StandardCharsets.UTF_8);
    Files.copy(markdown, resultsDirectory.resolve("hdfs-sink-latest.md"),
        StandardCopyOption.REPLACE_EXISTING);
    return markdown;
  }
}
