package io.github.selectcolor.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.selectcolor.testkit.chromium.ChromiumExtension;
import io.github.selectcolor.testkit.net.FreePorts;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The whole local pipeline on free ports and a temporary data folder: users click in headless
 * Chromium, the dashboard shows it, HDFS and Elasticsearch hold exactly those events, and a stop
 * and a start keep them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackIT {

  private static final String KOREAN_NAME = "김민준";
  private static final String SCRIPT_NAME = "<script>window.injected=true</script>Lee";
  private static final Duration PAGE_DEADLINE = Duration.ofSeconds(30);
  private static final Duration DASHBOARD_DEADLINE = Duration.ofSeconds(10);

  @TempDir
  static Path data;

  @RegisterExtension
  static final ChromiumExtension chromium = new ChromiumExtension();

  private static StackSettings settings;
  private static LocalStack stack;
  /** The events the users sent, by eventId, with the name and color each carried. */
  private static final Map<String, List<String>> sent = new LinkedHashMap<>();

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startThePipeline() {
    // Kafka's clients are given its ports, so they are picked now; the others are the OS's choice.
    settings = new StackSettings(data, FreePorts.pick(3), 0, 0, 0, 0, 0, 0,
        StackSettings.LOCAL_ROLL_AGE, StackSettings.LOOPBACK);
    stack = LocalStack.start(settings, BundledEngines.inThisJar());
  }

  @AfterAll
  static void stopThePipeline() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void twoUsersPickThreeColorsAndEveryPartShowsExactlyThoseEvents() throws Exception {
    WebDriver driver = chromium.chromium().driver();
    pick(driver, KOREAN_NAME, "blue");
    pick(driver, KOREAN_NAME, "red");
    pick(driver, SCRIPT_NAME, "green");

    driver.get(stack.dashboardUrl().toString());
    await("the dashboard shows the three choices").atMost(DASHBOARD_DEADLINE)
        .until(() -> colorCount(driver, "blue") == 1 && colorCount(driver, "red") == 1
            && colorCount(driver, "green") == 1 && latestEventNames(driver).size() == 3);
    assertThat(latestEventNames(driver)).containsExactlyInAnyOrder(KOREAN_NAME, KOREAN_NAME,
        SCRIPT_NAME);
    assertThat(((JavascriptExecutor) driver).executeScript("return window.injected === undefined;"))
        .isEqualTo(true);

    assertThat(theTopicsJsonEvents()).containsOnlyKeys(sent.keySet());
    await("HDFS holds the three events").atMost(settings.hdfsRollAge().plus(PAGE_DEADLINE))
        .until(() -> committedEventIds().size() == sent.size());
    assertThat(committedEventIds()).containsExactlyInAnyOrderElementsOf(sent.keySet());
    for (Map.Entry<String, List<String>> event : sent.entrySet()) {
      JsonNode document = document(event.getKey());
      assertThat(document.path("found").asBoolean()).isTrue();
      assertThat(List.of(document.at("/_source/userName").asText(),
          document.at("/_source/colorName").asText())).isEqualTo(event.getValue());
    }
    assertThat(documentCount()).isEqualTo(sent.size());
  }

  @Test
  @Order(2)
  void stopsWithNothingLostAndStartsAgainWithItsData() throws Exception {
    // Accepted just before the stop: the sinks may not have them yet when it begins.
    for (int i = 0; i < 20; i++) {
      sent.put(post("api-user-" + i, "yellow"), List.of("api-user-" + i, "yellow"));
    }
    stack.close();
    stack = LocalStack.start(settings, BundledEngines.inThisJar());

    assertThat(theTopicsJsonEvents()).containsOnlyKeys(sent.keySet());
    await("Elasticsearch holds every event once").atMost(PAGE_DEADLINE)
        .until(() -> documentCount() == sent.size());
    await("HDFS holds every event").atMost(settings.hdfsRollAge().plus(PAGE_DEADLINE))
        .until(() -> committedEventIds().size() >= sent.size());
    assertThat(committedEventIds()).containsExactlyInAnyOrderElementsOf(sent.keySet());

    pick(chromium.chromium().driver(), "박서연", "purple");
    await("the new event is searchable").atMost(PAGE_DEADLINE)
        .until(() -> documentCount() == sent.size());
    await("the new event is in HDFS").atMost(settings.hdfsRollAge().plus(PAGE_DEADLINE))
        .until(() -> committedEventIds().size() >= sent.size());
    assertThat(committedEventIds()).containsExactlyInAnyOrderElementsOf(sent.keySet());
  }

  /** Posts one event as the tracker would and returns its eventId once the collector accepted it. */
  private String post(String userName, String color) throws Exception {
    String eventId = UUID.randomUUID().toString();
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
        stack.pageUrl().resolve("/api/events"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"eventId\":\"" + eventId
            + "\",\"userName\":\"" + userName + "\",\"colorName\":\"" + color + "\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return eventId;
  }

  /** Opens the page as a new user, picks a color and waits until the collector accepted it. */
  @Test
  @Order(3)
  void givesEveryTopicItMakesTheEventsTopicsReplication() throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        stack.bootstrapServers()))) {
      Map<String, TopicDescription> topics = admin.describeTopics(admin.listTopics().names().get())
          .allTopicNames().get();
      int eventsReplication = replication(topics.get(LocalStack.TOPIC));

      assertThat(eventsReplication).isEqualTo(3);
      assertThat(topics).containsKeys(LocalStack.DEAD_LETTER_TOPIC, "select-color-connect-configs",
          "select-color-connect-offsets", "select-color-connect-status");
      assertThat(topics.values()).allSatisfy(topic -> assertThat(replication(topic))
          .as("replication of %s", topic.name()).isEqualTo(eventsReplication));
      ConfigResource deadLetters = new ConfigResource(ConfigResource.Type.TOPIC,
          LocalStack.DEAD_LETTER_TOPIC);
      assertThat(admin.describeConfigs(List.of(deadLetters)).all().get().get(deadLetters)
          .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()).isEqualTo("2");
    }
  }

  private static int replication(TopicDescription topic) {
    return topic.partitions().get(0).replicas().size();
  }

  private static void pick(WebDriver driver, String userName, String color) {
    driver.get(stack.pageUrl().toString());
    await("the tracker is loaded").atMost(PAGE_DEADLINE).until(() -> (Boolean)
        ((JavascriptExecutor) driver).executeScript("return window.selectColorTracker !== undefined;"));
    WebElement name = driver.findElement(By.id("user-name"));
    name.clear();
    name.sendKeys(userName);
    driver.findElement(By.cssSelector("button[data-color='" + color + "']")).click();
    WebElement status = driver.findElement(By.id("status"));
    await("the page confirms the choice").atMost(PAGE_DEADLINE)
        .until(() -> "accepted".equals(status.getDomAttribute("data-state")));
    sent.put(status.getDomAttribute("data-event-id"), List.of(userName, color));
  }

  /** The dashboard re-renders its tables on every refresh, so each read is one script. */
  private static long colorCount(WebDriver driver, String color) {
    Object count = ((JavascriptExecutor) driver).executeScript(
        "const cell = document.querySelector(\"#color-counts td.count[data-color='\" + arguments[0]"
            + " + \"']\"); return cell ? Number(cell.dataset.value) : -1;", color);
    return ((Number) count).longValue();
  }

  @SuppressWarnings("unchecked")
  private static List<String> latestEventNames(WebDriver driver) {
    return (List<String>) ((JavascriptExecutor) driver).executeScript(
        "return Array.from(document.querySelectorAll('#latest-events tbody tr[data-event-id] td.user'))"
            + ".map(cell => cell.textContent);");
  }

  private static PipelineStores stores() {
    return new PipelineStores(stack.bootstrapServers(), stack.hdfsUri(), stack.elasticsearchUrl());
  }

  private static Map<String, JsonNode> theTopicsJsonEvents() throws IOException {
    return stores().topicEvents();
  }

  private static List<String> committedEventIds() throws IOException {
    return stores().committedEventIds();
  }

  private static JsonNode document(String eventId) {
    return stores().document(eventId);
  }

  private static long documentCount() {
    return stores().documentCount();
  }
}
