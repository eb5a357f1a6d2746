package io.github.selectcolor.dashboard.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.json.JsonpDeserializer;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import io.github.selectcolor.dashboard.elasticsearch.ElasticsearchSection.ColorCount;
import io.github.selectcolor.dashboard.elasticsearch.ElasticsearchSection.Latency;
import io.github.selectcolor.dashboard.elasticsearch.ElasticsearchSection.LatestEvent;
import io.github.selectcolor.dashboard.elasticsearch.ElasticsearchSection.MinuteCount;
import io.github.selectcolor.dashboard.elasticsearch.ElasticsearchSection.NameCount;
import jakarta.json.stream.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads answers as Elasticsearch sends them (with typed keys, as the client asks for). */
class EventStatsReaderTest {

  private static final Instant NOW = Instant.parse("2026-11-22T10:15:40Z");

  private final EventStatsReader reader =
      new EventStatsReader("select-color", List.of("red", "green", "blue"));

  @Test
  void mapsHitsAndAggregationsIntoTheSection() throws IOException {
    ElasticsearchSection section = reader.read(response("search-response.json"), NOW);

    assertThat(section.available()).isTrue();
    assertThat(section.reason()).isNull();
    assertThat(section.totalDocuments()).isEqualTo(3);
    assertThat(section.colors()).containsExactly(new ColorCount("red", 1),
        new ColorCount("green", 0), new ColorCount("blue", 1), new ColorCount("mauve", 1));
    assertThat(section.topBrowsers()).containsExactly(new NameCount("Chrome", 1),
        new NameCount("Firefox", 1));
    assertThat(section.topOperatingSystems()).extracting(NameCount::name)
        .containsExactly("Linux", "Windows");
    assertThat(section.eventsPerMinute()).hasSize(30).endsWith(
        new MinuteCount(Instant.parse("2026-11-22T10:14:00Z"), 1),
        new MinuteCount(Instant.parse("2026-11-22T10:15:00Z"), 2));
    assertThat(section.latency()).isEqualTo(new Latency(300, 2, 2, 100L, 400L, 400L));
  }

  @Test
  void listsTheLatestEventsAsIndexedAndFallsBackToTheDocumentId() throws IOException {
    List<LatestEvent> latest = reader.read(response("search-response.json"), NOW).latestEvents();

    assertThat(latest).containsExactly(
        new LatestEvent("e3", "<script>alert(1)</script>", "red", "Firefox", "Windows",
            "2026-11-22T10:15:30.000Z", "2026-11-22T10:15:30.400Z"),
        new LatestEvent("e2", "김민준", "blue", "Chrome", "Linux",
            "2026-11-22T19:15:20.000+09:00", "2026-11-22T10:15:20.100Z"),
        new LatestEvent("topic+0+7", "Lee", "mauve", null, null, "2026-11-22T10:14:10.000Z", null));
  }

  @Test
  void readsAnAnswerWithoutAnyIndexAsAnEmptyDashboard() throws IOException {
    ElasticsearchSection section = reader.read(response("no-index-response.json"), NOW);

    assertThat(section.available()).isTrue();
    assertThat(section.totalDocuments()).isZero();
    assertThat(section.colors()).extracting(ColorCount::count).containsOnly(0L);
    assertThat(section.eventsPerMinute()).hasSize(30);
    assertThat(section.topBrowsers()).isEmpty();
    assertThat(section.latestEvents()).isEmpty();
    assertThat(section.latency()).isEqualTo(new Latency(300, 0, 0, null, null, null));
  }

  private static SearchResponse<StoredEvent> response(String resource) throws IOException {
    JsonpMapper mapper = new JacksonJsonpMapper();
    JsonpDeserializer<SearchResponse<StoredEvent>> deserializer =
        SearchResponse.createSearchResponseDeserializer(JsonpDeserializer.of(StoredEvent.class));
    try (InputStream json = EventStatsReaderTest.class.getResourceAsStream(resource);
        JsonParser parser = mapper.jsonProvider().createParser(json)) {
      return deserializer.deserialize(parser, mapper);
    }
  }
}
