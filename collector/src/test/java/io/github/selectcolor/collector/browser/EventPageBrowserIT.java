package io.github.selectcolor.collector.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.selectcolor.collector.KafkaBackedCollector;
import io.github.selectcolor.testkit.chromium.ChromiumExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The page and its tracker in headless Chromium against the real collector and a three-broker
 * cluster. A short acknowledgement bound makes the outage answer 503 quickly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"collector.ack-timeout=1s", "collector.retry-after=1s"})
class EventPageBrowserIT extends KafkaBackedCollector {

  private static final Duration PAGE_DEADLINE = Duration.ofSeconds(30);
  /** Brokers restart, elect leaders and refill the in-sync replicas before Kafka acknowledges. */
  private static final Duration RECOVERY_DEADLINE = Duration.ofSeconds(90);

  @RegisterExtension
  static final ChromiumExtension chromium = new ChromiumExtension();

  private final ObjectMapper json = new ObjectMapper();

  @LocalServerPort
  private int port;

  private WebDriver driver;

  /** Every test starts from the page with an empty queue. */
  @BeforeEach
  void openThePageWithAnEmptyQueue() {
    driver = chromium.chromium().driver();
    driver.get("http://localhost:" + port + "/");
    script("localStorage.clear();");
    driver.navigate().refresh();
    await("the tracker is loaded").atMost(PAGE_DEADLINE)
        .until(() -> (Boolean) script("return window.selectColorTracker !== undefined;"));
  }

  @Test
  void landsTheClickedColorWithAKoreanNameAndChromiumsUserAgent() {
    long before = topic.recordCount();

    driver.findElement(By.id("user-name")).sendKeys("김민준");
    colorButton("blue").click();

    WebElement confirmation = awaitConfirmation();
    JsonNode landed = theOnlyCopy(confirmation.getDomAttribute("data-event-id"), before);
    assertThat(landed.get("userName").asText()).isEqualTo("김민준");
    assertThat(landed.get("colorName").asText()).isEqualTo("blue");
    assertThat(landed.get("userAgent").asText()).isEqualTo(script("return navigator.userAgent;"));
    assertThat(landed.at("/agent/browser").asText()).isIn("Chrome", "Chromium");
    assertThat(confirmation.getText()).contains("김민준", "Blue");
  }

