package io.github.selectcolor.collector.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InFlightBudgetTest {

  private final InFlightBudget budget = new InFlightBudget(1_000);

  @Test
  void refusesWorkThatDoesNotFitAndReservesNothingForIt() {
    assertThat(budget.tryAcquire(900)).isTrue();

    assertThat(budget.tryAcquire(200)).isFalse();
    assertThat(budget.inFlightBytes()).isEqualTo(900);
  }

  @Test
  void makesRoomAgainWhenWorkIsReleased() {
    budget.tryAcquire(900);
    budget.release(900);

    assertThat(budget.tryAcquire(1_000)).isTrue();
  }
}
