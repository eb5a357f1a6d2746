package io.github.selectcolor.essink.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class OutageLogTest {

  private final Logger logger = (Logger) LoggerFactory.getLogger(OutageLog.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final SteppingClock clock = new SteppingClock();
  private final OutageLog outage = new OutageLog("Elasticsearch at [http://es1:9200]",
      "take documents", "the task waits", clock);

  @BeforeEach
  void captureLog() {
    logged.start();
    logger.addAppender(logged);
  }

  @AfterEach
  void releaseLog() {
    logger.detachAppender(logged);
  }

  @Test
  void warnsOnceWhenAnOutageStartsHoweverOftenItFails() {
    for (int attempt = 0; attempt < 100; attempt++) {
      outage.failed("java.net.ConnectException: Connection refused");
      clock.advance(Duration.ofMillis(500));
    }

    assertThat(messages(Level.WARN)).containsExactly("Elasticsearch at [http://es1:9200] cannot"
        + " take documents (java.net.ConnectException: Connection refused); the task waits.");
    assertThat(outage.isOngoing()).isTrue();
  }

  @Test
  void remindsAtMostOnceAMinuteWhileTheOutageLasts() {
    for (int second = 0; second <= 180; second++) {
      outage.failed("refused");
      clock.advance(Duration.ofSeconds(1));
    }

    assertThat(messages(Level.WARN)).hasSize(4).element(1).isEqualTo("Elasticsearch at"
        + " [http://es1:9200] still cannot take documents after PT1M and 61 failed attempts;"
        + " the last failed with: refused.");
  }

  @Test
  void reportsTheOutagesDurationOnceWhenItEnds() {
    outage.failed("refused");
    clock.advance(Duration.ofSeconds(90));
    outage.failed("refused");
    clock.advance(Duration.ofMillis(250));

    outage.succeeded();
    outage.succeeded();

    assertThat(messages(Level.INFO)).containsExactly("Elasticsearch at [http://es1:9200] can take"
        + " documents again after an outage of PT1M30.25S and 2 failed attempts.");
    assertThat(outage.isOngoing()).isFalse();
  }

  @Test
  void warnsOfANewOutageAMinuteAfterTheLastWarning() {
    outage.failed("refused");
    outage.succeeded();
    clock.advance(Duration.ofSeconds(61));

    outage.failed("timed out");

    assertThat(messages(Level.WARN)).hasSize(2).last().asString().contains("(timed out)");
  }

  @Test
  void logsOutagesThatComeAndGoAtMostTwiceAMinute() {
    for (int second = 0; second < 120; second++) {
      outage.failed("HTTP 429");
      clock.advance(Duration.ofMillis(300));
      outage.succeeded();
      clock.advance(Duration.ofMillis(700));
    }

    assertThat(messages(Level.WARN)).hasSize(2);
    assertThat(messages(Level.INFO)).hasSize(2);
  }

  @Test
  void warnsOfAnOutageThatStartedUnwarnedOnceItLasts() {
    outage.failed("refused");
    outage.succeeded();
    clock.advance(Duration.ofSeconds(10));
    for (int second = 10; second <= 60; second++) {
      outage.failed("refused");
      clock.advance(Duration.ofSeconds(1));
    }

    assertThat(messages(Level.WARN)).hasSize(2).last().asString()
        .startsWith("Elasticsearch at [http://es1:9200] still cannot take documents after PT50S");
  }

  private List<String> messages(Level level) {
    return logged.list.stream().filter(event -> event.getLevel().equals(level))
        .map(ILoggingEvent::getFormattedMessage).toList();
  }

  /** A clock that moves only when told. */
  private static final class SteppingClock extends Clock {

    private Instant now = Instant.parse("2026-11-22T10:00:00Z");

    void advance(Duration step) {
      now = now.plus(step);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
