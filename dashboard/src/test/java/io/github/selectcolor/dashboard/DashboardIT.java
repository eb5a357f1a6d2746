package io.github.selectcolor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.selectcolor.dashboard.elasticsearch.ElasticsearchSection;
import io.github.selectcolor.dashboard.elasticsearch.ElasticsearchSource;
import io.github.selectcolor.testkit.chromium.ChromiumExtension;
import io.github.selectcolor.testkit.elasticsearch.ElasticsearchExtension;
import io.github.selectcolor.testkit.hdfs.HdfsClusterExtension;
import io.github.selectcolor.testkit.kafka.KafkaClusterExtension;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The dashboard on real engines - Kafka, HDFS, Elasticsearch - seeded with what the pipeline
 * would have written, and its page in headless Chromium. One dashboard for the class, started
 * the way the local pipeline embeds it; the Elasticsearch outage comes last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {

  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final String TOPIC = "select-color";
  private static final String INDEX = "select-color-2026.11.22";
  private static final String BASE_PATH = "/pipeline";
  private static final String SCRIPT_NAME = "<script>alert(1)</script>";
  private static final String KOREAN_NAME = "김민준";
  /** Records what the page's Content-Security-Policy blocked, from before any script runs. */
  private static final String CSP_RECORDER = "if (!window.cspViolations) {"
      + " window.cspViolations = [];"
      + " document.addEventListener('securitypolicyviolation',"
      + " (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI)); }";

  @RegisterExtension
  static final KafkaClusterExtension kafka = KafkaClusterExtension.withBrokers(1);

  @RegisterExtension
  static final HdfsClusterExtension hdfs = HdfsClusterExtension.withDataNodes(1);

  @RegisterExtension
  static final ElasticsearchExtension elasticsearch = ElasticsearchExtension.singleNode();

  @RegisterExtension
  static final ChromiumExtension chromium = new ChromiumExtension();

  private static ConfigurableApplicationContext dashboard;
  private static DashboardClient client;
  private static String baseUrl;
  private static long committedBytes;

  @BeforeAll
  static void startTheDashboardOnSeededEngines() {
    Instant now = Instant.now();
    PipelineSeeds.indexEvents(elasticsearch.url(), INDEX, List.of(
        IndexedEvent.of(KOREAN_NAME, "blue", "Chrome", "Linux", now.minusSeconds(50), 100),
        IndexedEvent.of("Lee", "blue", "Chrome", "Linux", now.minusSeconds(40), 200),
        IndexedEvent.of(SCRIPT_NAME, "red", "Firefox", "Windows", now.minusSeconds(30), 300),
        IndexedEvent.of("Zoë", "white", "Chrome", "Android", now.minusSeconds(20), 400),
        IndexedEvent.of("Kim", "mauve", "Firefox", "Linux", now.minusSeconds(10), 1500)));
    PipelineSeeds.createTopicWithRecords(kafka.bootstrapServers(), TOPIC, 4, 3, 3);
    PipelineSeeds.commitOffsets(kafka.bootstrapServers(), "hdfs-sink", TOPIC, Map.of(0, 4L, 1, 1L));
    committedBytes = PipelineSeeds.writeSinkFiles(hdfs.fileSystem(), BASE_PATH, TOPIC, now);

    dashboard = DashboardApplication.builder().properties(
            "spring.config.name=dashboard",
            "server.port=0",
            "spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
            "dashboard.elasticsearch.urls=" + elasticsearch.url(),
            "dashboard.hdfs.file-system=" + hdfs.uri(),
            "dashboard.hdfs.base-path=" + BASE_PATH,
            "dashboard.refresh-interval=500ms",
            "dashboard.source-timeout=2s")
        .run();
    baseUrl = "http://localhost:" + dashboard.getEnvironment().getProperty("local.server.port");
    client = new DashboardClient(baseUrl);
  }

  @AfterAll
  static void stopTheDashboard() {
    if (dashboard != null) {
      dashboard.close();
    }
  }

  @Test
  void reportsColorsAgentsLatestEventsAndLatencyFromElasticsearch() {
    JsonNode section = client.snapshot().get("elasticsearch");

    assertThat(section.get("available").asBoolean()).isTrue();
    assertThat(section.has("reason")).isFalse();
    assertThat(section.get("totalDocuments").asLong()).isEqualTo(5);
    assertThat(counts(section.get("colors"), "color")).containsExactly(
        Map.entry("red", 1L), Map.entry("yellow", 0L), Map.entry("green", 0L),
        Map.entry("blue", 2L), Map.entry("orange", 0L), Map.entry("purple", 0L),
        Map.entry("pink", 0L), Map.entry("black", 0L), Map.entry("white", 1L),
        Map.entry("mauve", 1L));
    assertThat(counts(section.get("topBrowsers"), "name"))
        .containsExactly(Map.entry("Chrome", 3L), Map.entry("Firefox", 2L));
    assertThat(counts(section.get("topOperatingSystems"), "name")).containsExactly(
        Map.entry("Linux", 3L), Map.entry("Android", 1L), Map.entry("Windows", 1L));
    assertThat(section.get("eventsPerMinute")).hasSize(30);
    assertThat(StreamSupport.stream(section.get("eventsPerMinute").spliterator(), false)
        .mapToLong(minute -> minute.get("count").asLong()).sum()).isEqualTo(5);
    assertThat(StreamSupport.stream(section.get("latestEvents").spliterator(), false)
        .map(event -> event.get("userName").asText()))
        .containsExactly("Kim", "Zoë", SCRIPT_NAME, "Lee", KOREAN_NAME);
    JsonNode latency = section.get("latency");
    assertThat(latency.get("sampled").asInt()).isEqualTo(5);
    assertThat(latency.get("p50Ms").asLong()).isEqualTo(300);
    assertThat(latency.get("p99Ms").asLong()).isEqualTo(1500);
    assertThat(latency.get("maxMs").asLong()).isEqualTo(1500);
  }

  @Test
  void reportsTheLagOfEachConsumerGroup() {
    JsonNode section = client.snapshot().get("kafka");

    assertThat(section.get("available").asBoolean()).isTrue();
    assertThat(section.get("partitions").asInt()).isEqualTo(3);
    assertThat(section.get("endOffsets").asLong()).isEqualTo(10);
    JsonNode sink = section.get("groups").get(0);
    assertThat(sink.get("id").asText()).isEqualTo("hdfs-sink");
    assertThat(sink.get("name").asText()).isEqualTo("HDFS sink");
    assertThat(sink.get("lag").asLong()).isEqualTo(0 + 2 + 3);
    assertThat(sink.get("committed").asBoolean()).isTrue();
    JsonNode connector = section.get("groups").get(1);
    assertThat(connector.get("id").asText()).isEqualTo("connect-select-color-elasticsearch");
    assertThat(connector.get("lag").asLong()).isEqualTo(10);
    assertThat(connector.get("committed").asBoolean()).isFalse();
    assertThat(connector.get("note").asText()).contains("committed no offset");
  }

  @Test
  void countsOnlyTheCommittedFilesOfTheLastHour() {
    JsonNode section = client.snapshot().get("hdfs");

    assertThat(section.get("available").asBoolean()).isTrue();
    assertThat(section.get("files").asLong()).isEqualTo(2);
    assertThat(section.get("bytes").asLong()).isEqualTo(committedBytes);
    assertThat(section.get("path").asText()).isEqualTo(hdfs.uri() + BASE_PATH + "/" + TOPIC);
  }

  @Test
  void answersAnAliasWithoutIndicesAsAnEmptyDashboard() throws IOException {
    DashboardProperties configured = dashboard.getBean(DashboardProperties.class);
    DashboardProperties noEventsYet = new DashboardProperties(configured.topic(),
        configured.refreshInterval(), configured.latestEvents(), configured.snapshotMaxAge(),
        configured.sourceTimeout(), configured.palette(), configured.consumerGroups(),
        new DashboardProperties.Elasticsearch(configured.elasticsearch().urls(), "no-events-yet",
            "", ""), configured.hdfs());

    try (ElasticsearchSource source = new ElasticsearchSource(noEventsYet)) {
      ElasticsearchSection section = source.read(Instant.now());

      assertThat(section.available()).isTrue();
      assertThat(section.totalDocuments()).isZero();
      assertThat(section.latestEvents()).isEmpty();
      assertThat(section.colors()).allSatisfy(color -> assertThat(color.count()).isZero());
    }
  }

  @Test
  void showsTheCountsAndLatestEventsWithNamesAsText() {
    WebDriver driver = openThePage();

    // The page re-renders on every refresh, so everything is read in one script.
    Object page = script(driver,
        "const text = (selector) => document.querySelector(selector).textContent;"
            + "const count = (color) => text(\"#color-counts td[data-color='\" + color + \"']\");"
            + "const users = Array.from(document.querySelectorAll('#latest-events tbody tr td.user'));"
            + "return {blue: count('blue'), red: count('red'), white: count('white'),"
            + " mauve: count('mauve'), green: count('green'),"
            + " users: users.map((cell) => cell.textContent),"
            + " scriptElements: users.filter((cell) => cell.querySelector('script') !== null).length,"
            + " docCount: text('#status-doc-count'),"
            + " latencyP50: document.getElementById('status-latency-p50').dataset.value,"
            + " hdfsFiles: text('#status-hdfs-files'),"
            + " hdfsSinkLag: text(\"#status-lags li[data-group='hdfs-sink'] .lag\")};");

    assertThat(page).asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry("blue", "2").containsEntry("red", "1").containsEntry("white", "1")
        .containsEntry("mauve", "1").containsEntry("green", "0")
        .containsEntry("users", List.of("Kim", "Zoë", SCRIPT_NAME, "Lee", KOREAN_NAME))
        .containsEntry("scriptElements", 0L)
        .containsEntry("docCount", "5").containsEntry("latencyP50", "300")
        .containsEntry("hdfsFiles", "2").containsEntry("hdfsSinkLag", "5");
    assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
  }

  @Test
  void drawsEachColorsBarInItsOwnColorWithChartJsFromTheWebJar() {
    WebDriver driver = openThePage();

    Object bars = script(driver,
        "const chart = Chart.getChart(document.getElementById('colors-chart'));"
            + "const dataset = chart.data.datasets[0];"
            + "const at = (name) => chart.data.labels.indexOf(name);"
            + "return {blue: dataset.backgroundColor[at('blue')],"
            + " mauve: dataset.backgroundColor[at('mauve')],"
            + " whiteBorder: dataset.borderWidth[at('white')], blueCount: dataset.data[at('blue')]};");

    assertThat(bars).asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry("blue", "#2463eb").containsEntry("mauve", "#9aa0a6")
        .containsEntry("whiteBorder", 2L).containsEntry("blueCount", 2L);
    assertThat(script(driver, "return window.cspViolations;"))
        .as("Content-Security-Policy violations").isEqualTo(List.of());
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void keepsKafkaAndHdfsAnsweringWhileElasticsearchIsDown() {
    elasticsearch.stop();

    await("the snapshot says Elasticsearch is unavailable").atMost(DEADLINE)
        .until(() -> !client.snapshot().at("/elasticsearch/available").asBoolean());
    JsonNode snapshot = client.snapshot();
    assertThat(snapshot.at("/elasticsearch/reason").asText()).contains("Elasticsearch");
    assertThat(snapshot.at("/elasticsearch/totalDocuments").isMissingNode()).isTrue();
    assertThat(snapshot.at("/kafka/available").asBoolean()).isTrue();
    assertThat(snapshot.at("/kafka/groups/0/lag").asLong()).isEqualTo(5);
    assertThat(snapshot.at("/hdfs/available").asBoolean()).isTrue();
    assertThat(snapshot.at("/hdfs/files").asLong()).isEqualTo(2);
    assertThat(client.status("/actuator/health/readiness"))
        .as("readiness while Elasticsearch is down").isEqualTo(200);

    WebDriver driver = openThePage();
    WebElement reason = driver.findElement(
        By.cssSelector("#colors-panel [data-reason-for='elasticsearch']"));
    await("the page shows why Elasticsearch is missing").atMost(DEADLINE)
        .until(() -> reason.isDisplayed() && reason.getText().contains("Elasticsearch"));
    assertThat(script(driver, "return [document.getElementById('colors-panel').dataset.available,"
        + " document.getElementById('status-hdfs-files').textContent];"))
        .isEqualTo(List.of("false", "2"));
  }

  private static WebDriver openThePage() {
    WebDriver driver = chromium.chromium().driver();
    ((HasCdp) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
        Map.of("source", CSP_RECORDER));
    driver.get(baseUrl + "/");
    await("the page shows a snapshot").atMost(DEADLINE).until(() -> "ok".equals(
        driver.findElement(By.id("refresh-status")).getDomAttribute("data-state")));
    return driver;
  }

  private static Object script(WebDriver driver, String javascript) {
    return ((JavascriptExecutor) driver).executeScript(javascript);
  }

  private static Map<String, Long> counts(JsonNode entries, String key) {
    Map<String, Long> counts = new LinkedHashMap<>();
    entries.forEach(entry -> counts.put(entry.get(key).asText(), entry.get("count").asLong()));
    return counts;
  }
}
