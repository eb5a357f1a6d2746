package io.github.selectcolor.hdfssink.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.hadoop.fs.Syncable;
import org.springframework.util.unit.DataSize;

/**
 * Syncs open files to the DataNodes' disks while the worker goes on writing, every
 * {@code hdfs-sink.sync-behind} bytes. Without it a DataNode keeps a whole file in the page cache
 * until the sync at commit, and every worker then waits for the disk at once. HDFS lets one
 * thread sync a stream while another writes to it (HDFS-895, which HBase's write-ahead log relies
 * on). One per worker, with one thread of its own.
 */
public final class BackgroundSync implements AutoCloseable {

  private final long everyBytes;
  private final ExecutorService thread;

  /**
   * @param threadName the name of the syncing thread
   * @param every      bytes between syncs; zero syncs only at commit
   */
  public BackgroundSync(String threadName, DataSize every) {
    this.everyBytes = every.toBytes();
    this.thread = Executors.newSingleThreadExecutor(runnable -> {
      Thread syncing = new Thread(runnable, threadName);
      syncing.setDaemon(true);
      return syncing;
    });
  }

  boolean isDue(long bytesSinceLastSync) {
    return everyBytes > 0 && bytesSinceLastSync >= everyBytes;
  }

  CompletableFuture<Void> sync(Syncable stream) {
    return CompletableFuture.runAsync(() -> {
      try {
        stream.hsync();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, thread);
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
