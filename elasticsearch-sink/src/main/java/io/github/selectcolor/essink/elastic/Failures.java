package io.github.selectcolor.essink.elastic;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import java.io.IOException;
import org.elasticsearch.client.ResponseException;

/** Tells failures that trying again later can mend from those it cannot. */
public final class Failures {

  private static final int TOO_MANY_REQUESTS = 429;
  private static final int SERVER_ERROR = 500;

  private Failures() {
  }

  /**
   * Whether the request may succeed later: Elasticsearch could not be reached, or answered 429 or
   * 5xx. Other answers (a refused request, wrong credentials) stay as they are.
   */
  public static boolean isTransient(Throwable error) {
    if (error instanceof ElasticsearchException refused) {
      return isTransient(refused.status());
    }
    if (error instanceof TransportException transport) {
      return transport.statusCode() <= 0 || isTransient(transport.statusCode());
    }
    if (error instanceof ResponseException answered) {
      return isTransient(answered.getResponse().getStatusLine().getStatusCode());
    }
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTransient(int status) {
    return status == TOO_MANY_REQUESTS || status >= SERVER_ERROR;
  }
}
