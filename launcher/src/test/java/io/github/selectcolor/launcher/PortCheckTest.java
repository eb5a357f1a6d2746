package io.github.selectcolor.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortCheckTest {

  @Test
  void namesEachTakenPortWithThePartThatNeedsIt() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int free = freePort();
      Map<Integer, String> ports = new LinkedHashMap<>();
      ports.put(free, "the collector");
      ports.put(taken.getLocalPort(), "Elasticsearch");

      assertThat(PortCheck.busy(ports))
          .containsExactly("port " + taken.getLocalPort() + " (Elasticsearch)");
    }
  }

  @Test
  void checksEveryStandardPortOfThePipeline() {
    assertThat(StackSettings.standardPorts(Path.of("data")).fixedPorts())
        .containsEntry(9092, "Kafka broker 0").containsEntry(9093, "Kafka broker 1")
        .containsEntry(9094, "Kafka broker 2")
        .containsEntry(9000, "the HDFS NameNode").containsEntry(9200, "Elasticsearch")
        .containsEntry(8083, "Kafka Connect").containsEntry(8080, "the collector")
        .containsEntry(8082, "the HDFS sink").containsEntry(5601, "the dashboard")
        .hasSize(9);
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    }
  }
}
