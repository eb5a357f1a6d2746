package io.github.selectcolor.dashboard.elasticsearch;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * What Elasticsearch holds, as the {@code elasticsearch} part of the snapshot. When Elasticsearch
 * does not answer, only {@code available: false}, the {@code reason} and the {@code index} are
 * present.
 *
 * @param available           whether Elasticsearch answered this refresh
 * @param reason              why not, a sentence; absent when available
 * @param index               the index or alias read
 * @param totalDocuments      the events indexed
 * @param colors              selections per color: the palette's in order (0 when unpicked), then
 *                            any other names by count
 * @param eventsPerMinute     events by the minute they were received, the last 30 minutes, oldest
 *                            first, minutes without events included
 * @param topBrowsers         the five most frequent browsers
 * @param topOperatingSystems the five most frequent operating systems
 * @param latestEvents        the latest events by {@code receivedAt}, newest first
 * @param latency             how long events took from the collector to Elasticsearch
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ElasticsearchSection(
    boolean available,
    String reason,
    String index,
    Long totalDocuments,
    List<ColorCount> colors,
    List<MinuteCount> eventsPerMinute,
    List<NameCount> topBrowsers,
    List<NameCount> topOperatingSystems,
    List<LatestEvent> latestEvents,
    Latency latency) {

  static ElasticsearchSection unavailable(String index, String reason) {
    return new ElasticsearchSection(false, reason, index, null, null, null, null, null, null, null);
  }

  /** @param color the {@code colorName} as indexed */
  public record ColorCount(String color, long count) {
  }

  /** @param minute the start of the minute */
  public record MinuteCount(Instant minute, long count) {
  }

  public record NameCount(String name, long count) {
  }

  /** One event as indexed; times are as the event carries them (ISO-8601 with an offset). */
  public record LatestEvent(String eventId, String userName, String colorName, String browser,
      String os, String receivedAt, String indexedAt) {
  }

  /**
   * From {@code receivedAt} (the collector's clock) to {@code indexedAt} (the connector's clock),
   * over the latest events of a recent window. The two clocks may differ, so a latency can be
   * negative. The percentiles are null when no event of the window is sampled.
   *
   * @param windowSeconds  the window, the last 5 minutes
   * @param eventsInWindow the events indexed with both times in the window
   * @param sampled        the latest of them the figures are computed from, at most 100
   * @param p50Ms          the median, nearest rank
   * @param p99Ms          the 99th percentile, nearest rank
   * @param maxMs          the largest
   */
  public record Latency(long windowSeconds, long eventsInWindow, int sampled, Long p50Ms,
      Long p99Ms, Long maxMs) {
  }
}
