package io.github.selectcolor.bench.fuzz;

import java.util.Set;
import java.util.UUID;

/**
 * One request of the fuzz run and what the collector may answer to it.
 *
 * @param category    the kind of hostile input, for the counts
 * @param method      the HTTP method
 * @param path        path and query
 * @param contentType the Content-Type header, or null for none
 * @param body        the body, or null for none
 * @param transfer    how the body is sent
 * @param raw         for {@link Transfer#RAW} and {@link Transfer#SLOW}: the bytes written to a
 *                    socket of its own, as they are
 * @param allowed     the statuses that count as a correct answer
 * @param controlId   the eventId of a valid control event, else null
 */
record FuzzRequest(String category, String method, String path, String contentType, byte[] body,
    Transfer transfer, byte[] raw, Set<Integer> allowed, UUID controlId) {

  /** How a request goes over the wire. */
  enum Transfer {
    /** HttpClient with Content-Length. */
    LENGTH,
    /** HttpClient with Transfer-Encoding: chunked. */
    CHUNKED,
    /** A socket of its own, bytes as given, then read the answer; an empty body is allowed. */
    RAW,
    /** A socket of its own: headers and part of the body, then silence until answered. */
    SLOW
  }

  boolean isControl() {
    return controlId != null;
  }
}
