package io.github.selectcolor.dashboard.elasticsearch;

import co.elastic.clients.elasticsearch._types.FieldSort;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The one search request a refresh makes: the latest events as hits, and everything else as
 * aggregations over the same index, so that Elasticsearch is asked once per snapshot.
 */
final class EventStatsQuery {

  static final String COLORS = "colors";
  static final String BROWSERS = "browsers";
  static final String OPERATING_SYSTEMS = "operatingSystems";
  static final String RECENT = "recent";
  static final String PER_MINUTE = "perMinute";
  static final String LATENCY = "latency";
  static final String LATENCY_SAMPLE = "sample";
  static final String RECEIVED_AT = "receivedAt";
  static final String INDEXED_AT = "indexedAt";

  /** Top browsers and operating systems shown. */
  static final int TOP = 5;
  /** More distinct colors than any palette has, so that every name indexed is counted. */
  static final int COLOR_BUCKETS = 100;
  /** Elasticsearch's default cap on top_hits (index.max_inner_result_window). */
  static final int LATENCY_SAMPLE_SIZE = 100;
  static final Duration LATENCY_WINDOW = Duration.ofMinutes(5);
  static final List<String> LATEST_FIELDS = List.of("eventId", "userName", "colorName",
      "agent.browser", "agent.os", RECEIVED_AT, INDEXED_AT);

  private final String index;
  private final int latestEvents;

  EventStatsQuery(String index, int latestEvents) {
    this.index = index;
    this.latestEvents = latestEvents;
  }

  SearchRequest request(Instant now) {
    return SearchRequest.of(search -> search
        .index(index)
        // Before the first event there is no index behind the alias: an empty answer, not an error.
        .ignoreUnavailable(true)
        .allowNoIndices(true)
        .size(latestEvents)
        .trackTotalHits(total -> total.enabled(true))
        .sort(newestFirst())
        .source(source -> source.filter(filter -> filter.includes(LATEST_FIELDS)))
        .aggregations(COLORS, terms("colorName", COLOR_BUCKETS))
        .aggregations(BROWSERS, terms("agent.browser", TOP))
        .aggregations(OPERATING_SYSTEMS, terms("agent.os", TOP))
        .aggregations(RECENT, perMinute(now))
        .aggregations(LATENCY, latencySample(now)));
  }

  private static Aggregation terms(String field, int size) {
    return Aggregation.of(aggregation -> aggregation.terms(terms -> terms.field(field).size(size)));
  }

  private static Aggregation perMinute(Instant now) {
    return Aggregation.of(aggregation -> aggregation
        .filter(receivedSince(MinuteSeries.start(now)))
        .aggregations(PER_MINUTE, histogram -> histogram.dateHistogram(minutes -> minutes
            .field(RECEIVED_AT)
            .fixedInterval(interval -> interval.time("1m")))));
  }

  /** The latest events of the window that have both times, read from doc values as millis. */
  private static Aggregation latencySample(Instant now) {
    return Aggregation.of(aggregation -> aggregation
        .filter(filter -> filter.bool(bool -> bool
            .filter(receivedSince(now.minus(LATENCY_WINDOW)))
            .filter(indexed -> indexed.exists(exists -> exists.field(INDEXED_AT)))))
        .aggregations(LATENCY_SAMPLE, sample -> sample.topHits(top -> top
            .size(LATENCY_SAMPLE_SIZE)
            .sort(newestFirst())
            .source(source -> source.fetch(false))
            .docvalueFields(field -> field.field(RECEIVED_AT).format("epoch_millis"))
            .docvalueFields(field -> field.field(INDEXED_AT).format("epoch_millis")))));
  }

  private static Query receivedSince(Instant from) {
    String gte = from.truncatedTo(ChronoUnit.MILLIS).toString();
    return Query.of(query -> query.range(range -> range.date(date -> date.field(RECEIVED_AT).gte(gte))));
  }

  private static SortOptions newestFirst() {
    return SortOptions.of(sort -> sort.field(FieldSort.of(field -> field.field(RECEIVED_AT)
        .order(SortOrder.Desc).unmappedType(FieldType.Date))));
  }
}
