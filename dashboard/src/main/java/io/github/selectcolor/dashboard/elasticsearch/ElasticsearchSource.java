package io.github.selectcolor.dashboard.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.github.selectcolor.dashboard.AvailabilityLog;
import io.github.selectcolor.dashboard.DashboardProperties;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Instant;
import java.util.stream.Collectors;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the {@code elasticsearch} part of the snapshot with one search request. Never throws: when
 * Elasticsearch fails, the part says so. One client (one connection pool) for the application's
 * life, closed with it. Thread-safe.
 */
@Component
public class ElasticsearchSource implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ElasticsearchSource.class);

  private final RestClientTransport transport;
  private final ElasticsearchClient client;
  private final EventStatsQuery query;
  private final EventStatsReader reader;
  private final String index;
  private final String nodes;
  private final long timeoutMillis;
  private final AvailabilityLog availability;

  public ElasticsearchSource(DashboardProperties properties) {
    DashboardProperties.Elasticsearch settings = properties.elasticsearch();
    this.index = settings.index();
    this.nodes = settings.urls().stream().map(URI::toString).collect(Collectors.joining(", "));
    this.timeoutMillis = properties.sourceTimeout().toMillis();
    this.transport = new RestClientTransport(restClient(settings, (int) timeoutMillis),
        new JacksonJsonpMapper());
    this.client = new ElasticsearchClient(transport);
    this.query = new EventStatsQuery(index, properties.latestEvents());
    this.reader = new EventStatsReader(index, properties.palette());
    this.availability = new AvailabilityLog(log, "Elasticsearch at " + nodes);
  }

  public ElasticsearchSection read(Instant now) {
    try {
      ElasticsearchSection section = reader.read(client.search(query.request(now), StoredEvent.class),
          now);
      availability.available();
      return section;
    } catch (ElasticsearchException e) {
      return unavailable("Elasticsearch refused the search of " + index + " (HTTP " + e.status()
          + ", " + e.error().type() + ").", e);
    } catch (IOException e) {
      return unavailable(reason(e), e);
    } catch (RuntimeException e) {
      // An answer the client cannot read, say; the other parts of the snapshot still show.
      return unavailable("Elasticsearch's answer could not be read: " + e + ".", e);
    }
  }

  private ElasticsearchSection unavailable(String reason, Exception cause) {
    availability.unavailable(reason, cause);
    return ElasticsearchSection.unavailable(index, reason);
  }

  private String reason(IOException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException) {
        return "No connection to Elasticsearch at " + nodes + ".";
      }
      if (cause instanceof SocketTimeoutException) {
        return "Elasticsearch did not answer within " + timeoutMillis + " ms.";
      }
    }
    return "Elasticsearch could not be asked: " + e + ".";
  }

  private static RestClient restClient(DashboardProperties.Elasticsearch settings, int timeoutMillis) {
    HttpHost[] hosts = settings.urls().stream()
        .map(url -> new HttpHost(url.getHost(), url.getPort() > 0 ? url.getPort()
            : "https".equals(url.getScheme()) ? 443 : 80, url.getScheme()))
        .toArray(HttpHost[]::new);
    return RestClient.builder(hosts)
        .setRequestConfigCallback(request -> request
            .setConnectTimeout(timeoutMillis)
            .setSocketTimeout(timeoutMillis))
        .setHttpClientConfigCallback(http -> {
          if (!settings.username().isEmpty()) {
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            credentials.setCredentials(AuthScope.ANY,
                new UsernamePasswordCredentials(settings.username(), settings.password()));
            http.setDefaultCredentialsProvider(credentials);
          }
          return http;
        })
        .build();
  }

  @Override
  public void close() throws IOException {
    transport.close();
  }
}
