package io.github.selectcolor.essink.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class FailuresTest {

  @Test
  void retriesConnectionFailuresButNotOtherErrors() {
    assertThat(Failures.isTransient(new ConnectException("refused"))).isTrue();
    assertThat(Failures.isTransient(new RuntimeException(new IOException("reset")))).isTrue();
    assertThat(Failures.isTransient(new IllegalArgumentException("bad"))).isFalse();
  }

  @Test
  void retriesTooManyRequestsAndServerErrorsButNotRefusals() {
    assertThat(Failures.isTransient(answered(429))).isTrue();
    assertThat(Failures.isTransient(answered(503))).isTrue();
    assertThat(Failures.isTransient(answered(401))).isFalse();
  }

  private static ElasticsearchException answered(int status) {
    return new ElasticsearchException("bulk", ErrorResponse.of(response -> response.status(status)
        .error(error -> error.type("status_" + status).reason("answered " + status))));
  }
}
