package io.github.selectcolor.testkit.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Ports that nothing listens on, for a process a test starts with fixed ports. */
public final class FreePorts {

  private FreePorts() {
  }

  /**
   * As many distinct free ports on the loopback interface as asked for: all are held at once while
   * they are picked, so none is picked twice.
   */
  public static List<Integer> pick(int count) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket();
        held.add(socket);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      }
      return held.stream().map(ServerSocket::getLocalPort).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not find " + count + " free ports.", e);
    } finally {
      held.forEach(FreePorts::close);
    }
  }

  private static void close(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not release port " + socket.getLocalPort() + ".", e);
    }
  }
}
