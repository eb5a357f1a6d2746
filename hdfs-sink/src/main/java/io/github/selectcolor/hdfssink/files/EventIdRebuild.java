package io.github.selectcolor.hdfssink.files;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.github.selectcolor.event.EventTimes;
import io.github.selectcolor.hdfssink.HdfsSinkProperties;
import io.github.selectcolor.hdfssink.dedup.EventFields;
import io.github.selectcolor.hdfssink.dedup.EventIdWindow;
import io.github.selectcolor.hdfssink.files.PartitionClaims.DataFile;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a claimed partition's {@link EventIdWindow} from what HDFS holds: its committed data
 * files, newest first, until the window is full or a file lies wholly before the time bound, a
 * window before the newest line read (with an id or without). A line's time is its
 * {@code receivedAt}, else its file's modification time, which is later than any record the file
 * holds; the window bounds it by the sink's clock. Lines are read with Jackson's streaming parser
 * up to the two fields it needs, by the rule landing reads them with ({@link EventFields}). One
 * per claim, in the worker's thread.
 */
public final class EventIdRebuild {

  private static final Logger log = LoggerFactory.getLogger(EventIdRebuild.class);
  private static final int CHUNK_BYTES = 64 * 1024;

  private final FileSystem fileSystem;
  private final HdfsSinkProperties.Dedup settings;
  private final Clock clock;
  private final JsonFactory jsonFactory = JsonFactory.builder().build();
  private final FileIds fileIds = new FileIds();
  private final EventFields fields = new EventFields();
  /** The newest time of any line this rebuild has read, with an id or without. */
  private long newestLineTime;

  public EventIdRebuild(FileSystem fileSystem, HdfsSinkProperties.Dedup settings, Clock clock) {
    this.fileSystem = fileSystem;
    this.settings = settings;
    this.clock = clock;
  }

  /** A window holding the ids of the partition's newest committed files, within both bounds. */
  public EventIdWindow rebuild(TopicPartition partition, List<DataFile> newestFirst)
      throws IOException {
    EventIdWindow window = new EventIdWindow(settings.maxEventIds(), settings.window(), clock);
    if (settings.maxEventIds() == 0 || newestFirst.isEmpty()) {
      return window;
    }
    long started = System.nanoTime();
    newestLineTime = Long.MIN_VALUE;
    int filesRead = 0;
    long bytesRead = 0;
    for (DataFile file : newestFirst) {
      if (window.isFull()) {
        break;
      }
      Optional<FileStatus> status = status(file);
      if (status.isEmpty()) {
        continue;
      }
      if (isBeforeWindow(window, status.get().getModificationTime())) {
        break;
      }
      read(status.get());
      filesRead++;
      bytesRead += status.get().getLen();
      if (!addOlder(window)) {
        break;
      }
    }
    log.info("Rebuilt the event-id window of partition {} from {} of its {} committed files ({}"
        + " bytes) in {} ms: it holds {} event ids, the newest received at {}.", partition,
        filesRead, newestFirst.size(), bytesRead,
        Duration.ofNanos(System.nanoTime() - started).toMillis(), window.size(),
        window.size() > 0 ? Instant.ofEpochMilli(window.newestMillis()) : "none");
    return window;
  }

  /**
   * True when a file modified at this time holds only lines more than the window before the
   * newest line read. That is the window's end, or later when the newest lines have no id: lines
   * without ids count too, so that a partition whose files hold none is read for one window, not
   * to its first file.
   */
  private boolean isBeforeWindow(EventIdWindow window, long modifiedMillis) {
    return window.isWindowBefore(modifiedMillis, newestLineTime);
  }

