package io.github.selectcolor.testkit.chromium;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Starts one {@link HeadlessChromium} before the tests of a class and quits it after them. */
public final class ChromiumExtension implements BeforeAllCallback, AfterAllCallback {

  private HeadlessChromium chromium;

  @Override
  public void beforeAll(ExtensionContext context) {
    chromium = HeadlessChromium.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (chromium != null) {
      chromium.close();
    }
  }

  public HeadlessChromium chromium() {
    if (chromium == null) {
      throw new IllegalStateException("Chromium starts before all tests of the class; "
          + "register the extension on a static field.");
    }
    return chromium;
  }
}
