package io.github.selectcolor.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * @param applicationAddress  the address the collector, the HDFS sink and the dashboard listen
 *                            on; the engines listen on loopback only
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
    Duration hdfsRollAge,
    String applicationAddress) {

  /** Short enough that a newcomer sees files in HDFS soon after clicking. */
  static final Duration LOCAL_ROLL_AGE = Duration.ofSeconds(10);
  /** Nothing of the local pipeline is reachable from other machines unless asked for. */
  static final String LOOPBACK = "127.0.0.1";

  public StackSettings {
    kafkaPorts = List.copyOf(kafkaPorts);
  }

  /** The ports of the book and of the tools' defaults: Kafka 9092-9094, HDFS 9000 and so on. */
  public static StackSettings standardPorts(Path dataDirectory) {
    return new StackSettings(dataDirectory, List.of(9092, 9093, 9094), 9000, 9200, 8083, 8080,
        8082, 5601, LOCAL_ROLL_AGE, LOOPBACK);
  }

  /** The host name for the applications' addresses that users open. */
  String applicationHost() {
    return applicationAddress.equals(LOOPBACK) || applicationAddress.equals("0.0.0.0")
        || applicationAddress.equals("::") ? "localhost" : applicationAddress;
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

  /** Where the connector's Connect plugin is unpacked, afresh at every start. */
  public Path connectPluginDirectory() {
    return dataDirectory.resolve("connect-plugins");
  }

  /** Each fixed port the pipeline needs, with the part that needs it. */
  Map<Integer, String> fixedPorts() {
    Map<Integer, String> ports = new LinkedHashMap<>();
    parts().forEach((part, port) -> {
      if (port != 0) {
        ports.putIfAbsent(port, part);
      }
    });
    return ports;
  }

  /** A line for each port that two parts were given. */
  List<String> portConflicts() {
    Map<Integer, String> users = new LinkedHashMap<>();
    List<String> conflicts = new ArrayList<>();
    parts().forEach((part, port) -> {
      String other = port == 0 ? null : users.putIfAbsent(port, part);
      if (other != null) {
        conflicts.add("Port " + port + " is given to both " + other + " and " + part + ".");
      }
    });
    return conflicts;
  }

  /** Each part's port, by the part's name; Kafka's brokers are named one by one. */
  private Map<String, Integer> parts() {
    Map<String, Integer> parts = new LinkedHashMap<>();
    for (int broker = 0; broker < kafkaPorts.size(); broker++) {
      parts.put(kafkaPorts.size() == 1 ? "Kafka" : "Kafka broker " + broker, kafkaPorts.get(broker));
    }
    parts.put("the HDFS NameNode", hdfsPort);
    parts.put("Elasticsearch", elasticsearchPort);
    parts.put("Kafka Connect", connectPort);
    parts.put("the collector", collectorPort);
    parts.put("the HDFS sink", hdfsSinkPort);
    parts.put("the dashboard", dashboardPort);
    return parts;
  }

}