  /**
   * Adds the file's ids, newest first, as older than those held.
   *
   * @return false when no older file can add any: the window is full, or the file held ids and
   *         all were before the window
   */
  private boolean addOlder(EventIdWindow window) {
    boolean anyInWindow = false;
    for (int at = fileIds.count - 1; at >= 0; at--) {
      long time = fileIds.times[at];
      anyInWindow |= !window.isBeforeWindow(time);
      if (!window.addOlder(fileIds.highs[at], fileIds.lows[at], time)) {
        return false;
      }
    }
    return anyInWindow || fileIds.count == 0;
  }

  /** The file's length and time; empty when it was deleted since it was committed. */
  private Optional<FileStatus> status(DataFile file) throws IOException {
    try {
      return Optional.of(fileSystem.getFileStatus(file.path()));
    } catch (FileNotFoundException e) {
      log.debug("Passed over {}, a committed file deleted since.", file.path());
      return Optional.empty();
    }
  }

  private void read(FileStatus file) throws IOException {
    fileIds.count = 0;
    long fallbackTime = file.getModificationTime();
    boolean gzip = file.getPath().getName().endsWith(".gz");
    try (InputStream raw = fileSystem.open(file.getPath());
        InputStream in = gzip ? new GZIPInputStream(raw, CHUNK_BYTES) : raw) {
      byte[] chunk = new byte[CHUNK_BYTES];
      byte[] partial = new byte[1024];
      int partialLength = 0;
      for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
        int start = 0;
        for (int at = 0; at < read; at++) {
          if (chunk[at] != '\n') {
            continue;
          }
          if (partialLength == 0) {
            readLine(chunk, start, at - start, fallbackTime);
          } else {
            partial = append(partial, partialLength, chunk, start, at - start);
            readLine(partial, 0, partialLength + at - start, fallbackTime);
            partialLength = 0;
          }
          start = at + 1;
        }
        partial = append(partial, partialLength, chunk, start, read - start);
        partialLength += read - start;
      }
    }
  }

  private static byte[] append(byte[] to, int length, byte[] from, int offset, int count) {
    byte[] grown = length + count <= to.length ? to
        : Arrays.copyOf(to, Math.max(2 * to.length, length + count));
    System.arraycopy(from, offset, grown, length, count);
    return grown;
  }

  /**
   * Notes the line's event id, if it has one that is a UUID, and its time. Its fields are read as
   * when the record was landed, so the id is the one the window held then.
   */
  private void readLine(byte[] bytes, int offset, int length, long fallbackTime)
      throws IOException {
    try (JsonParser parser = jsonFactory.createParser(bytes, offset, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return;
      }
      fields.reset();
      while (!fields.isComplete() && parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        fields.read(parser, name, parser.nextToken());
      }
      long time = fields.receivedAt() == null ? fallbackTime
          : receivedMillis(fields.receivedAt(), fallbackTime);
      newestLineTime = Math.max(newestLineTime, time);
      if (fields.hasEventId()) {
        fileIds.add(fields.eventIdHigh(), fields.eventIdLow(), time);
      }
    } catch (JsonProcessingException e) {
      // The sink wrote only JSON objects; a line that is not one holds no id to guard.
      log.debug("Passed over a line of a committed file that is not JSON: {}", e.getOriginalMessage());
    }
  }

  private static long receivedMillis(String receivedAt, long fallbackTime) {
    try {
      return EventTimes.parse(receivedAt).toInstant().toEpochMilli();
    } catch (DateTimeException | ArithmeticException e) {
      // As when landing: a receivedAt that is not a time did not place the record.
      return fallbackTime;
    }
  }

  /** The ids of one file in line order, in arrays reused from file to file. */
  private static final class FileIds {
    private long[] highs = new long[1024];
    private long[] lows = new long[1024];
    private long[] times = new long[1024];
    private int count;

    void add(long high, long low, long time) {
      if (count == highs.length) {
        highs = Arrays.copyOf(highs, 2 * count);
        lows = Arrays.copyOf(lows, 2 * count);
        times = Arrays.copyOf(times, 2 * count);
      }
      highs[count] = high;
      lows[count] = low;
      times[count] = time;
      count++;
    }
  }
}