  @Test
  void stampsTheEventWithTheBrowsersLocalOffset() {
    long before = topic.recordCount();
    HasCdp cdp = (HasCdp) driver;
    cdp.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "Asia/Seoul"));
    try {
      driver.findElement(By.id("user-name")).sendKeys("Lee");
      colorButton("purple").click();
      JsonNode landed = theOnlyCopy(awaitConfirmation().getDomAttribute("data-event-id"), before);

      OffsetDateTime timestamp = OffsetDateTime.parse(landed.get("timestamp").asText());
      OffsetDateTime sentAt = OffsetDateTime.parse(landed.get("sentAt").asText());
      assertThat(timestamp.getOffset()).isEqualTo(ZoneOffset.ofHours(9));
      assertThat(sentAt.getOffset()).isEqualTo(ZoneOffset.ofHours(9));
      assertThat(sentAt).isAfterOrEqualTo(timestamp);
      assertThat(timestamp.toInstant()).isBetween(
          OffsetDateTime.now().minusMinutes(1).toInstant(), OffsetDateTime.now().toInstant());
    } finally {
      cdp.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", ""));
    }
  }

  /**
   * The reload happens while every attempt still gets 503, the flush at page hide included, so the
   * event can only land once the brokers are back: exactly once.
   */
  @Test
  void retriesThrough503AcrossAReloadAndLandsTheEventExactlyOnce() {
    driver.findElement(By.id("user-name")).sendKeys("박서연");
    long before = topic.recordCount();
    String eventId;
    kafka.cluster().stopAllBrokers();
    try {
      colorButton("green").click();
      awaitFailedAttempt("the tracker saw a refused attempt");
      assertThat(trackerStats()).containsEntry("lastStatus", 503L);
      assertThat(driver.findElement(By.id("status")).getDomAttribute("data-state"))
          .isEqualTo("retrying");
      eventId = (String) script("return window.selectColorTracker.pending()[0].eventId;");

      driver.navigate().refresh();
      awaitFailedAttempt("the reloaded tracker saw a refused attempt");
      assertThat(pendingEventIds()).containsExactly(eventId);
    } finally {
      kafka.cluster().startAllBrokers();
    }

    await("the tracker's queue is empty").atMost(RECOVERY_DEADLINE)
        .until(() -> queueLength() == 0);
    assertThat(theOnlyCopy(eventId, before).get("colorName").asText()).isEqualTo("green");
    assertThat(awaitConfirmation().getDomAttribute("data-event-id")).isEqualTo(eventId);
  }

  @Test
  void keepsRetryingThroughNetworkErrorsAndLandsTheEventOnce() {
    long before = topic.recordCount();
    HasCdp cdp = (HasCdp) driver;
    cdp.executeCdpCommand("Network.enable", Map.of());
    String eventId;
    try {
      cdp.executeCdpCommand("Network.setBlockedURLs", Map.of("urlPatterns",
          List.of(Map.of("urlPattern", "*://*:*/api/events", "block", true))));
      driver.findElement(By.id("user-name")).sendKeys("Zoë");
      colorButton("orange").click();
      awaitFailedAttempt("the tracker saw a network error");
      assertThat(trackerStats()).containsEntry("lastStatus", 0L);
      eventId = (String) script("return window.selectColorTracker.pending()[0].eventId;");
      await("the tracker keeps the event while the collector is unreachable")
          .during(Duration.ofSeconds(2)).atMost(PAGE_DEADLINE)
          .until(() -> pendingEventIds().equals(List.of(eventId)));
    } finally {
      cdp.executeCdpCommand("Network.setBlockedURLs", Map.of("urlPatterns", List.of()));
    }

    await("the tracker's queue is empty").atMost(PAGE_DEADLINE).until(() -> queueLength() == 0);
    assertThat(theOnlyCopy(eventId, before).get("userName").asText()).isEqualTo("Zoë");
  }

  @Test
  void dropsOnlyTheRefusedEventOfABatchAndShowsWhy() {
    long before = topic.recordCount();

    String goodId = (String) script("const tracker = window.selectColorTracker;"
        + "tracker.track({userName: 'lee', colorName: 'mauve'});"
        + "return tracker.track({userName: 'lee', colorName: 'red'}).eventId;");

    await("the tracker's queue is empty").atMost(PAGE_DEADLINE).until(() -> queueLength() == 0);
    Map<String, Object> stats = trackerStats();
    assertThat(stats).containsEntry("attempts", 3L).containsEntry("accepted", 1L)
        .containsEntry("refused", 1L).containsEntry("lastStatus", 202L);
    assertThat(theOnlyCopy(goodId, before).get("colorName").asText()).isEqualTo("red");
    WebElement error = driver.findElement(By.id("error"));
    assertThat(error.getDomAttribute("data-state")).isEqualTo("refused");
    assertThat(error.getText()).contains("mauve", "HTTP 400");
  }

  private WebElement colorButton(String color) {
    return driver.findElement(By.cssSelector("button[data-color='" + color + "']"));
  }

  private WebElement awaitConfirmation() {
    WebElement status = driver.findElement(By.id("status"));
    await("the page confirms the choice").atMost(RECOVERY_DEADLINE)
        .until(() -> "accepted".equals(status.getDomAttribute("data-state")));
    return status;
  }

  /** The record of an event, after checking that the topic holds exactly one with its id. */
  private JsonNode theOnlyCopy(String eventId, long recordsBefore) {
    assertThat(eventId).isNotBlank();
    List<JsonNode> copies = topic.readAll((int) recordsBefore + 1, PAGE_DEADLINE).stream()
        .map(record -> parse(record.value()))
        .filter(event -> eventId.equals(event.get("eventId").asText()))
        .toList();
    assertThat(copies).as("records with eventId %s", eventId).hasSize(1);
    return copies.get(0);
  }

  private JsonNode parse(byte[] value) {
    try {
      return json.readTree(value);
    } catch (IOException e) {
      throw new UncheckedIOException("A record in " + TOPIC + " is not JSON.", e);
    }
  }

  private void awaitFailedAttempt(String because) {
    await(because).atMost(PAGE_DEADLINE)
        .until(() -> ((Number) trackerStats().get("failedAttempts")).intValue() >= 1);
  }

  @SuppressWarnings("unchecked")
  private List<String> pendingEventIds() {
    return (List<String>) script(
        "return window.selectColorTracker.pending().map(event => event.eventId);");
  }

  private long queueLength() {
    return (Long) script("return window.selectColorTracker.queueLength();");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> trackerStats() {
    return (Map<String, Object>) script("return window.selectColorTracker.stats();");
  }

  private Object script(String javascript) {
    return ((JavascriptExecutor) driver).executeScript(javascript);
  }
}
