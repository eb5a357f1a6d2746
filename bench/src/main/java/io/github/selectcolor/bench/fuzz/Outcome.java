package io.github.selectcolor.bench.fuzz;

/**
 * What came back for one request.
 *
 * @param status       the HTTP status, or -1 when no answer came
 * @param contentType  the answer's Content-Type, or null
 * @param body         the answer's body as text
 * @param latencyNanos from the first byte sent to the whole answer read (or the failure)
 * @param closed       whether the collector closed the connection after answering
 * @param failure      why no answer came (reset, deadline, ...), or null
 */
record Outcome(int status, String contentType, String body, long latencyNanos, boolean closed,
    String failure) {

  static Outcome failed(String failure, long latencyNanos) {
    return new Outcome(-1, null, "", latencyNanos, true, failure);
  }
}
