package io.github.selectcolor.bench.hdfs;

import io.github.selectcolor.bench.hdfs.PlainConsumerCeiling.RecordHandler;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The HDFS write ceiling: a plain consumer per partition writing each record's bytes and a newline
 * to HDFS files of the sink's roll size, each file synced ({@code hsync}) and closed when full,
 * as the sink commits its files, and nothing else: no JSON check, no event ids, no rename, no
 * offsets. Its client is configured as the sink's is by default. Optionally it also syncs each
 * file in the background every so many bytes, as the sink does by default
 * ({@code hdfs-sink.sync-behind}), so that the sync at close is short: the ceiling of the sink's
 * own way of writing. Not thread-safe: one run at a time.
 */
final class HdfsWriteCeiling {

  private static final int BUFFER_BYTES = 64 * 1024;

  private final PlainConsumerCeiling consumers;
  private final URI fileSystemUri;

  HdfsWriteCeiling(PlainConsumerCeiling consumers, URI fileSystemUri) {
    this.consumers = consumers;
    this.fileSystemUri = fileSystemUri;
  }

  /**
   * @param syncBehindBytes bytes after which an open file is synced in the background; 0 syncs
   *                        only at close
   */
  Throughput run(String name, int partitions, long recordsPerFile, long syncBehindBytes)
      throws IOException, InterruptedException {
    ExecutorService syncs = Executors.newFixedThreadPool(partitions,
        runnable -> new Thread(runnable, "ceiling-sync"));
    try (FileSystem fileSystem = FileSystem.newInstance(fileSystemUri, new Configuration())) {
      Path directory = new Path("/bench/" + name);
      fileSystem.mkdirs(directory);
      return consumers.readWithConsumerPerPartition(partitions, partition ->
          new FileRoller(fileSystem, directory, partition, recordsPerFile, syncBehindBytes,
              syncs));
    } finally {
      syncs.shutdownNow();
    }
  }

  /** Writes one partition's records into files of a fixed record count. */
  private static final class FileRoller implements RecordHandler {

    private final FileSystem fileSystem;
    private final Path directory;
    private final int partition;
    private final long recordsPerFile;
    private final long syncBehindBytes;
    private final ExecutorService syncs;
    private FSDataOutputStream stream;
    private BufferedOutputStream out;
    private long inFile;
    private long bytesInFile;
    private long bytesAtLastSync;
    private Future<?> pendingSync;
    private int files;

    FileRoller(FileSystem fileSystem, Path directory, int partition, long recordsPerFile,
        long syncBehindBytes, ExecutorService syncs) {
      this.fileSystem = fileSystem;
      this.directory = directory;
      this.partition = partition;
      this.recordsPerFile = recordsPerFile;
      this.syncBehindBytes = syncBehindBytes;
      this.syncs = syncs;
    }

    @Override
    public void record(ConsumerRecord<byte[], byte[]> record) throws IOException {
      if (stream == null) {
        open();
      }
      out.write(record.value());
      out.write('\n');
      bytesInFile += record.value().length + 1;
      if (syncBehindBytes > 0 && bytesInFile - bytesAtLastSync >= syncBehindBytes
          && (pendingSync == null || pendingSync.isDone())) {
        bytesAtLastSync = bytesInFile;
        FSDataOutputStream syncing = stream;
        pendingSync = syncs.submit(() -> {
          syncing.hsync();
          return null;
        });
      }
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
      bytesInFile = 0;
      bytesAtLastSync = 0;
    }

    private void syncAndClose() throws IOException {
      awaitPendingSync();
      out.flush();
      stream.hsync();
      stream.close();
      stream = null;
    }

    private void awaitPendingSync() throws IOException {
      if (pendingSync == null) {
        return;
      }
      try {
        pendingSync.get();
      } catch (ExecutionException e) {
        throw new IOException("A background sync of partition " + partition + " failed.",
            e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("Interrupted while syncing partition " + partition
            + ".");
      } finally {
        pendingSync = null;
      }
    }
  }
}
