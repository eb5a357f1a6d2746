package io.github.selectcolor.bench.hdfs;

import io.github.selectcolor.bench.hdfs.PlainConsumerCeiling.RecordHandler;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The HDFS write ceiling: a plain consumer per partition writing each record's bytes and a newline
 * to HDFS files of the sink's roll size, each file synced ({@code hsync}) and closed when full,
 * as the sink commits its files, and nothing else: no JSON check, no event ids, no rename, no
 * offsets. Its client is configured as the sink's is by default. Not thread-safe: one run at a
 * time.
 */
final class HdfsWriteCeiling {

  private static final int BUFFER_BYTES = 64 * 1024;

  private final PlainConsumerCeiling consumers;
  private final URI fileSystemUri;

  HdfsWriteCeiling(PlainConsumerCeiling consumers, URI fileSystemUri) {
    this.consumers = consumers;
    this.fileSystemUri = fileSystemUri;
  }

  Throughput run(String name, int partitions, long recordsPerFile)
      throws IOException, InterruptedException {
    try (FileSystem fileSystem = FileSystem.newInstance(fileSystemUri, new Configuration())) {
      Path directory = new Path("/bench/" + name);
      fileSystem.mkdirs(directory);
      return consumers.readWithConsumerPerPartition(partitions, partition ->
          new FileRoller(fileSystem, directory, partition, recordsPerFile));
    }
  }

  /** Writes one partition's records into files of a fixed record count. */
  private static final class FileRoller implements RecordHandler {

    private final FileSystem fileSystem;
    private final Path directory;
    private final int partition;
    private final long recordsPerFile;
    private FSDataOutputStream stream;
    private BufferedOutputStream out;
    private long inFile;
    private int files;

    FileRoller(FileSystem fileSystem, Path directory, int partition, long recordsPerFile) {
      this.fileSystem = fileSystem;
      this.directory = directory;
      this.partition = partition;
      this.recordsPerFile = recordsPerFile;
    }

    @Override
    public void record(ConsumerRecord<byte[], byte[]> record) throws IOException {
      if (stream == null) {
        open();
      }
      out.write(record.value());
      out.write('\n');
      if (++inFile == recordsPerFile) {
        syncAndClose();
      }
    }

    @Override
    public void end() throws IOException {
      if (stream != null) {
        syncAndClose();
      }
    }

    private void open() throws IOException {
      stream = fileSystem.create(new Path(directory, partition + "-" + files++ + ".jsonl"), false,
          BUFFER_BYTES);
      out = new BufferedOutputStream(stream, BUFFER_BYTES);
      inFile = 0;
    }

    private void syncAndClose() throws IOException {
      out.flush();
      stream.hsync();
      stream.close();
      stream = null;
    }
  }
}
