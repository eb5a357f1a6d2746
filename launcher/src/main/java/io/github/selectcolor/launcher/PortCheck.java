package io.github.selectcolor.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Finds the ports the pipeline needs that something else already holds. */
final class PortCheck {

  private PortCheck() {
  }

  /**
   * Each port of the given ones that cannot be bound on the loopback interface, as
   * {@code port 9200 (Elasticsearch)}, in the given order.
   */
  static List<String> busy(Map<Integer, String> portsAndUsers) {
    List<String> busy = new ArrayList<>();
    portsAndUsers.forEach((port, user) -> {
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      } catch (IOException e) {
        busy.add("port " + port + " (" + user + ")");
      }
    });
    return busy;
  }
}
