package io.github.selectcolor.hdfssink;

import io.github.selectcolor.hdfssink.dedup.EventIdWindow;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The sink's own settings, under {@code hdfs-sink.*}. Kafka client settings stay under Spring Boot's
 * {@code spring.kafka.*} (the group is {@code spring.kafka.consumer.group-id}). Checked once at
 * start-up; every violation is reported by key.
 *
 * @param topic            the topic to land, {@code select-color} as in the book
 * @param workers          worker threads, each with a KafkaConsumer of its own; more than the
 *                         topic's partitions leaves some idle
 * @param fileSystem       the HDFS to write to, such as {@code hdfs://namenode:9000}
 * @param basePath         the absolute directory under which {@code <topic>/dt=../hour=..} lives
 * @param roll             when an open file is committed
 * @param compression      {@code none} writes {@code .jsonl} files, {@code gzip} {@code .jsonl.gz}
 * @param syncBehind       bytes after which an open file is synced to the DataNodes' disks in the
 *                         background, so that the sync at commit is short; 0 syncs at commit only
 * @param timeZone         the zone of the {@code dt=} and {@code hour=} directories
 * @param deadLetterTopic  where records that are not UTF-8 JSON objects go, with the reason
 * @param pollTimeout      the longest one poll of Kafka waits; shorter than {@code roll.max-age}
 * @param retry            the back-off between attempts while HDFS or Kafka fails
 * @param shutdownTimeout  how long a shutdown waits for open files to be committed
 * @param hadoop           extra Hadoop client settings, such as {@code dfs.replication}
 * @param dedup            the window of recently landed event ids a copy is dropped against
 * @param gzipLevel        the deflate level of {@code gzip} files, 1 (fastest, largest) to 9
 *                         (slowest, smallest); 6 is the JDK's and gzip's own default
 */
@Validated
@ConfigurationProperties("hdfs-sink")
public record HdfsSinkProperties(
    @NotBlank @Pattern(regexp = "[a-zA-Z0-9._-]{1,249}") @DefaultValue("select-color") String topic,
    @Min(1) @Max(256) @DefaultValue("3") int workers,
    @NotNull @DefaultValue("hdfs://localhost:9000") URI fileSystem,
    @NotBlank @Pattern(regexp = "/.*", message = "must be an absolute path such as /data")
    @DefaultValue("/data") String basePath,
    @Valid @NotNull @DefaultValue Roll roll,
    @NotNull @DefaultValue("none") Compression compression,
    @NotNull @DefaultValue("8MB") DataSize syncBehind,
    @NotNull @DefaultValue("UTC") ZoneId timeZone,
    @NotBlank @Pattern(regexp = "[a-zA-Z0-9._-]{1,249}") @DefaultValue("select-color.dlq")
    String deadLetterTopic,
    @NotNull @DefaultValue("500ms") Duration pollTimeout,
    @Valid @NotNull @DefaultValue Retry retry,
    @NotNull @DefaultValue("30s") Duration shutdownTimeout,
    @NotNull @DefaultValue({}) Map<String, String> hadoop,
    @Valid @NotNull @DefaultValue Dedup dedup,
    @Min(1) @Max(9) @DefaultValue("6") int gzipLevel) {

  @AssertTrue(message = "hdfs-sink.poll-timeout must be positive and shorter than hdfs-sink.roll.max-age")
  public boolean isPollTimeoutShorterThanMaxAge() {
    return pollTimeout == null || roll == null || roll.maxAge() == null
        || (pollTimeout.toMillis() > 0 && pollTimeout.compareTo(roll.maxAge()) < 0);
  }

  @AssertTrue(message = "must name a scheme and authority, such as hdfs://namenode:9000")
  public boolean isFileSystemAbsolute() {
    return fileSystem == null || (fileSystem.getScheme() != null && fileSystem.getAuthority() != null);
  }

  @AssertTrue(message = "hdfs-sink.sync-behind must not be negative")
  public boolean isSyncBehindNotNegative() {
    return syncBehind == null || !syncBehind.isNegative();
  }

  @AssertTrue(message = "hdfs-sink.dead-letter-topic must differ from hdfs-sink.topic")
  public boolean isDeadLetterTopicSeparate() {
    return topic == null || !topic.equals(deadLetterTopic);
  }

  /**
   * @param maxRecords records after which a file is committed
   * @param maxBytes   bytes (as written, after compression) after which a file is committed
   * @param maxAge     how long a file stays open at most, also when its partition is idle
   */
  public record Roll(
      @Min(1) @DefaultValue("1000000") long maxRecords,
      @NotNull @DefaultValue("128MB") DataSize maxBytes,
      @NotNull @DefaultValue("60s") Duration maxAge) {

    @AssertTrue(message = "hdfs-sink.roll.max-bytes and max-age must be positive")
    public boolean isPositive() {
      return maxBytes == null || maxAge == null
          || (maxBytes.toBytes() > 0 && !maxAge.isNegative() && !maxAge.isZero());
    }
  }

  /**
   * @param initialBackoff the wait after the first failure
   * @param maxBackoff     the longest wait; the wait doubles up to it, with jitter
   */
  public record Retry(
      @NotNull @DefaultValue("500ms") Duration initialBackoff,
      @NotNull @DefaultValue("30s") Duration maxBackoff) {

    @AssertTrue(message = "hdfs-sink.retry.initial-backoff must be positive and at most max-backoff")
    public boolean isOrdered() {
      return initialBackoff == null || maxBackoff == null
          || (initialBackoff.toMillis() > 0 && initialBackoff.compareTo(maxBackoff) <= 0);
    }
  }

  /**
   * @param window      how long before the newest record of a partition (by the time that places
   *                    records in hours, at most an hour past the sink's clock) an event id is
   *                    still held
   * @param maxEventIds event ids held per partition at most, the oldest going first; 0 turns
   *                    de-duplication off
   */
  public record Dedup(
      @NotNull @DefaultValue("24h") Duration window,
      @Min(0) @Max(EventIdWindow.MAX_IDS) @DefaultValue("1000000") int maxEventIds) {

    private static final Duration MAX_WINDOW = Duration.ofDays(3650);

    @AssertTrue(message = "hdfs-sink.dedup.window must be positive and at most 3650 days")
    public boolean isWindowInRange() {
      return window == null
          || (!window.isNegative() && !window.isZero() && window.compareTo(MAX_WINDOW) <= 0);
    }
  }

  /** How committed files are encoded. */
  public enum Compression {
    NONE(".jsonl"),
    GZIP(".jsonl.gz");

    private final String extension;

    Compression(String extension) {
      this.extension = extension;
    }

    public String extension() {
      return extension;
    }
  }
}
