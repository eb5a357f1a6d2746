package io.github.selectcolor.testkit.chromium;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The distribution's Chromium, driven headless through its own ChromeDriver, with a fresh profile.
 * Nothing is downloaded: the browser and driver paths default to Debian's {@code chromium} and
 * {@code chromium-driver} packages and can be moved with the {@code chromium.binary} and
 * {@code chromium.driver} system properties.
 */
public final class HeadlessChromium implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HeadlessChromium.class);

  private final Path profileDirectory;
  private final ChromeDriver driver;

  private HeadlessChromium(Path profileDirectory, ChromeDriver driver) {
    this.profileDirectory = profileDirectory;
    this.driver = driver;
  }

  public static HeadlessChromium start() {
    String binary = System.getProperty("chromium.binary", "/usr/bin/chromium");
    String driverPath = System.getProperty("chromium.driver", "/usr/bin/chromedriver");
    try {
      Path profile = Files.createTempDirectory("chromium-profile-");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(binary);
      // The closed network refuses Chromium's background connections; these flags keep it quiet.
      options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
          "--no-first-run", "--disable-background-networking", "--disable-component-update",
          "--disable-sync", "--user-data-dir=" + profile);
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(new File(driverPath))
          .usingAnyFreePort()
          .build();
      ChromeDriver driver = new ChromeDriver(service, options);
      log.info("Headless Chromium {} is running.", driver.getCapabilities().getBrowserVersion());
      return new HeadlessChromium(profile, driver);
    } catch (IOException e) {
      throw new IllegalStateException("Could not create a Chromium profile directory.", e);
    }
  }

  public WebDriver driver() {
    return driver;
  }

  public String userAgent() {
    return (String) driver.executeScript("return navigator.userAgent;");
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteProfile();
    }
  }

  private void deleteProfile() {
    try (Stream<Path> paths = Files.walk(profileDirectory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      log.warn("Could not delete the Chromium profile {}.", profileDirectory, e);
    }
  }
}
