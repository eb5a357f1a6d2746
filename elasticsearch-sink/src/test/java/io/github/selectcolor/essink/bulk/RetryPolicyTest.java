package io.github.selectcolor.essink.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final RetryPolicy highestJitter = new RetryPolicy(Duration.ofMillis(100),
      Duration.ofSeconds(1), Duration.ofSeconds(5), bound -> bound - 1);
  private final RetryPolicy lowestJitter = new RetryPolicy(Duration.ofMillis(100),
      Duration.ofSeconds(1), Duration.ofSeconds(5), bound -> 0);

  @Test
  void doublesTheWaitUpToTheMaximum() {
    assertThat(highestJitter.nextWait(1, Duration.ZERO)).contains(Duration.ofMillis(100));
    assertThat(highestJitter.nextWait(2, Duration.ZERO)).contains(Duration.ofMillis(200));
    assertThat(highestJitter.nextWait(4, Duration.ZERO)).contains(Duration.ofMillis(800));
    assertThat(highestJitter.nextWait(5, Duration.ZERO)).contains(Duration.ofSeconds(1));
    assertThat(highestJitter.nextWait(60, Duration.ZERO)).contains(Duration.ofSeconds(1));
  }

  @Test
  void drawsEachWaitFromItsUpperHalf() {
    assertThat(lowestJitter.nextWait(4, Duration.ZERO)).contains(Duration.ofMillis(400));
  }

  @Test
  void stopsWhenTheNextAttemptWouldStartPastTheBudget() {
    assertThat(highestJitter.nextWait(9, Duration.ofMillis(3_999))).isPresent();
    assertThat(highestJitter.nextWait(9, Duration.ofMillis(4_001))).isEmpty();
  }
}
