package io.github.selectcolor.collector.useragent;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.selectcolor.event.UserAgentDetails;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Parses User-Agent headers with Yauaa, off the web server's event loops: parsing a new header
 * takes a millisecond or more, and the analyzer serializes its callers. Real traffic repeats a few
 * thousand headers, so results are kept in a cache whose frequency-based admission keeps them when
 * a client sends a stream of made-up headers. Headers longer than {@value #MAX_PARSED_LENGTH}
 * characters are classified as hackers without a full parse, which bounds the cost of each; parses
 * waiting beyond {@value #MAX_QUEUED_PARSES} are refused with {@link ParserBusyException}.
 * Thread-safe.
 */
@Component
public class UserAgentParser implements DisposableBean {

  static final int MAX_PARSED_LENGTH = 512;
  static final int MAX_QUEUED_PARSES = 1_000;

  private static final Logger log = LoggerFactory.getLogger(UserAgentParser.class);
  private static final int CACHE_SIZE = 10_000;

  private final UserAgentAnalyzer analyzer;
  private final Cache<String, UserAgentDetails> cache;
  private final Scheduler parsing;
  private final Counter parsed;

  @Autowired
  public UserAgentParser(MeterRegistry meterRegistry) {
    this(meterRegistry, ForkJoinPool.commonPool());
  }

  /** With the executor that maintains the cache; tests run it on the caller for determinism. */
  UserAgentParser(MeterRegistry meterRegistry, Executor cacheMaintenance) {
    long started = System.nanoTime();
    this.analyzer = UserAgentAnalyzer.newBuilder()
        .withFields(UserAgent.AGENT_NAME, UserAgent.AGENT_VERSION_MAJOR,
            UserAgent.OPERATING_SYSTEM_NAME, UserAgent.DEVICE_CLASS)
        .withoutCache()
        .withUserAgentMaxLength(MAX_PARSED_LENGTH)
        .hideMatcherLoadStats()
        .immediateInitialization()
        .build();
    this.cache = Caffeine.newBuilder().maximumSize(CACHE_SIZE).executor(cacheMaintenance).build();
    this.parsing = Schedulers.newBoundedElastic(1, MAX_QUEUED_PARSES, "user-agent-parser");
    this.parsed = Counter.builder("collector.user.agents.parsed")
        .description("User-Agent headers parsed because the cache did not hold them.")
        .register(meterRegistry);
    log.info("The user-agent parser is ready after {} ms.", (System.nanoTime() - started) / 1_000_000);
  }

  /**
   * The parts of the header: at once when known, else from the parser's own thread.
   * {@link UserAgentDetails#UNKNOWN} for a missing or empty header.
   */
  public Mono<UserAgentDetails> parse(String header) {
    if (header == null || header.isBlank()) {
      return Mono.just(UserAgentDetails.UNKNOWN);
    }
    UserAgentDetails known = cache.getIfPresent(header);
    if (known != null) {
      return Mono.just(known);
    }
    return Mono.fromCallable(() -> cache.get(header, this::parseNow))
        .subscribeOn(parsing)
        .onErrorMap(RejectedExecutionException.class, full -> new ParserBusyException(
            MAX_QUEUED_PARSES + " user agents are already waiting to be parsed.", full));
  }

  private UserAgentDetails parseNow(String header) {
    parsed.increment();
    UserAgent agent = analyzer.parse(header);
    return new UserAgentDetails(
        agent.getValue(UserAgent.AGENT_NAME),
        agent.getValue(UserAgent.AGENT_VERSION_MAJOR),
        agent.getValue(UserAgent.OPERATING_SYSTEM_NAME),
        agent.getValue(UserAgent.DEVICE_CLASS));
  }

  @Override
  public void destroy() {
    parsing.dispose();
  }
}
