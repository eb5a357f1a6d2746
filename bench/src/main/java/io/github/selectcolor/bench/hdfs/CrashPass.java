package io.github.selectcolor.bench.hdfs;

import io.github.selectcolor.bench.Poll;
import io.github.selectcolor.bench.cluster.ManagedProcess;
import io.github.selectcolor.bench.cluster.ProcessGroup;
import io.github.selectcolor.bench.cluster.ProcessSpec;
import io.github.selectcolor.bench.faults.HdfsAudit;
import io.github.selectcolor.bench.faults.StoreContents;
import io.github.selectcolor.bench.hdfs.book.BookHdfsConsumer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cost of each design in one line: the book's consumer and the sink each run as a process of
 * their own over the whole topic, are crashed with {@code kill -9} once half of the topic's bytes
 * are in their HDFS folder, are started again, and are stopped with SIGTERM once they have caught
 * up; then every line in their folder is read and compared with the events the topic holds.
 */
final class CrashPass {

  private static final Logger log = LoggerFactory.getLogger(CrashPass.class);
  private static final Duration DEADLINE = Duration.ofMinutes(10);
  private static final Duration CHECK_INTERVAL = Duration.ofMillis(200);
  private static final Duration STOP_GRACE = Duration.ofSeconds(60);

  private final String bootstrapServers;
  private final URI hdfs;
  private final String topic;
  private final Path runDirectory;
  private final Path benchJar;
  private final Path sinkJar;

  CrashPass(String bootstrapServers, URI hdfs, String topic, Path runDirectory, Path benchJar,
      Path sinkJar) {
    this.bootstrapServers = bootstrapServers;
    this.hdfs = hdfs;
    this.topic = topic;
    this.runDirectory = runDirectory;
    this.benchJar = benchJar;
    this.sinkJar = sinkJar;
  }

  CrashOutcome book(int partitions, long perPartition, long eventBytes) throws Exception {
    String group = "book-crash";
    String folder = "/bench/" + group + "/data";
    List<String> command = List.of(java(), "-Xmx1g", "-Dloader.main="
        + BookHdfsConsumer.class.getName(), "-jar", benchJar.toString(), bootstrapServers,
        hdfs.toString(), topic, group, folder);
    ProcessSpec spec = new ProcessSpec(group, command, runDirectory, Map.of(),
        runDirectory.resolve(group + ".log"));
    crashAndCatchUp(spec, folder, partitions * perPartition * (eventBytes + 1) / 2,
        () -> lag(group));
    return audit("the book's consumer", folder, ".log", partitions, perPartition);
  }

  CrashOutcome sink(int partitions, long perPartition, long eventBytes, long recordsPerFile)
      throws Exception {
    String name = "sink-crash";
    String base = "/bench/" + name;
    long bytes = partitions * perPartition * (eventBytes + 1);
    List<String> command = new ArrayList<>(List.of(java(), "-Xmx1g", "-jar", sinkJar.toString(),
        "--spring.kafka.bootstrap-servers=" + bootstrapServers, "--server.port=0",
        "--server.address=127.0.0.1", "--spring.kafka.consumer.group-id=" + name,
        "--hdfs-sink.topic=" + topic, "--hdfs-sink.dead-letter-topic=" + topic + ".dlq",
        "--hdfs-sink.file-system=" + hdfs, "--hdfs-sink.base-path=" + base,
        "--hdfs-sink.workers=" + partitions, "--hdfs-sink.roll.max-records=" + recordsPerFile,
        "--hdfs-sink.roll.max-age=5s", "--hdfs-sink.compression=none"));
    ProcessSpec spec = new ProcessSpec(name, command, runDirectory, Map.of(),
        runDirectory.resolve(name + ".log"));
    String folder = base + "/" + topic;
    try (FileSystem fileSystem = FileSystem.newInstance(hdfs, new Configuration())) {
      crashAndCatchUp(spec, folder, bytes / 2, () -> bytes - length(fileSystem, folder));
    }
    return audit("hdfs-sink", folder, ".jsonl", partitions, perPartition);
  }

  /**
   * Starts the process, kills it once the folder holds the bytes, starts it again and stops it
   * once nothing is left to do by its own measure.
   */
  private void crashAndCatchUp(ProcessSpec spec, String folder, long killAtBytes,
      LongSupplier left) throws Exception {
    try (ProcessGroup group = new ProcessGroup(STOP_GRACE);
        FileSystem fileSystem = FileSystem.newInstance(hdfs, new Configuration())) {
      ManagedProcess process = group.add(spec).start();
      Poll.until(() -> length(fileSystem, folder) >= killAtBytes, CHECK_INTERVAL, DEADLINE,
          spec.name() + " holding " + killAtBytes + " bytes in " + folder);
      process.kill();
      log.info("Killed {} with kill -9 at {} bytes in {}; starting it again.", spec.name(),
          length(fileSystem, folder), folder);
      process.start();
      try {
        Poll.until(() -> left.getAsLong() <= 0, CHECK_INTERVAL, DEADLINE,
            spec.name() + " catching up");
      } catch (IllegalStateException e) {
        log.warn("{} did not catch up within {} minutes; its files are read as they are.",
            spec.name(), DEADLINE.toMinutes(), e);
      }
      process.terminate(STOP_GRACE);
    }
  }

  private CrashOutcome audit(String subject, String folder, String extension, int partitions,
      long perPartition) throws IOException {
    try (HdfsAudit files = HdfsAudit.ofFolder(hdfs, folder, extension)) {
      StoreContents contents = files.read();
      long missing = 0;
      for (int partition = 0; partition < partitions; partition++) {
        for (long index = 0; index < perPartition; index++) {
          if (!contents.copies().containsKey(new UUID(partition, index).toString())) {
            missing++;
          }
        }
      }
      long duplicates = contents.recordCount() - contents.copies().size();
      CrashOutcome outcome = new CrashOutcome(subject, partitions * perPartition, missing,
          duplicates, contents.tornCount());
      log.info("After one kill -9: {}", outcome);
      return outcome;
    }
  }

  /** Records of the topic the group has not committed, counting unread partitions whole. */
  private long lag(String group) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrapServers))) {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (TopicPartition partition : committed.keySet()) {
        latest.put(partition, OffsetSpec.latest());
      }
      if (committed.isEmpty()) {
        return Long.MAX_VALUE;
      }
      long lag = 0;
      for (var end : admin.listOffsets(latest).all().get().entrySet()) {
        OffsetAndMetadata at = committed.get(end.getKey());
        lag += end.getValue().offset() - (at == null ? 0 : at.offset());
      }
      return committed.size() < HdfsSinkBench.PARTITIONS ? Long.MAX_VALUE : lag;
    } catch (ExecutionException e) {
      throw new IllegalStateException("Could not read the offsets of group " + group + ".",
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading the offsets of " + group + ".", e);
    }
  }

  private static long length(FileSystem fileSystem, String folder) {
    try {
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(folder);
      return fileSystem.exists(path) ? fileSystem.getContentSummary(path).getLength() : 0;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not measure " + folder + ".", e);
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * What one design's folder held after one {@code kill -9} in the middle of a pass.
   *
   * @param subject    the design
   * @param records    events in the topic, each with an event id of its own
   * @param missing    events of the topic with no line in HDFS
   * @param duplicates lines beyond the first of each event
   * @param torn       lines cut short
   */
  record CrashOutcome(String subject, long records, long missing, long duplicates, long torn) {
  }
}
