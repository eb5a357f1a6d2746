package io.github.selectcolor.essink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.apache.kafka.connect.sink.SinkConnector;
import org.junit.jupiter.api.Test;

class ServiceLoaderTest {

  @Test
  void connectFindsTheConnectorThroughItsServiceEntry() {
    assertThat(ServiceLoader.load(SinkConnector.class).stream().map(ServiceLoader.Provider::type))
        .contains(ElasticsearchSinkConnector.class);
  }
}
