package io.github.selectcolor.bench.faults;

import io.github.selectcolor.bench.cluster.ManagedProcess;
import io.github.selectcolor.bench.cluster.Poll;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Waits for a part's HTTP endpoint to answer 200, failing early when its process exits. */
public final class HttpProbe {

  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();

  private HttpProbe() {
  }

  public static void awaitOk(ManagedProcess process, URI url, Duration timeout)
      throws TimeoutException {
    Poll.until(process.name() + " answering 200 at " + url, timeout, Duration.ofMillis(250),
        e -> e instanceof IOException, () -> {
          if (!process.isAlive()) {
            throw new IllegalStateException(process.name() + " exited while starting; see "
                + process.log() + ".");
          }
          return status(url) == 200;
        });
  }

  /** The status of a GET; an IOException when nothing answered. */
  public static int status(URI url) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET().build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
