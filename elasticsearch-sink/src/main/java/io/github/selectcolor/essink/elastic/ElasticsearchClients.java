package io.github.selectcolor.essink.elastic;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.github.selectcolor.essink.config.ElasticsearchSinkConnectorConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.kafka.common.config.ConfigException;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * The Elasticsearch clients of one task or one validation: a synchronous one for set-up and an
 * asynchronous one for bulk requests, over one connection pool. Thread-safe.
 */
public final class ElasticsearchClients implements AutoCloseable {

  private final RestClientTransport transport;
  private final ElasticsearchClient client;
  private final ElasticsearchAsyncClient asyncClient;

  public ElasticsearchClients(ElasticsearchSinkConnectorConfig config) {
    RestClientBuilder builder = RestClient.builder(config.connectionUrls().stream()
            .map(ElasticsearchClients::host).toArray(HttpHost[]::new))
        .setRequestConfigCallback(request -> request
            .setConnectTimeout((int) config.connectionTimeout().toMillis())
            .setSocketTimeout((int) config.readTimeout().toMillis()));
    SSLContext sslContext = sslContext(config);
    BasicCredentialsProvider credentials = credentials(config);
    builder.setHttpClientConfigCallback(http -> {
      if (sslContext != null) {
        http.setSSLContext(sslContext);
      }
      if (credentials != null) {
        http.setDefaultCredentialsProvider(credentials);
      }
      return http;
    });
    this.transport = new RestClientTransport(builder.build(), new JacksonJsonpMapper());
    this.client = new ElasticsearchClient(transport);
    this.asyncClient = new ElasticsearchAsyncClient(transport);
  }

  public ElasticsearchClient client() {
    return client;
  }

  public ElasticsearchAsyncClient asyncClient() {
    return asyncClient;
  }

  /** The low-level client underneath, for requests the typed client cannot read. */
  public RestClient restClient() {
    return transport.restClient();
  }

  private static HttpHost host(URI url) {
    return new HttpHost(url.getHost(), url.getPort() > 0 ? url.getPort()
        : "https".equals(url.getScheme()) ? 443 : 80, url.getScheme());
  }

  private static BasicCredentialsProvider credentials(ElasticsearchSinkConnectorConfig config) {
    if (config.username().isEmpty()) {
      return null;
    }
    BasicCredentialsProvider provider = new BasicCredentialsProvider();
    provider.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(config.username().get(),
        config.password().map(password -> password.value()).orElse("")));
    return provider;
  }

  private static SSLContext sslContext(ElasticsearchSinkConnectorConfig config) {
    if (config.truststorePath().isEmpty()) {
      return null;
    }
    Path path = Path.of(config.truststorePath().get());
    char[] password = config.truststorePassword().map(secret -> secret.value().toCharArray())
        .orElse(null);
    try (InputStream in = Files.newInputStream(path)) {
      KeyStore trustStore = KeyStore.getInstance(config.truststoreType());
      trustStore.load(in, password);
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trustStore);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException(ElasticsearchSinkConnectorConfig.TRUSTSTORE_PATH, path.toString(),
          "The trust store could not be read: " + e.getMessage());
    }
  }

  @Override
  public void close() throws IOException {
    transport.close();
  }
}
