package io.github.selectcolor.dashboard;

import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;

/**
 * Logs when a data source becomes unavailable and when it answers again: once per change, not on
 * every refresh, so that an outage of an hour is two lines rather than thousands. Each failure's
 * stack trace goes to DEBUG. Thread-safe.
 */
public final class AvailabilityLog {

  private final Logger log;
  private final String source;
  /** Null until the first answer: a source that is up at start-up is not news. */
  private final AtomicReference<Boolean> lastAvailable = new AtomicReference<>();

  /**
   * @param log    the logger of the source's class
   * @param source the source as a sentence's subject, such as {@code Elasticsearch at http://es:9200}
   */
  public AvailabilityLog(Logger log, String source) {
    this.log = log;
    this.source = source;
  }

  public void available() {
    if (Boolean.FALSE.equals(lastAvailable.getAndSet(true))) {
      log.info("{} answers again; the dashboard shows its part again.", source);
    }
  }

  /** Records a failure; the reason is a sentence, the cause is kept for DEBUG. */
  public void unavailable(String reason, Throwable cause) {
    if (!Boolean.FALSE.equals(lastAvailable.getAndSet(false))) {
      log.warn("{} is unavailable: {} The dashboard shows its part as unavailable until it answers"
          + " again.", source, reason);
    }
    log.debug("{} failed to answer.", source, cause);
  }
}
