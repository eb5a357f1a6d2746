package io.github.selectcolor.hdfssink.files;

import io.github.selectcolor.hdfssink.HdfsSinkProperties.Compression;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A temporary file receiving the records of one partition and one time bucket, until it is
 * committed by an atomic rename, after its {@link CommitLog} entry, or abandoned. Created without creating parents, so that an owner
 * whose claim directory was deleted by a later owner cannot write at all. Not thread-safe: its
 * worker's {@link BackgroundSync} is the only other thread that touches the stream.
 */
final class OpenFile {

  private static final Logger log = LoggerFactory.getLogger(OpenFile.class);
  private static final int BUFFER_BYTES = 64 * 1024;

  private final FileSystem fileSystem;
  private final Path path;
  private final FSDataOutputStream stream;
  private final OutputStream out;
  private final TimeBucket bucket;
  private final long firstOffset;
  private final Instant openedAt;
  private final BackgroundSync backgroundSync;
  private long lastOffset;
  private long records;
  private long appendedBytes;
  private long bytesAtLastSync;
  private CompletableFuture<Void> pendingSync;

  private OpenFile(FileSystem fileSystem, Path path, FSDataOutputStream stream, OutputStream out,
      BackgroundSync backgroundSync, TimeBucket bucket, long firstOffset, Instant openedAt) {
    this.fileSystem = fileSystem;
    this.path = path;
    this.stream = stream;
    this.out = out;
    this.backgroundSync = backgroundSync;
    this.bucket = bucket;
    this.firstOffset = firstOffset;
    this.lastOffset = firstOffset - 1;
    this.openedAt = openedAt;
  }

  static OpenFile create(FileSystem fileSystem, Path claimDirectory, TimeBucket bucket,
      long firstOffset, Compression compression, int gzipLevel, BackgroundSync backgroundSync,
      Instant now)
      throws IOException {
    Path path = new Path(claimDirectory, UUID.randomUUID() + compression.extension() + ".tmp");
    FSDataOutputStream stream = fileSystem.createNonRecursive(path, false, BUFFER_BYTES,
        fileSystem.getDefaultReplication(path), fileSystem.getDefaultBlockSize(path), null);
    // Buffered in front of the HDFS stream, whose writes are synchronized and checksummed per call.
    OutputStream out = compression == Compression.GZIP
        ? new LeveledGzipOutputStream(stream, gzipLevel)
        : new BufferedOutputStream(stream, BUFFER_BYTES);
    return new OpenFile(fileSystem, path, stream, out, backgroundSync, bucket, firstOffset, now);
  }

  void append(byte[] value, long offset) throws IOException {
    out.write(value);
    out.write('\n');
    lastOffset = offset;
    records++;
    appendedBytes += value.length + 1;
    if (backgroundSync.isDue(bytes() - bytesAtLastSync)) {
      syncInBackground();
    }
  }

  /** Starts a sync unless one is still running; a failed one fails this file now. */
  private void syncInBackground() throws IOException {
    if (pendingSync != null) {
      if (!pendingSync.isDone()) {
        return;
      }
      awaitBackgroundSync();
    }
    bytesAtLastSync = bytes();
    pendingSync = backgroundSync.sync(stream);
  }

  private void awaitBackgroundSync() throws IOException {
    if (pendingSync == null) {
      return;
    }
    try {
      pendingSync.get();
    } catch (ExecutionException e) {
      throw new IOException("Syncing " + path + " in the background failed.", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted while syncing " + path + ".");
    } finally {
      pendingSync = null;
    }
  }

  /** Covers an offset whose record went elsewhere (the dead-letter topic). */
  void cover(long offset) {
    lastOffset = offset;
  }

  /**
   * Syncs the file to the DataNodes, closes it, appends its entry to the partition's commit log
   * and renames it into {@code directory}. A false rename means the file is gone: a later owner of
   * the partition fenced this one.
   *
   * @return the entry naming the committed file
   */
  CommitRecord commit(Path directory, CommitLog commitLog, String topic, int partition,
      Compression compression, Runnable onSynced) throws IOException {
    awaitBackgroundSync();
    if (out instanceof GZIPOutputStream gzip) {
      gzip.finish();
    } else {
      out.flush();
    }
    stream.hsync();
    stream.close();
    CommittedFile name = new CommittedFile(topic, partition, firstOffset, lastOffset);
    CommitRecord record = new CommitRecord(bucket.relativePath(),
        name.fileName(compression.extension()), name);
    commitLog.append(path.getParent(), record);
    onSynced.run();
    fileSystem.mkdirs(directory);
    Path target = new Path(directory, record.fileName());
    if (!fileSystem.rename(path, target)) {
      throw new PartitionFencedException("Could not rename " + path + " to " + target
          + ": another owner of partition " + partition + " removed it, or the target exists.");
    }
    return record;
  }

  /** Closes the stream without committing; the next claim of the partition deletes the file. */
  void abandon() {
    if (pendingSync != null) {
      pendingSync.cancel(false);
    }
    try {
      out.close();
    } catch (IOException e) {
      log.debug("Closing the abandoned file {} failed, as expected when HDFS or the claim is gone.",
          path, e);
    }
  }

  long records() {
    return records;
  }

  /** Bytes written so far, as they land in HDFS: compressed bytes for gzip. */
  long bytes() {
    return out instanceof GZIPOutputStream ? stream.getPos() : appendedBytes;
  }

  TimeBucket bucket() {
    return bucket;
  }

  long lastOffset() {
    return lastOffset;
  }

  Instant openedAt() {
    return openedAt;
  }

  Path path() {
    return path;
  }

  /** A gzip stream at a chosen deflate level; {@link GZIPOutputStream} itself offers only its default. */
  private static final class LeveledGzipOutputStream extends GZIPOutputStream {

    LeveledGzipOutputStream(OutputStream out, int level) throws IOException {
      super(out, BUFFER_BYTES);
      def.setLevel(level);
    }
  }
}
