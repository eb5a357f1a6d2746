package io.github.selectcolor.launcher;

/**
 * A part of the local pipeline that did not start. Its message is one line that names the part and
 * the cause, for the console; the cause keeps the whole story for the log file.
 */
final class StartFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  StartFailure(String part, Throwable cause) {
    super(RunningParts.sentenceStart(part) + " could not start: " + summary(cause), cause);
  }

  StartFailure(String part, String reason) {
    super(RunningParts.sentenceStart(part) + " could not start: " + reason + ".");
  }

  /**
   * The first line of the outermost message, which says what was being done, and the innermost
   * cause, which usually says what was wrong, such as a path or a refused connection.
   */
  static String summary(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String outer = firstLine(failure.getMessage());
    String rootMessage = firstLine(root.getMessage());
    String inner = root.getClass().getSimpleName() + (rootMessage.isEmpty() ? "" : ": " + rootMessage);
    if (outer.isEmpty() || failure instanceof Error) {
      return inner;
    }
    if (root == failure || (!rootMessage.isEmpty() && outer.contains(rootMessage))) {
      return outer;
    }
    return outer + " (" + inner + ")";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int end = message.indexOf('\n');
    return (end < 0 ? message : message.substring(0, end)).trim();
  }
}
