package io.github.selectcolor.essink.it;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Everything the test JVM logs while it is open (the Connect worker, the connector loaded from its
 * plugin, Kafka), formatted as the test's console shows it, so that a test can say how much an
 * outage adds to the log. Thread-safe.
 */
final class LogCapture implements AutoCloseable {

  private static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";

  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final PatternLayout layout = new PatternLayout();
  private final Collector collector = new Collector();

  private LogCapture() {
    LoggerContext context = root.getLoggerContext();
    layout.setContext(context);
    layout.setPattern(PATTERN);
    layout.start();
    collector.setContext(context);
    collector.start();
    root.addAppender(collector);
  }

  static LogCapture start() {
    return new LogCapture();
  }

  /** Lines logged so far: an event with a stack trace counts each line of it. */
  synchronized long lines() {
    return collector.formatted.stream().mapToLong(text -> text.lines().count()).sum();
  }

  synchronized long bytes() {
    return collector.formatted.stream()
        .mapToLong(text -> text.getBytes(StandardCharsets.UTF_8).length).sum();
  }

  /** Events logged so far with an exception, whose stack trace the log shows. */
  synchronized long withStackTraces() {
    return collector.events.stream().filter(event -> event.getThrowableProxy() != null).count();
  }

  synchronized long matching(Level level, String text) {
    return collector.events.stream().filter(event -> event.getLevel().equals(level)
        && event.getFormattedMessage().contains(text)).count();
  }

  /** The log as captured, for assertion messages. */
  synchronized String text() {
    return String.join("", collector.formatted);
  }

  @Override
  public void close() {
    root.detachAppender(collector);
    collector.stop();
    layout.stop();
  }

  private final class Collector extends AppenderBase<ILoggingEvent> {

    private final List<ILoggingEvent> events = new ArrayList<>();
    private final List<String> formatted = new ArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
      String text = layout.doLayout(event);
      synchronized (LogCapture.this) {
        events.add(event);
        formatted.add(text);
      }
    }
  }
}
