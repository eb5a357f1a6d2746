package io.github.selectcolor.essink;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The connector's version, as Maven built it. */
final class Version {

  private static final String VERSION = read();

  private Version() {
  }

  static String get() {
    return VERSION;
  }

  private static String read() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
