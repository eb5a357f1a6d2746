package io.github.selectcolor.embedded.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;

/**
 * A real distributed Kafka Connect worker in this JVM, loading plugins from a {@code plugin.path}
 * through their {@code META-INF/services} entries, driven through its REST API. Needs
 * {@code connect-runtime} on the class path (an optional dependency of this module).
 */
public final class EmbeddedConnect implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Connect<DistributedHerder> connect;
  private final URI rest;
  private final HttpClient http = HttpClient.newHttpClient();

  private EmbeddedConnect(Connect<DistributedHerder> connect) {
    this.connect = connect;
    this.rest = connect.rest().serverUrl();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The REST API's base URL, such as {@code http://127.0.0.1:8083/}. */
  public URI restUrl() {
    return rest;
  }

  public JsonNode put(String path, Map<String, String> body) {
    return send(HttpRequest.newBuilder(rest.resolve(path)).header("Content-Type",
        "application/json").PUT(HttpRequest.BodyPublishers.ofString(json(body))).build());
  }

  public JsonNode post(String path) {
    return send(HttpRequest.newBuilder(rest.resolve(path)).POST(HttpRequest.BodyPublishers
        .noBody()).build());
  }

  public JsonNode delete(String path) {
    return send(HttpRequest.newBuilder(rest.resolve(path)).DELETE().build());
  }

  public JsonNode get(String path) {
    return send(HttpRequest.newBuilder(rest.resolve(path)).GET().build());
  }

  /** The connector's and its tasks' states, such as RUNNING or FAILED; empty while unknown. */
  public String state(String connector) {
    try {
      JsonNode status = get("connectors/" + connector + "/status");
      StringBuilder states = new StringBuilder(status.path("connector").path("state").asText());
      status.path("tasks").forEach(task -> states.append(' ').append(task.path("state").asText()));
      return states.toString();
    } catch (IllegalStateException e) {
      return "";
    }
  }

  private JsonNode send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
            + response.statusCode() + ": " + response.body());
      }
      return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " failed.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while calling Connect.", e);
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    connect.stop();
    connect.awaitStop();
  }

  /** Worker settings; the defaults suit one worker on a test or local cluster. */
  public static final class Builder {

    private final Map<String, String> worker = new HashMap<>();

    private Builder() {
      String id = UUID.randomUUID().toString().substring(0, 8);
      worker.put("group.id", "connect-" + id);
      worker.put("config.storage.topic", "connect-" + id + "-configs");
      worker.put("offset.storage.topic", "connect-" + id + "-offsets");
      worker.put("status.storage.topic", "connect-" + id + "-status");
      // The broker's default replication, so that one-broker clusters work too.
      worker.put("config.storage.replication.factor", "-1");
      worker.put("offset.storage.replication.factor", "-1");
      worker.put("status.storage.replication.factor", "-1");
      worker.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
      worker.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
      worker.put("listeners", "http://127.0.0.1:0");
      worker.put("plugin.discovery", "service_load");
      worker.put("offset.flush.interval.ms", "500");
    }

    public Builder bootstrapServers(String bootstrapServers) {
      return property("bootstrap.servers", bootstrapServers);
    }

    /** The directory holding plugin directories, as {@code plugin.path}. */
    public Builder pluginPath(Path pluginPath) {
      if (!Files.isDirectory(pluginPath)) {
        throw new IllegalArgumentException("The plugin path " + pluginPath + " is no directory;"
            + " build the connector's plugin first.");
      }
      return property("plugin.path", pluginPath.toString());
    }

    /** The REST API's port on 127.0.0.1; 0 (the default) picks a free one. */
    public Builder restPort(int port) {
      return property("listeners", "http://127.0.0.1:" + port);
    }

    /** Any worker setting, such as {@code group.id} or {@code offset.flush.interval.ms}. */
    public Builder property(String key, String value) {
      worker.put(key, value);
      return this;
    }

    public EmbeddedConnect start() {
      if (!worker.containsKey("bootstrap.servers") || !worker.containsKey("plugin.path")) {
        throw new IllegalStateException("Give the worker bootstrap servers and a plugin path.");
      }
      return new EmbeddedConnect(new ConnectDistributed().startConnect(Map.copyOf(worker)));
    }
  }
}
