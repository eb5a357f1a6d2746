package io.github.selectcolor.event;

/**
 * The parts of a User-Agent header that analyses group by.
 *
 * @param browser        the browser's name, such as {@code Chrome}
 * @param browserVersion the browser's major version, such as {@code 131}
 * @param os             the operating system's name, such as {@code Linux}
 * @param deviceClass    the kind of device, such as {@code Desktop}, {@code Phone} or {@code Robot}
 */
public record UserAgentDetails(String browser, String browserVersion, String os, String deviceClass) {

  public static final UserAgentDetails UNKNOWN =
      new UserAgentDetails("Unknown", "??", "Unknown", "Unknown");
}
