package io.github.selectcolor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AvailabilityLogTest {

  private final Logger logger = (Logger) LoggerFactory.getLogger(AvailabilityLogTest.class);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final AvailabilityLog availability = new AvailabilityLog(logger, "Elasticsearch at es:9200");

  @BeforeEach
  void capture() {
    logger.setLevel(Level.INFO);
    appender.start();
    logger.addAppender(appender);
  }

  @AfterEach
  void release() {
    logger.detachAppender(appender);
  }

  @Test
  void warnsOncePerOutageAndSaysWhenTheSourceIsBack() {
    availability.available();
    availability.unavailable("No connection.", new IOException("refused"));
    availability.unavailable("No connection.", new IOException("refused"));
    availability.unavailable("No answer within 3000 ms.", new IOException("timeout"));
    availability.available();
    availability.available();

    assertThat(appender.list).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
        .containsExactly(
            tuple(Level.WARN, "Elasticsearch at es:9200 is unavailable:"
                + " No connection. The dashboard shows its part as unavailable until it answers again."),
            tuple(Level.INFO,
                "Elasticsearch at es:9200 answers again; the dashboard shows its part again."));
  }

  @Test
  void warnsWhenTheSourceIsDownFromTheStart() {
    availability.unavailable("No connection.", new IOException("refused"));

    assertThat(appender.list).singleElement()
        .extracting(ILoggingEvent::getLevel).isEqualTo(Level.WARN);
  }
}
