package io.github.selectcolor.collector.useragent;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.github.selectcolor.event.UserAgentDetails;
import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Parses User-Agent headers with Yauaa. Parsing one new header takes around a millisecond and the
 * analyzer serializes its callers, while real traffic repeats a few thousand headers; so results
 * are kept in a lock-free cache in front of it. Thread-safe.
 */
@Component
public class UserAgentParser {

  private static final Logger log = LoggerFactory.getLogger(UserAgentParser.class);
  private static final int CACHE_SIZE = 10_000;

  private final LoadingCache<String, UserAgentDetails> cache;

  public UserAgentParser() {
    long started = System.nanoTime();
    UserAgentAnalyzer analyzer = UserAgentAnalyzer.newBuilder()
        .withFields(UserAgent.AGENT_NAME, UserAgent.AGENT_VERSION_MAJOR,
            UserAgent.OPERATING_SYSTEM_NAME, UserAgent.DEVICE_CLASS)
        .withoutCache()
        .hideMatcherLoadStats()
        .immediateInitialization()
        .build();
    this.cache = Caffeine.newBuilder()
        .maximumSize(CACHE_SIZE)
        .build(header -> details(analyzer.parse(header)));
    log.info("The user-agent parser is ready after {} ms.", (System.nanoTime() - started) / 1_000_000);
  }

  /** The parts of the header; {@link UserAgentDetails#UNKNOWN} for a missing or empty header. */
  public UserAgentDetails parse(String header) {
    if (header == null || header.isBlank()) {
      return UserAgentDetails.UNKNOWN;
    }
    return cache.get(header);
  }

  private static UserAgentDetails details(UserAgent agent) {
    return new UserAgentDetails(
        agent.getValue(UserAgent.AGENT_NAME),
        agent.getValue(UserAgent.AGENT_VERSION_MAJOR),
        agent.getValue(UserAgent.OPERATING_SYSTEM_NAME),
        agent.getValue(UserAgent.DEVICE_CLASS));
  }
}
