package io.github.selectcolor.hdfssink.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));

  @Test
  void doublesFromTheInitialWaitWithJitter() {
    assertThat(backoff.delay(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
    assertThat(backoff.delay(3)).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
  }

  @Test
  void neverWaitsLongerThanTheCap() {
    assertThat(backoff.delay(10)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(backoff.delay(1_000)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }
}
