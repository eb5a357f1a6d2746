package io.github.selectcolor.bench.fuzz;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Sends fuzz requests: through one keep-alive {@link HttpClient} as a browser or script would, or
 * over a socket of their own for what no HTTP client sends (broken heads, bodies that never end).
 * Every request has a deadline; one not answered within it counts as a hang. Thread-safe.
 */
final class EdgeClient {

  private final URI base;
  private final Duration deadline;
  private final Duration slowDeadline;
  private final HttpClient http;
  private final Executor sockets;

  /** A slow sender's deadline is the body timeout it must meet plus the usual deadline. */
  EdgeClient(URI base, Duration deadline, Duration bodyTimeout, Executor sockets) {
    this.base = base;
    this.deadline = deadline;
    this.slowDeadline = bodyTimeout.plus(deadline);
    this.sockets = sockets;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(deadline).build();
  }

  CompletableFuture<Outcome> send(FuzzRequest request) {
    return switch (request.transfer()) {
      case LENGTH, CHUNKED -> sendHttp(request);
      case RAW -> CompletableFuture.supplyAsync(() -> sendRaw(request.raw(), deadline), sockets);
      case SLOW -> CompletableFuture.supplyAsync(() -> sendRaw(request.raw(), slowDeadline),
          sockets);
    };
  }

  private CompletableFuture<Outcome> sendHttp(FuzzRequest request) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(request.path()))
        .timeout(deadline)
        .method(request.method(), publisher(request));
    if (request.contentType() != null) {
      builder.header("Content-Type", request.contentType());
    }
    long start = System.nanoTime();
    return http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString())
        .handle((response, error) -> {
          long latency = System.nanoTime() - start;
          if (error != null) {
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            return Outcome.failed(cause.getClass().getSimpleName() + ": " + cause.getMessage(),
                latency);
          }
          boolean closed = response.headers().firstValue("connection")
              .map(value -> value.equalsIgnoreCase("close")).orElse(false);
          return new Outcome(response.statusCode(),
              response.headers().firstValue("content-type").orElse(null), response.body(),
              latency, closed, null);
        });
  }

  private static HttpRequest.BodyPublisher publisher(FuzzRequest request) {
    if (request.body() == null) {
      return HttpRequest.BodyPublishers.noBody();
    }
    if (request.transfer() == FuzzRequest.Transfer.CHUNKED) {
      // An unknown length makes the client send the body chunked.
      return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(request.body()));
    }
    return HttpRequest.BodyPublishers.ofByteArray(request.body());
  }

  /**
   * Writes the bytes, then reads until the collector closes the connection: every raw request
   * either asks to close or leaves its body unfinished, so an answer without a close is a hang.
   */
  private Outcome sendRaw(byte[] bytes, Duration wait) {
    long start = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(base.getHost(), base.getPort()),
          (int) deadline.toMillis());
      socket.setSoTimeout((int) wait.toMillis());
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
      byte[] answer = readToEnd(socket.getInputStream());
      return parse(answer, System.nanoTime() - start);
    } catch (SocketTimeoutException e) {
      return Outcome.failed("deadline: no close within " + wait.toMillis() + " ms",
          System.nanoTime() - start);
    } catch (IOException e) {
      return Outcome.failed(e.getClass().getSimpleName() + ": " + e.getMessage(),
          System.nanoTime() - start);
    }
  }

  private static byte[] readToEnd(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
      out.write(buffer, 0, read);
    }
    return out.toByteArray();
  }

  private static Outcome parse(byte[] answer, long latency) {
    String text = new String(answer, StandardCharsets.ISO_8859_1);
    int headEnd = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/1.1 ") || headEnd < 0) {
      return Outcome.failed("closed without an answer (" + answer.length + " bytes)", latency);
    }
    int status = Integer.parseInt(text.substring(9, 12));
    String contentType = null;
    for (String line : text.substring(0, headEnd).split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
        contentType = line.substring("content-type:".length()).trim();
      }
    }
    String body = new String(answer, headEnd + 4, answer.length - headEnd - 4,
        StandardCharsets.UTF_8);
    return new Outcome(status, contentType, body, latency, true, null);
  }
}
