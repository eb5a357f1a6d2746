package io.github.selectcolor.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the local pipeline keeps its data and which ports its parts listen on. Port 0 lets the
 * operating system pick one (Kafka's client ports must be real ones, as clients are given them).
 *
 * @param dataDirectory       the folder holding every part's data and the log files
 * @param kafkaPorts          one client port per broker
 * @param hdfsPort            the NameNode's port
 * @param elasticsearchPort   Elasticsearch's HTTP port
 * @param connectPort         the Connect worker's REST port
 * @param collectorPort       the page and {@code POST /api/events}
 * @param hdfsSinkPort        the HDFS sink's health and metrics
 * @param dashboardPort       the dashboard
 * @param hdfsRollAge         how long the HDFS sink keeps a file open at most
 */
public record StackSettings(
    Path dataDirectory,
    List<Integer> kafkaPorts,
    int hdfsPort,
    int elasticsearchPort,
    int connectPort,
    int collectorPort,
    int hdfsSinkPort,
    int dashboardPort,
    Duration hdfsRollAge) {

  /** Short enough that a newcomer sees files in HDFS soon after clicking. */
  static final Duration LOCAL_ROLL_AGE = Duration.ofSeconds(10);

  public StackSettings {
    kafkaPorts = List.copyOf(kafkaPorts);
  }

  /** The ports of the book and of the tools' defaults: Kafka 9092-9094, HDFS 9000 and so on. */
  public static StackSettings standardPorts(Path dataDirectory) {
    return new StackSettings(dataDirectory, List.of(9092, 9093, 9094), 9000, 9200, 8083, 8080,
        8082, 5601, LOCAL_ROLL_AGE);
  }

  /** Free ports for everything, picked now, so that a restart finds Kafka where it was. */
  public static StackSettings freePorts(Path dataDirectory) {
    return new StackSettings(dataDirectory, List.of(freePort(), freePort(), freePort()), 0, 0, 0, 0,
        0, 0, LOCAL_ROLL_AGE);
  }

  public Path kafkaDirectory() {
    return dataDirectory.resolve("kafka");
  }

  public Path hdfsDirectory() {
    return dataDirectory.resolve("hdfs");
  }

  public Path elasticsearchDirectory() {
    return dataDirectory.resolve("elasticsearch");
  }

  public Path logDirectory() {
    return dataDirectory.resolve("logs");
  }

  /** Each fixed port the pipeline needs, with the part that needs it. */
  Map<Integer, String> fixedPorts() {
    Map<Integer, String> ports = new LinkedHashMap<>();
    kafkaPorts.forEach(port -> ports.put(port, "Kafka"));
    ports.put(hdfsPort, "the HDFS NameNode");
    ports.put(elasticsearchPort, "Elasticsearch");
    ports.put(connectPort, "Kafka Connect");
    ports.put(collectorPort, "the collector");
    ports.put(hdfsSinkPort, "the HDFS sink");
    ports.put(dashboardPort, "the dashboard");
    ports.remove(0);
    return ports;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on the loopback interface.", e);
    }
  }
}
