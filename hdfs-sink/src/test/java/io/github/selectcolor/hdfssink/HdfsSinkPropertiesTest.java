package io.github.selectcolor.hdfssink;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

class HdfsSinkPropertiesTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
      .withUserConfiguration(PropertiesOnly.class);

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(HdfsSinkProperties.class)
  static class PropertiesOnly {
  }

  @Test
  void defaultsToTheBooksTopicAndNameNodeWithThreeWorkers() {
    runner.run(context -> {
      HdfsSinkProperties properties = context.getBean(HdfsSinkProperties.class);
      assertThat(properties.topic()).isEqualTo("select-color");
      assertThat(properties.workers()).isEqualTo(3);
      assertThat(properties.fileSystem()).isEqualTo(URI.create("hdfs://localhost:9000"));
      assertThat(properties.roll().maxBytes()).isEqualTo(DataSize.ofMegabytes(128));
      assertThat(properties.roll().maxAge()).isEqualTo(Duration.ofSeconds(60));
      assertThat(properties.compression()).isEqualTo(HdfsSinkProperties.Compression.NONE);
      assertThat(properties.gzipLevel()).isEqualTo(6);
      assertThat(properties.syncBehind()).isEqualTo(DataSize.ofMegabytes(8));
      assertThat(properties.timeZone()).isEqualTo(ZoneId.of("UTC"));
      assertThat(properties.deadLetterTopic()).isEqualTo("select-color.dlq");
      assertThat(properties.dedup().window()).isEqualTo(Duration.ofHours(24));
      assertThat(properties.dedup().maxEventIds()).isEqualTo(1_000_000);
    });
  }

  @Test
  void reportsEveryInvalidSettingByKeyAtOnce() {
    runner.withPropertyValues("hdfs-sink.workers=0", "hdfs-sink.base-path=data",
            "hdfs-sink.file-system=/no/scheme", "hdfs-sink.poll-timeout=2m",
            "hdfs-sink.roll.max-records=0", "hdfs-sink.retry.initial-backoff=1m",
            "hdfs-sink.dead-letter-topic=select-color", "hdfs-sink.sync-behind=-1B",
            "hdfs-sink.dedup.window=0s", "hdfs-sink.dedup.max-event-ids=-1",
            "hdfs-sink.gzip-level=10")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("workers")
            .hasMessageContaining("basePath")
            .hasMessageContaining("fileSystemAbsolute")
            .hasMessageContaining("pollTimeoutShorterThanMaxAge")
            .hasMessageContaining("roll.maxRecords")
            .hasMessageContaining("retry.ordered")
            .hasMessageContaining("deadLetterTopicSeparate")
            .hasMessageContaining("syncBehindNotNegative")
            .hasMessageContaining("dedup.windowInRange")
            .hasMessageContaining("dedup.maxEventIds")
            .hasMessageContaining("gzipLevel"));
  }

  @Test
  void refusesAnUnknownCompression() {
    runner.withPropertyValues("hdfs-sink.compression=zip")
        .run(context -> assertThat(context).hasFailed());
  }
}
