package io.github.selectcolor.dashboard;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The dashboard's own settings, under {@code dashboard.*}. Kafka client settings stay under Spring
 * Boot's {@code spring.kafka.*}. Checked once at start-up; every violation is reported by key.
 *
 * @param topic           the topic whose consumer groups' lag is shown, {@code select-color}
 * @param refreshInterval how often the page asks for a new snapshot
 * @param latestEvents    how many of the latest events the snapshot lists
 * @param snapshotMaxAge  how long one snapshot answers every request, so that many open pages
 *                        cost one refresh of the data sources per this interval
 * @param sourceTimeout   the longest one data source may take per refresh before that part of
 *                        the snapshot says it is unavailable
 * @param palette         the page's colors, listed first and in this order, with 0 when unpicked
 * @param consumerGroups  the groups whose lag is shown, each with a display name; by default the
 *                        HDFS sink's and the Elasticsearch connector's
 * @param elasticsearch   where the indexed events are
 * @param hdfs            where the HDFS sink commits its files
 */
@Validated
@ConfigurationProperties("dashboard")
public record DashboardProperties(
    @NotBlank @Pattern(regexp = "[a-zA-Z0-9._-]{1,249}") @DefaultValue("select-color") String topic,
    @NotNull @DefaultValue("2s") Duration refreshInterval,
    @Min(1) @Max(100) @DefaultValue("20") int latestEvents,
    @NotNull @DefaultValue("1s") Duration snapshotMaxAge,
    @NotNull @DefaultValue("3s") Duration sourceTimeout,
    @NotEmpty @DefaultValue({"red", "yellow", "green", "blue", "orange", "purple", "pink", "black",
        "white"}) List<@Pattern(regexp = "[a-z][a-z0-9-]{0,31}") String> palette,
    @Size(max = 20) List<@Valid ConsumerGroup> consumerGroups,
    @Valid @NotNull @DefaultValue Elasticsearch elasticsearch,
    @Valid @NotNull @DefaultValue Hdfs hdfs) {

  /** The groups shown when none are configured: the pipeline's two consumers of the topic. */
  public static final List<ConsumerGroup> DEFAULT_CONSUMER_GROUPS = List.of(
      new ConsumerGroup("hdfs-sink", "HDFS sink"),
      new ConsumerGroup("connect-select-color-elasticsearch", "Elasticsearch connector"));

  public DashboardProperties {
    // A list of objects cannot have a @DefaultValue; an empty list (no groups) stays allowed.
    consumerGroups = consumerGroups == null ? DEFAULT_CONSUMER_GROUPS : List.copyOf(consumerGroups);
  }

  @AssertTrue(message = "dashboard.refresh-interval must be between 200 ms and 1 h")
  public boolean isRefreshIntervalInRange() {
    return refreshInterval == null || (refreshInterval.toMillis() >= 200
        && refreshInterval.compareTo(Duration.ofHours(1)) <= 0);
  }

  @AssertTrue(message = "dashboard.snapshot-max-age must be between 0 and 1 min")
  public boolean isSnapshotMaxAgeInRange() {
    return snapshotMaxAge == null || (!snapshotMaxAge.isNegative()
        && snapshotMaxAge.compareTo(Duration.ofMinutes(1)) <= 0);
  }

  @AssertTrue(message = "dashboard.source-timeout must be between 100 ms and 60 s")
  public boolean isSourceTimeoutInRange() {
    return sourceTimeout == null || (sourceTimeout.toMillis() >= 100
        && sourceTimeout.compareTo(Duration.ofSeconds(60)) <= 0);
  }

  @AssertTrue(message = "dashboard.consumer-groups must not name a group twice")
  public boolean isConsumerGroupsDistinct() {
    Set<String> ids = consumerGroups.stream().map(ConsumerGroup::id).collect(Collectors.toSet());
    return ids.size() == consumerGroups.size();
  }

  /**
   * @param id   the group id, such as {@code hdfs-sink}
   * @param name what the page calls it, such as {@code HDFS sink}
   */
  public record ConsumerGroup(@NotBlank String id, @NotBlank String name) {
  }

  /**
   * @param urls     the nodes to ask, such as {@code https://es1:9200}
   * @param index    the index or alias holding the events, {@code select-color}: the alias the
   *                 connector's daily indices belong to
   * @param username who to authenticate as; empty sends no credentials
   * @param password the password of that user; never logged
   */
  public record Elasticsearch(
      @NotEmpty @DefaultValue("http://localhost:9200") List<@NotNull URI> urls,
      @NotBlank @DefaultValue("select-color") String index,
      @DefaultValue("") String username,
      @DefaultValue("") String password) {

    @AssertTrue(message = "dashboard.elasticsearch.urls must be http:// or https:// addresses with a host")
    public boolean isUrlsHttp() {
      return urls == null || urls.stream().allMatch(url -> url != null && url.getHost() != null
          && ("http".equals(url.getScheme()) || "https".equals(url.getScheme())));
    }

    @AssertTrue(message = "dashboard.elasticsearch.urls must not hold credentials; set "
        + "dashboard.elasticsearch.username and dashboard.elasticsearch.password instead")
    public boolean isUrlsWithoutCredentials() {
      return urls == null || urls.stream().allMatch(url -> url == null || url.getUserInfo() == null);
    }

    @Override
    public String toString() {
      return "Elasticsearch[urls=" + urls.stream().map(Elasticsearch::withoutUserInfo).toList()
          + ", index=" + index + ", username=" + username
          + ", password=" + (password == null || password.isEmpty() ? "" : "******") + "]";
    }

    private static String withoutUserInfo(URI url) {
      return url == null || url.getUserInfo() == null ? String.valueOf(url)
          : url.getScheme() + "://******@" + url.getHost()
              + (url.getPort() > 0 ? ":" + url.getPort() : "") + url.getRawPath();
    }
  }

  /**
   * @param fileSystem the HDFS the sink writes to, such as {@code hdfs://namenode:9000}
   * @param basePath   the sink's base directory, under which {@code <topic>/dt=../hour=..} lives
   * @param timeZone   the zone of the sink's {@code dt=} and {@code hour=} directories
   * @param hadoop     extra Hadoop client settings, such as Kerberos or HA name services
   */
  public record Hdfs(
      @NotNull @DefaultValue("hdfs://localhost:9000") URI fileSystem,
      @NotBlank @Pattern(regexp = "/.*", message = "must be an absolute path such as /data")
      @DefaultValue("/data") String basePath,
      @NotNull @DefaultValue("UTC") ZoneId timeZone,
      @NotNull @DefaultValue({}) Map<String, String> hadoop) {

    @AssertTrue(message = "dashboard.hdfs.file-system must name a scheme and authority, such as hdfs://namenode:9000")
    public boolean isFileSystemAbsolute() {
      return fileSystem == null || (fileSystem.getScheme() != null && fileSystem.getAuthority() != null);
    }
  }
}
