package io.github.selectcolor.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.FileAlreadyExistsException;
import org.junit.jupiter.api.Test;

class StartFailureTest {

  @Test
  void namesThePartWhatWasBeingDoneAndTheInnermostCauseOnOneLine() {
    StartFailure failure = new StartFailure("Elasticsearch", new UncheckedIOException(
        "Could not prepare Elasticsearch.\nThe last lines of its console:\n...",
        new FileAlreadyExistsException("/data/elasticsearch")));

    assertThat(failure.getMessage()).isEqualTo("Elasticsearch could not start: Could not prepare"
        + " Elasticsearch. (FileAlreadyExistsException: /data/elasticsearch)");
  }

  @Test
  void startsTheSentenceWithACapitalEvenForAPartNamedWithAnArticle() {
    StartFailure failure = new StartFailure("the dashboard",
        new IllegalStateException("Failed to start bean 'webServerStartStop'",
            new BindException("Address already in use")));

    assertThat(failure.getMessage()).isEqualTo("The dashboard could not start: Failed to start bean"
        + " 'webServerStartStop' (BindException: Address already in use)");
  }

  @Test
  void namesTheKindOfAnErrorWhoseMessageIsOnlyAName() {
    StartFailure failure = new StartFailure("Kafka",
        new NoClassDefFoundError("org/junit/jupiter/api/Assertions"));

    assertThat(failure.getMessage()).isEqualTo(
        "Kafka could not start: NoClassDefFoundError: org/junit/jupiter/api/Assertions");
  }
}
