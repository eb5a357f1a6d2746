package io.github.selectcolor.collector.useragent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.selectcolor.event.UserAgentDetails;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class UserAgentParserTest {

  private static final String CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 "
      + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

  private static final MeterRegistry meters = new SimpleMeterRegistry();
  private static final UserAgentParser parser = new UserAgentParser(meters, Runnable::run);

  @AfterAll
  static void stop() {
    parser.destroy();
  }

  @Test
  void parsesANewHeaderOffTheCallersThreadAndAKnownOneOnIt() {
    String header = CHROME + " " + UUID.randomUUID();
    String caller = Thread.currentThread().getName();

    String newHeaderThread = parser.parse(header).map(ignored -> Thread.currentThread().getName())
        .block();
    String knownHeaderThread = parser.parse(header)
        .map(ignored -> Thread.currentThread().getName()).block();

    assertThat(newHeaderThread).startsWith("user-agent-parser");
    assertThat(knownHeaderThread).isEqualTo(caller);
  }

  @Test
  void parsesTheFieldsTheEventKeeps() {
    UserAgentDetails details = parser.parse(CHROME).block();

    assertThat(details.browser()).isEqualTo("Chrome");
    assertThat(details.browserVersion()).isEqualTo("131");
    assertThat(details.os()).isEqualTo("Linux");
  }

  @Test
  void classifiesAnOverlongHeaderWithoutParsingIt() {
    UserAgentDetails details = parser.parse(CHROME + " " + "x".repeat(2048)).block();

    assertThat(details.deviceClass()).isEqualTo("Hacker");
  }

  @Test
  void keepsAFrequentHeaderCachedWhileAClientSendsThousandsOfMadeUpOnes() {
    String popular = CHROME + " popular";
    double parsedBefore = parsedCount();

    for (int i = 0; i < 12_000; i++) {
      parser.parse("made-up/" + i).block();
      if (i % 20 == 0) {
        parser.parse(popular).block();
      }
    }

    assertThat(parsedCount() - parsedBefore).as("headers parsed").isEqualTo(12_001);
  }

  private static double parsedCount() {
    return meters.get("collector.user.agents.parsed").counter().count();
  }
}
