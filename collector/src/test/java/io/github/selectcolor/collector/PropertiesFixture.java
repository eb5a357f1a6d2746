package io.github.selectcolor.collector;

import io.github.selectcolor.collector.delivery.DeliveryPolicy;
import io.github.selectcolor.collector.delivery.RecordKey;
import java.time.Duration;
import java.util.List;
import org.springframework.util.unit.DataSize;

/** Collector settings for unit tests, built without Spring. */
public final class PropertiesFixture {

  private PropertiesFixture() {
  }

  /** The defaults, with the book's four colors as the palette. */
  public static CollectorProperties defaults() {
    return allowingOrigins(List.of());
  }

  public static CollectorProperties allowingOrigins(List<String> origins) {
    return new CollectorProperties(DeliveryPolicy.DURABLE, Duration.ofSeconds(2),
        Duration.ofSeconds(1), RecordKey.EVENT_ID, List.of("red", "yellow", "green", "blue"), origins,
        new CollectorProperties.Topic("select-color", 3, null, null, true),
        new CollectorProperties.Limits(64, DataSize.ofKilobytes(32), 500,
            DataSize.ofKilobytes(512), Duration.ofSeconds(10)));
  }
}
