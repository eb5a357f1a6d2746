package io.github.selectcolor.testkit.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports that nothing listens on, for a process a test starts with fixed ports. They are taken below
 * the kernel's ephemeral range, so that the sockets the process and its neighbours open on port 0
 * (outgoing connections, Kafka's controller, Elasticsearch's transport) cannot take one of them
 * between the pick and the process binding it.
 */
public final class FreePorts {

  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  private static final int LOWEST = 10_000;
  private static final int DEFAULT_EPHEMERAL_START = 32_768;
  private static final int ATTEMPTS = 1_000;

  private FreePorts() {
  }

  /** As many distinct free ports on the loopback interface as asked for. */
  public static List<Integer> pick(int count) {
    List<Integer> ports = new ArrayList<>();
    int below = ephemeralStart();
    for (int attempt = 0; attempt < ATTEMPTS && ports.size() < count; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
      if (!ports.contains(port) && isFree(port)) {
        ports.add(port);
      }
    }
    if (ports.size() < count) {
      throw new IllegalStateException("Found only " + ports.size() + " of " + count
          + " free ports between " + LOWEST + " and " + below + ".");
    }
    return List.copyOf(ports);
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Where the kernel's ephemeral range starts; Linux's default where the kernel does not say. */
  private static int ephemeralStart() {
    if (!Files.isReadable(EPHEMERAL_RANGE)) {
      return DEFAULT_EPHEMERAL_START;
    }
    try {
      int start = Integer.parseInt(Files.readString(EPHEMERAL_RANGE).trim().split("\\s+")[0]);
      return Math.max(start, LOWEST + ATTEMPTS);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the ephemeral port range from "
          + EPHEMERAL_RANGE + ".", e);
    }
  }
}
