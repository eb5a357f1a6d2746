package io.github.selectcolor.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.selectcolor.bench.cluster.FreePorts;
import io.github.selectcolor.bench.cluster.ManagedProcess;
import io.github.selectcolor.bench.cluster.Poll;
import io.github.selectcolor.bench.cluster.ProcessGroup;
import io.github.selectcolor.bench.cluster.ProcessSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeoutException;

/**
 * A real distributed Kafka Connect worker ({@code ConnectDistributed worker.properties}) as a
 * process of its own, configured as the local pipeline configures its worker, running the
 * Elasticsearch connector from its packaged plugin. The connector's configuration lives in Kafka,
 * so a worker killed and started again runs it again by itself.
 */
public final class ConnectWorker {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(300);

  private final HttpClient http = HttpClient.newHttpClient();
  private final ManagedProcess process;
  private final URI rest;

  ConnectWorker(ProcessGroup group, Path directory, Path logs, String classPath, String bootstrap,
      Path pluginPath) {
    int port = FreePorts.next();
    rest = URI.create("http://127.0.0.1:" + port + "/");
    Properties worker = new Properties();
    worker.put("bootstrap.servers", bootstrap);
    worker.put("group.id", "select-color-connect");
    worker.put("config.storage.topic", "select-color-connect-configs");
    worker.put("offset.storage.topic", "select-color-connect-offsets");
    worker.put("status.storage.topic", "select-color-connect-status");
    worker.put("config.storage.replication.factor", "3");
    worker.put("offset.storage.replication.factor", "3");
    worker.put("status.storage.replication.factor", "3");
    worker.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    worker.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    worker.put("listeners", "http://127.0.0.1:" + port);
    worker.put("plugin.path", pluginPath.toString());
    worker.put("plugin.discovery", "service_load");
    worker.put("offset.flush.interval.ms", "1000");
    worker.put("consumer.fetch.min.bytes", String.valueOf(64 * 1024));
    worker.put("consumer.fetch.max.wait.ms", "100");
    Path file = directory.resolve("connect-worker.properties");
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      worker.store(out, "Kafka Connect worker of the fault run");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + file + ".", e);
    }
    process = group.add(ProcessSpec.java("connect-worker", "512m", classPath,
        "org.apache.kafka.connect.cli.ConnectDistributed", List.of(file.toString()), directory,
        logs.resolve("connect-worker.log")));
  }

  ManagedProcess process() {
    return process;
  }

  void start() {
    process.start();
  }

  /** Waits until the REST API answers. */
  public void awaitRest() throws TimeoutException {
    HttpProbe.awaitOk(process, rest.resolve("connectors"), READY_TIMEOUT);
  }

  public void createConnector(String name, Map<String, String> config) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(
              rest.resolve("connectors/" + name + "/config"))
          .header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException("Creating the connector " + name + " answered "
            + response.statusCode() + ": " + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create the connector " + name + ".", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating the connector.", e);
    }
  }

  /** Waits until the connector and the given number of tasks run. */
  public void awaitRunning(String name, int tasks) throws TimeoutException {
    Poll.until("connector " + name + " running with " + tasks + " tasks", READY_TIMEOUT,
        Duration.ofMillis(500), e -> e instanceof IOException, () -> {
          if (!process.isAlive()) {
            throw new IllegalStateException("The Connect worker exited; see " + process.log() + ".");
          }
          JsonNode status = status(name);
          if (status == null || !"RUNNING".equals(status.path("connector").path("state").asText())) {
            return false;
          }
          int running = 0;
          for (JsonNode task : status.path("tasks")) {
            running += "RUNNING".equals(task.path("state").asText()) ? 1 : 0;
          }
          return running == tasks;
        });
  }

  /** The connector's status, null while the worker does not know it yet. */
  private JsonNode status(String name) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
        rest.resolve("connectors/" + name + "/status")).timeout(Duration.ofSeconds(5)).GET()
        .build(), HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
  }
}
