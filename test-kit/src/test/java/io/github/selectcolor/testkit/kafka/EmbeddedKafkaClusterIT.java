package io.github.selectcolor.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaClusterIT {

  @Test
  void servesClientsOnTheFixedPublicPortsItWasGiven() throws Exception {
    List<Integer> ports = List.of(freePort(), freePort());
    try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.builder()
        .brokers(2).publicPorts(ports).build().start();
        Admin admin = Admin.create(Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {

      assertThat(cluster.bootstrapServers())
          .isEqualTo("localhost:" + ports.get(0) + ",localhost:" + ports.get(1));
      assertThat(admin.describeCluster().nodes().get()).hasSize(2);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
