package io.github.selectcolor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.selectcolor.dashboard.DashboardProperties.ConsumerGroup;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class DashboardPropertiesTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
      .withUserConfiguration(PropertiesOnly.class);

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(DashboardProperties.class)
  static class PropertiesOnly {
  }

  @Test
  void defaultsToThePipelinesLocalEnginesAndItsTwoConsumerGroups() {
    runner.run(context -> {
      DashboardProperties properties = context.getBean(DashboardProperties.class);
      assertThat(properties.topic()).isEqualTo("select-color");
      assertThat(properties.refreshInterval()).isEqualTo(Duration.ofSeconds(2));
      assertThat(properties.latestEvents()).isEqualTo(20);
      assertThat(properties.snapshotMaxAge()).isEqualTo(Duration.ofSeconds(1));
      assertThat(properties.palette()).containsExactly("red", "yellow", "green", "blue", "orange",
          "purple", "pink", "black", "white");
      assertThat(properties.consumerGroups()).containsExactly(
          new ConsumerGroup("hdfs-sink", "HDFS sink"),
          new ConsumerGroup("connect-select-color-elasticsearch", "Elasticsearch connector"));
      assertThat(properties.elasticsearch().urls())
          .containsExactly(URI.create("http://localhost:9200"));
      assertThat(properties.elasticsearch().index()).isEqualTo("select-color");
      assertThat(properties.hdfs().fileSystem()).isEqualTo(URI.create("hdfs://localhost:9000"));
      assertThat(properties.hdfs().basePath()).isEqualTo("/data");
      assertThat(properties.hdfs().timeZone()).isEqualTo(ZoneId.of("UTC"));
    });
  }

  @Test
  void replacesTheDefaultGroupsWithTheConfiguredOnes() {
    runner.withPropertyValues("dashboard.consumer-groups[0].id=archive",
            "dashboard.consumer-groups[0].name=Archive")
        .run(context -> assertThat(context.getBean(DashboardProperties.class).consumerGroups())
            .containsExactly(new ConsumerGroup("archive", "Archive")));
  }

  @Test
  void reportsEveryInvalidSettingByKeyAtOnce() {
    runner.withPropertyValues("dashboard.topic=no spaces", "dashboard.latest-events=0",
            "dashboard.refresh-interval=10ms", "dashboard.source-timeout=0s",
            "dashboard.snapshot-max-age=-1s", "dashboard.palette[0]=Not A Color",
            "dashboard.consumer-groups[0].id=twice", "dashboard.consumer-groups[0].name=A",
            "dashboard.consumer-groups[1].id=twice", "dashboard.consumer-groups[1].name=",
            "dashboard.elasticsearch.urls=ftp://es:21", "dashboard.elasticsearch.index=",
            "dashboard.hdfs.base-path=data", "dashboard.hdfs.file-system=/no/scheme")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("dashboard.topic")
            .hasMessageContaining("latestEvents")
            .hasMessageContaining("refreshIntervalInRange")
            .hasMessageContaining("sourceTimeoutInRange")
            .hasMessageContaining("snapshotMaxAgeInRange")
            .hasMessageContaining("palette[0]")
            .hasMessageContaining("consumerGroupsDistinct")
            .hasMessageContaining("consumerGroups[1].name")
            .hasMessageContaining("elasticsearch.urlsHttp")
            .hasMessageContaining("elasticsearch.index")
            .hasMessageContaining("hdfs.basePath")
            .hasMessageContaining("hdfs.fileSystemAbsolute"));
  }

  @Test
  void keepsThePasswordOutOfToString() {
    runner.withPropertyValues("dashboard.elasticsearch.username=reader",
            "dashboard.elasticsearch.password=s3cret")
        .run(context -> assertThat(context.getBean(DashboardProperties.class).toString())
            .contains("reader").doesNotContain("s3cret"));
  }

  @Test
  void refusesCredentialsInAnElasticsearchUrlWithoutRepeatingThem() {
    runner.withPropertyValues("dashboard.elasticsearch.urls=http://reader:s3cret@es:9200")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("elasticsearch.urlsWithoutCredentials")
            .hasMessageContaining("set dashboard.elasticsearch.username and "
                + "dashboard.elasticsearch.password instead")
            .message().doesNotContain("s3cret"));
  }

  @Test
  void keepsAnEmptyListOfConsumerGroupsEmpty() {
    DashboardProperties properties = new DashboardProperties("select-color", Duration.ofSeconds(2),
        20, Duration.ofSeconds(1), Duration.ofSeconds(3), List.of("red"), List.of(), null, null);
    assertThat(properties.consumerGroups()).isEmpty();
  }
}
