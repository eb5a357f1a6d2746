package io.github.selectcolor.dashboard.elasticsearch;

import static io.github.selectcolor.dashboard.elasticsearch.EventStatsQuery.INDEXED_AT;
import static io.github.selectcolor.dashboard.elasticsearch.EventStatsQuery.RECEIVED_AT;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.FilterAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import io.github.selectcolor.dashboard.elasticsearch.ElasticsearchSection.LatestEvent;
import io.github.selectcolor.dashboard.elasticsearch.ElasticsearchSection.NameCount;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Turns the answer to {@link EventStatsQuery} into the snapshot's {@code elasticsearch} part. An
 * aggregation that is missing or of another kind (no index yet, a field not mapped) counts as
 * empty. Thread-safe.
 */
final class EventStatsReader {

  private final String index;
  private final List<String> palette;

  EventStatsReader(String index, List<String> palette) {
    this.index = index;
    this.palette = List.copyOf(palette);
  }

  ElasticsearchSection read(SearchResponse<StoredEvent> response, Instant now) {
    Map<String, Aggregate> aggregations = response.aggregations();
    long total = response.hits().total() == null ? 0 : response.hits().total().value();
    return new ElasticsearchSection(true, null, index, total,
        ColorCounts.of(palette, termCounts(aggregations.get(EventStatsQuery.COLORS))),
        MinuteSeries.of(now, minuteCounts(aggregations.get(EventStatsQuery.RECENT))),
        names(termCounts(aggregations.get(EventStatsQuery.BROWSERS))),
        names(termCounts(aggregations.get(EventStatsQuery.OPERATING_SYSTEMS))),
        latest(response.hits().hits()),
        latency(aggregations.get(EventStatsQuery.LATENCY)));
  }

  /** Counts by term, largest first as Elasticsearch orders them. */
  private static Map<String, Long> termCounts(Aggregate aggregate) {
    Map<String, Long> counts = new LinkedHashMap<>();
    if (aggregate != null && aggregate.isSterms()) {
      for (StringTermsBucket bucket : aggregate.sterms().buckets().array()) {
        counts.put(bucket.key().stringValue(), bucket.docCount());
      }
    }
    return counts;
  }

  private static List<NameCount> names(Map<String, Long> counts) {
    return counts.entrySet().stream()
        .map(entry -> new NameCount(entry.getKey(), entry.getValue()))
        .toList();
  }

  private static Map<Instant, Long> minuteCounts(Aggregate recent) {
    Map<Instant, Long> counts = new LinkedHashMap<>();
    Aggregate histogram = recent != null && recent.isFilter()
        ? recent.filter().aggregations().get(EventStatsQuery.PER_MINUTE) : null;
    if (histogram != null && histogram.isDateHistogram()) {
      for (DateHistogramBucket bucket : histogram.dateHistogram().buckets().array()) {
        counts.put(Instant.ofEpochMilli(bucket.key()), bucket.docCount());
      }
    }
    return counts;
  }

  private static List<LatestEvent> latest(List<Hit<StoredEvent>> hits) {
    List<LatestEvent> events = new ArrayList<>(hits.size());
    for (Hit<StoredEvent> hit : hits) {
      StoredEvent event = hit.source();
      if (event == null) {
        continue;
      }
      StoredEvent.Agent agent = event.agent();
      events.add(new LatestEvent(event.eventId() != null ? event.eventId() : hit.id(),
          event.userName(), event.colorName(), agent == null ? null : agent.browser(),
          agent == null ? null : agent.os(), event.receivedAt(), event.indexedAt()));
    }
    return events;
  }

  private static ElasticsearchSection.Latency latency(Aggregate aggregate) {
    if (aggregate == null || !aggregate.isFilter()) {
      return LatencyStats.of(EventStatsQuery.LATENCY_WINDOW, 0, List.of());
    }
    FilterAggregate window = aggregate.filter();
    Aggregate sample = window.aggregations().get(EventStatsQuery.LATENCY_SAMPLE);
    List<Long> latencies = new ArrayList<>();
    if (sample != null && sample.isTopHits()) {
      for (Hit<JsonData> hit : sample.topHits().hits().hits()) {
        OptionalLong received = millis(hit.fields().get(RECEIVED_AT));
        OptionalLong indexed = millis(hit.fields().get(INDEXED_AT));
        if (received.isPresent() && indexed.isPresent()) {
          latencies.add(indexed.getAsLong() - received.getAsLong());
        }
      }
    }
    return LatencyStats.of(EventStatsQuery.LATENCY_WINDOW, window.docCount(), latencies);
  }

  /** The first value of a doc-value field fetched with the epoch_millis format. */
  static OptionalLong millis(JsonData field) {
    if (field == null) {
      return OptionalLong.empty();
    }
    JsonValue value = field.toJson();
    if (value instanceof JsonArray array && !array.isEmpty()) {
      value = array.get(0);
    }
    if (value instanceof JsonNumber number) {
      return OptionalLong.of(number.longValue());
    }
    if (value instanceof JsonString text && text.getString().matches("-?\\d{1,19}")) {
      return OptionalLong.of(Long.parseLong(text.getString()));
    }
    return OptionalLong.empty();
  }
}
