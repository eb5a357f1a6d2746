package io.github.selectcolor.bench.lab;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Posts each event alone to a collector's {@code /api/events}, as a page's tracker would, without
 * retrying: a 202 is an acknowledgement, a 503 a refusal, and anything else is counted as no
 * answer.
 */
final class CollectorSender implements EventSender {

  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

  private final LabPolicy policy;
  private final URI events;
  private final ExecutorService callbacks;
  private final HttpClient http;

  CollectorSender(LabPolicy policy, URI collector) {
    this.policy = policy;
    this.events = collector.resolve("/api/events");
    this.callbacks = Executors.newFixedThreadPool(2,
        runnable -> new Thread(runnable, "lab-http-" + policy.optionName()));
    // HTTP/1.1 as browsers speak to the collector; the client's default, HTTP/2, would first try
    // an h2c upgrade that the collector does not offer.
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(callbacks)
        .connectTimeout(ANSWER_TIMEOUT).build();
  }

  @Override
  public String kind() {
    return "collector";
  }

  @Override
  public LabPolicy policy() {
    return policy;
  }

  @Override
  public String topic() {
    return policy.topic();
  }

  @Override
  public void send(String eventId, byte[] json, SendTally tally) {
    HttpRequest request = HttpRequest.newBuilder(events).timeout(ANSWER_TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build();
    long sent = tally.sending(eventId);
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete(
        (response, error) -> {
          if (error != null) {
            tally.unanswered();
          } else if (response.statusCode() == 202) {
            tally.acknowledged(eventId, sent);
          } else if (response.statusCode() == 503) {
            tally.refused();
          } else {
            tally.unanswered();
          }
        });
  }

  @Override
  public void close() {
    callbacks.shutdownNow();
  }
}
