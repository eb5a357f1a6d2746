package io.github.selectcolor.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MeasurementTest {

  private static final String WRK_FIELDS = "config=fast subject=collector workload=batch "
      + "requests=3100 duration_us=10000000 non2xx=100 socket_errors=2 p50_us=4500 p99_us=18250 "
      + "events_per_request=50";

  @Test
  void countsOnlySuccessfulRequestsPerSecond() {
    assertThat(Measurement.parse(WRK_FIELDS).successesPerSecond()).isCloseTo(300.0, within(1e-9));
  }

  @Test
  void multipliesRequestsByEventsPerRequest() {
    assertThat(Measurement.parse(WRK_FIELDS).eventsPerSecond()).isCloseTo(15_000.0, within(1e-9));
  }

  @Test
  void addsRefusalsAndSocketErrors() {
    assertThat(Measurement.parse(WRK_FIELDS).errors()).isEqualTo(102);
  }

  @Test
  void readsLatenciesInMilliseconds() {
    assertThat(Measurement.parse(WRK_FIELDS).p99Millis()).isCloseTo(18.25, within(1e-9));
  }

  @Test
  void readsAcknowledgedRecordsOfTheCeiling() {
    Measurement ceiling = Measurement.parse("config=fast subject=ceiling workload=producer "
        + "records=500000 failed=0 duration_us=20000000");

    assertThat(ceiling.successesPerSecond()).isCloseTo(25_000.0, within(1e-9));
  }

  @Test
  void refusesAFieldWithoutValue() {
    assertThatThrownBy(() -> Measurement.parse("config=fast subject=collector workload=single oops"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'oops'");
  }
}
