package io.github.selectcolor.essink.config;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The connector's settings: immutable, validated once, read through typed getters. The book's keys
 * {@code es.host}, {@code es.port} and {@code es.index} are accepted as deprecated aliases of
 * {@link #CONNECTION_URLS} and {@link #INDEX_PREFIX}.
 */
public final class ElasticsearchSinkConnectorConfig extends AbstractConfig {

  public static final String CONNECTION_URLS = "connection.urls";
  public static final String CONNECTION_USERNAME = "connection.username";
  public static final String CONNECTION_PASSWORD = "connection.password";
  public static final String CONNECTION_TIMEOUT_MS = "connection.timeout.ms";
  public static final String READ_TIMEOUT_MS = "read.timeout.ms";
  public static final String TRUSTSTORE_PATH = "connection.truststore.path";
  public static final String TRUSTSTORE_PASSWORD = "connection.truststore.password";
  public static final String TRUSTSTORE_TYPE = "connection.truststore.type";
  public static final String INDEX_PREFIX = "index.prefix";
  public static final String INDEX_REFRESH_INTERVAL = "index.refresh.interval";
  public static final String INDEX_TEMPLATE_INSTALL = "index.template.install";
  public static final String BATCH_SIZE = "batch.size";
  public static final String BATCH_MAX_BYTES = "batch.max.bytes";
  public static final String LINGER_MS = "linger.ms";
  public static final String MAX_IN_FLIGHT_REQUESTS = "max.in.flight.requests";
  public static final String MAX_BUFFERED_RECORDS = "max.buffered.records";
  public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";
  public static final String RETRY_BACKOFF_MAX_MS = "retry.backoff.max.ms";
  public static final String RETRY_TIMEOUT_MS = "retry.timeout.ms";
  public static final String BEHAVIOR_ON_MALFORMED_DOCUMENTS = "behavior.on.malformed.documents";
  public static final String BEHAVIOR_ON_NULL_VALUES = "behavior.on.null.values";

  /** The book's keys, still read when the new ones are absent. */
  public static final String DEPRECATED_HOST = "es.host";
  public static final String DEPRECATED_PORT = "es.port";
  public static final String DEPRECATED_INDEX = "es.index";

  private static final String CONNECTION_GROUP = "Connection";
  private static final String INDEX_GROUP = "Index";
  private static final String WRITES_GROUP = "Bulk writes";
  private static final String ERRORS_GROUP = "Errors";

  public static final ConfigDef CONFIG = configDef();

  public ElasticsearchSinkConnectorConfig(Map<String, String> properties) {
    super(CONFIG, withAliases(properties));
  }

  private static ConfigDef configDef() {
    int order = 0;
    ConfigDef def = new ConfigDef();
    def.define(CONNECTION_URLS, Type.LIST, "http://localhost:9200", new HttpUrls(),
        Importance.HIGH, "Elasticsearch nodes to send requests to, such as"
            + " ``http://es1:9200,http://es2:9200``; https URLs use TLS. Credentials go in"
            + " ``connection.username`` and ``connection.password``, never in a URL.",
        CONNECTION_GROUP, ++order, Width.LONG, "Elasticsearch URLs");
    def.define(CONNECTION_USERNAME, Type.STRING, null, Importance.MEDIUM,
        "User for HTTP basic authentication; none when unset.",
        CONNECTION_GROUP, ++order, Width.SHORT, "User");
    def.define(CONNECTION_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM,
        "Password for HTTP basic authentication. Never logged.",
        CONNECTION_GROUP, ++order, Width.SHORT, "Password");
    def.define(TRUSTSTORE_PATH, Type.STRING, null, Importance.LOW,
        "Trust store with the certificates that https URLs are verified against; the JVM's when"
            + " unset.", CONNECTION_GROUP, ++order, Width.LONG, "Trust store");
    def.define(TRUSTSTORE_PASSWORD, Type.PASSWORD, null, Importance.LOW,
        "Password of the trust store.", CONNECTION_GROUP, ++order, Width.SHORT,
        "Trust store password");
    def.define(TRUSTSTORE_TYPE, Type.STRING, "PKCS12", ValidString.in("PKCS12", "JKS"),
        Importance.LOW, "Format of the trust store.", CONNECTION_GROUP, ++order, Width.SHORT,
        "Trust store type");
    def.define(CONNECTION_TIMEOUT_MS, Type.INT, 5_000, Range.atLeast(1), Importance.LOW,
        "How long to wait for a connection to Elasticsearch.", CONNECTION_GROUP, ++order,
        Width.SHORT, "Connection timeout");
    def.define(READ_TIMEOUT_MS, Type.INT, 60_000, Range.atLeast(1), Importance.LOW,
        "How long to wait for the answer to a request; a bulk request that times out is retried.",
        CONNECTION_GROUP, ++order, Width.SHORT, "Read timeout");

    order = 0;
    def.define(INDEX_PREFIX, Type.STRING, "select-color", new IndexName(), Importance.HIGH,
        "Events go to daily indices ``<prefix>-YYYY.MM.DD`` in UTC, all behind the alias"
            + " ``<prefix>``: by the event's ``timestamp`` when it is within a day of its"
            + " ``receivedAt`` (so that every copy of an event finds the same index), else by"
            + " ``receivedAt``, else by the record's timestamp. A record whose"
            + " time is before 1970-01-01T00:00:00Z or from the year 10000 on names no index: it"
            + " follows ``behavior.on.malformed.documents``.",
        INDEX_GROUP, ++order, Width.MEDIUM, "Index prefix");
    def.define(INDEX_TEMPLATE_INSTALL, Type.BOOLEAN, true, Importance.LOW,
        "Install (or update) the index template with the events' mappings and the alias when a"
            + " task starts. Turn off when the template is managed elsewhere.",
        INDEX_GROUP, ++order, Width.SHORT, "Install index template");
    def.define(INDEX_REFRESH_INTERVAL, Type.STRING, "", new RefreshInterval(), Importance.LOW,
        "How often Elasticsearch makes newly indexed events searchable in the daily indices"
            + " (``index.refresh_interval`` in the installed template), such as ``500ms`` or"
            + " ``30s``; empty keeps Elasticsearch's default (1s for indices being searched)."
            + " Shorter makes events searchable sooner and costs indexing throughput.",
        INDEX_GROUP, ++order, Width.SHORT, "Index refresh interval");

    order = 0;
    def.define(BATCH_SIZE, Type.INT, 1_000, Range.between(1, 100_000), Importance.MEDIUM,
        "Records per bulk request at most.", WRITES_GROUP, ++order, Width.SHORT, "Batch size");
    def.define(BATCH_MAX_BYTES, Type.LONG, 5L * 1024 * 1024, Range.atLeast(1024), Importance.MEDIUM,
        "Bytes of documents per bulk request at most.", WRITES_GROUP, ++order, Width.SHORT,
        "Batch bytes");
    def.define(LINGER_MS, Type.LONG, 100L, Range.between(0, 60_000), Importance.MEDIUM,
        "How long a batch that is not full waits for more records before it is sent.",
        WRITES_GROUP, ++order, Width.SHORT, "Linger");
    def.define(MAX_IN_FLIGHT_REQUESTS, Type.INT, 4, Range.between(1, 64), Importance.MEDIUM,
        "Bulk requests sent and not yet answered, at most; more records wait in the buffer.",
        WRITES_GROUP, ++order, Width.SHORT, "In-flight requests");
    def.define(MAX_BUFFERED_RECORDS, Type.INT, 20_000, Range.atLeast(1), Importance.MEDIUM,
        "Records taken from Kafka and not yet acknowledged by Elasticsearch, at most. When the"
            + " buffer is full the task pauses its partitions (it never sleeps in ``put``) and"
            + " resumes them when half of it is free.",
        WRITES_GROUP, ++order, Width.SHORT, "Buffered records");

    order = 0;
    def.define(RETRY_BACKOFF_MS, Type.LONG, 100L, Range.atLeast(1), Importance.LOW,
        "The first wait before a failed request or document is sent again; each further wait"
            + " doubles, with random jitter.", ERRORS_GROUP, ++order, Width.SHORT,
        "Retry back-off");
    def.define(RETRY_BACKOFF_MAX_MS, Type.LONG, 10_000L, Range.atLeast(1), Importance.LOW,
        "The longest wait between two attempts.", ERRORS_GROUP, ++order, Width.SHORT,
        "Retry back-off max");
    def.define(RETRY_TIMEOUT_MS, Type.LONG, 300_000L, Range.atLeast(0), Importance.MEDIUM,
        "How long a document is retried after connection errors, 5xx answers and 429 (too many"
            + " requests). Past it the task fails and says why; nothing is dropped.",
        ERRORS_GROUP, ++order, Width.SHORT, "Retry time budget");
    def.define(BEHAVIOR_ON_MALFORMED_DOCUMENTS, Type.STRING, "report",
        ValidString.in(lowerNames(MalformedDocumentBehavior.values())), Importance.MEDIUM,
        "What to do with a record that is not a JSON object, or that Elasticsearch rejects (a"
            + " field of the wrong type): ``report`` sends it to the dead-letter queue"
            + " (``errors.tolerance=all`` and ``errors.deadletterqueue.topic.name``) with the"
            + " reason, ``warn`` logs and skips it, ``ignore`` skips it, ``fail`` stops the task.",
        ERRORS_GROUP, ++order, Width.SHORT, "Malformed documents");
    def.define(BEHAVIOR_ON_NULL_VALUES, Type.STRING, "ignore",
        ValidString.in(lowerNames(NullValueBehavior.values())), Importance.LOW,
        "What to do with a record without a value (a tombstone): ``ignore`` skips it,"
            + " ``report`` sends it to the dead-letter queue, ``fail`` stops the task.",
        ERRORS_GROUP, ++order, Width.SHORT, "Null values");

    def.define(DEPRECATED_HOST, Type.STRING, null, Importance.LOW,
        "Deprecated (the book's key): use ``connection.urls``. With ``es.port``, read as"
            + " ``http://<es.host>:<es.port>`` when ``connection.urls`` is not set.",
        CONNECTION_GROUP, 100, Width.SHORT, "Host (deprecated)");
    def.define(DEPRECATED_PORT, Type.INT, null, Importance.LOW,
        "Deprecated (the book's key): use ``connection.urls``.",
        CONNECTION_GROUP, 101, Width.SHORT, "Port (deprecated)");
    def.define(DEPRECATED_INDEX, Type.STRING, null, Importance.LOW,
        "Deprecated (the book's key): use ``index.prefix``.",
        INDEX_GROUP, 100, Width.SHORT, "Index (deprecated)");
    return def;
  }

  /** Maps the book's keys onto the new ones unless those are set. */
  static Map<String, String> withAliases(Map<String, String> properties) {
    Map<String, String> resolved = new HashMap<>(properties);
    String host = properties.get(DEPRECATED_HOST);
    if (host != null && !properties.containsKey(CONNECTION_URLS)) {
      resolved.put(CONNECTION_URLS,
          "http://" + host + ":" + properties.getOrDefault(DEPRECATED_PORT, "9200"));
    }
    String index = properties.get(DEPRECATED_INDEX);
    if (index != null && !properties.containsKey(INDEX_PREFIX)) {
      resolved.put(INDEX_PREFIX, index);
    }
    return resolved;
  }

  /** The deprecated keys present, for a warning at start-up. */
  public static List<String> deprecatedKeysIn(Map<String, String> properties) {
    return List.of(DEPRECATED_HOST, DEPRECATED_PORT, DEPRECATED_INDEX).stream()
        .filter(properties::containsKey).toList();
  }

  private static String[] lowerNames(Enum<?>[] values) {
    return Arrays.stream(values).map(value -> value.name().toLowerCase(Locale.ROOT))
        .toArray(String[]::new);
  }

  /** A value of {@link #CONNECTION_URLS} as it may be shown: credentials in it hidden. */
  public static List<String> withoutCredentials(List<?> urls) {
    return HttpUrls.redacted(urls);
  }

  public List<URI> connectionUrls() {
    return getList(CONNECTION_URLS).stream().map(URI::create).toList();
  }

  public Optional<String> username() {
    return Optional.ofNullable(getString(CONNECTION_USERNAME));
  }

  public Optional<Password> password() {
    return Optional.ofNullable(getPassword(CONNECTION_PASSWORD));
  }

  public Optional<String> truststorePath() {
    return Optional.ofNullable(getString(TRUSTSTORE_PATH));
  }

  public Optional<Password> truststorePassword() {
    return Optional.ofNullable(getPassword(TRUSTSTORE_PASSWORD));
  }

  public String truststoreType() {
    return getString(TRUSTSTORE_TYPE);
  }

  public Duration connectionTimeout() {
    return Duration.ofMillis(getInt(CONNECTION_TIMEOUT_MS));
  }

  public Duration readTimeout() {
    return Duration.ofMillis(getInt(READ_TIMEOUT_MS));
  }

  public String indexPrefix() {
    return getString(INDEX_PREFIX);
  }

  /** The refresh interval for the template, when one is set. */
  public Optional<String> indexRefreshInterval() {
    String interval = getString(INDEX_REFRESH_INTERVAL);
    return interval.isEmpty() ? Optional.empty() : Optional.of(interval);
  }

  public boolean installIndexTemplate() {
    return getBoolean(INDEX_TEMPLATE_INSTALL);
  }

  public int batchSize() {
    return getInt(BATCH_SIZE);
  }

  public long batchMaxBytes() {
    return getLong(BATCH_MAX_BYTES);
  }

  public Duration linger() {
    return Duration.ofMillis(getLong(LINGER_MS));
  }

  public int maxInFlightRequests() {
    return getInt(MAX_IN_FLIGHT_REQUESTS);
  }

  public int maxBufferedRecords() {
    return getInt(MAX_BUFFERED_RECORDS);
  }

  public Duration retryBackoff() {
    return Duration.ofMillis(getLong(RETRY_BACKOFF_MS));
  }

  public Duration retryBackoffMax() {
    return Duration.ofMillis(getLong(RETRY_BACKOFF_MAX_MS));
  }

  public Duration retryTimeout() {
    return Duration.ofMillis(getLong(RETRY_TIMEOUT_MS));
  }

  public MalformedDocumentBehavior behaviorOnMalformedDocuments() {
    return MalformedDocumentBehavior.valueOf(
        getString(BEHAVIOR_ON_MALFORMED_DOCUMENTS).toUpperCase(Locale.ROOT));
  }

  public NullValueBehavior behaviorOnNullValues() {
    return NullValueBehavior.valueOf(getString(BEHAVIOR_ON_NULL_VALUES).toUpperCase(Locale.ROOT));
  }

  /** An Elasticsearch time value for a refresh interval, or empty. */
  static final class RefreshInterval implements ConfigDef.Validator {

    @Override
    public void ensureValid(String name, Object value) {
      String interval = (String) value;
      if (interval == null || !interval.matches("|-1|[1-9][0-9]{0,6}(ms|s|m)")) {
        throw new ConfigException(name, value, "A refresh interval is a number with ms, s or m,"
            + " such as 500ms, or -1 to refresh only when asked, or empty for Elasticsearch's"
            + " default.");
      }
    }

    @Override
    public String toString() {
      return "empty, -1, or a time such as 500ms, 1s, 1m";
    }
  }

  /** Elasticsearch's rules for index names, for the prefix. */
  static final class IndexName implements ConfigDef.Validator {

    @Override
    public void ensureValid(String name, Object value) {
      String prefix = (String) value;
      if (prefix == null || !prefix.matches("[a-z0-9][a-z0-9._-]{0,200}")) {
        throw new ConfigException(name, value, "An index prefix is lowercase letters, digits,"
            + " '.', '_' or '-', starting with a letter or digit.");
      }
    }

    @Override
    public String toString() {
      return "lowercase letters, digits, '.', '_', '-'";
    }
  }
}
