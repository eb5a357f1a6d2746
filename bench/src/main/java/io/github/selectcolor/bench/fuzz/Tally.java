package io.github.selectcolor.bench.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Judges each answer and counts them by category and status: an answer is right when its status
 * is one the request allows, it is no 5xx but the 503 of a Kafka outage, a refusal carries the RFC
 * 9457 problem shape, and a 202 names the control's eventId. Thread-safe.
 */
final class Tally {

  private static final int KEPT_FAILURES = 30;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Map<String, Long>> counts = new TreeMap<>();
  private final Map<String, Long> maxLatencyNanos = new TreeMap<>();
  private final List<String> failures = new ArrayList<>();
  private final Set<UUID> accepted = new HashSet<>();
  private final Set<UUID> unsure = new HashSet<>();
  private long failureCount;
  private long requests;

  synchronized void record(FuzzRequest request, Outcome outcome) {
    requests++;
    String status = outcome.status() < 0 ? "no-answer" : String.valueOf(outcome.status());
    counts.computeIfAbsent(request.category(), key -> new TreeMap<>()).merge(status, 1L, Long::sum);
    maxLatencyNanos.merge(request.category(), outcome.latencyNanos(), Math::max);
    if (request.isControl()) {
      (outcome.status() == 202 ? accepted : unsure).add(request.controlId());
    }
    String wrong = judge(request, outcome);
    if (wrong != null) {
      failureCount++;
      if (failures.size() < KEPT_FAILURES) {
        failures.add(request.category() + " " + request.method() + " " + shorten(request.path())
            + ": " + wrong);
      }
    }
  }

  private static String judge(FuzzRequest request, Outcome outcome) {
    if (outcome.failure() != null) {
      return outcome.failure();
    }
    int status = outcome.status();
    if (!request.allowed().contains(status)) {
      return "answered " + status + ", expected " + request.allowed() + ": "
          + shorten(outcome.body());
    }
    if (status == 202) {
      return outcome.body().contains(request.controlId().toString()) ? null
          : "202 without the eventId: " + shorten(outcome.body());
    }
    if (request.transfer() == FuzzRequest.Transfer.RAW && outcome.body().isEmpty()) {
      return null;
    }
    return problemShapeError(status, outcome);
  }

  private static String problemShapeError(int status, Outcome outcome) {
    if (outcome.contentType() == null
        || !outcome.contentType().startsWith("application/problem+json")) {
      return status + " with Content-Type " + outcome.contentType() + ": "
          + shorten(outcome.body());
    }
    try {
      JsonNode problem = JSON.readTree(outcome.body());
      boolean shaped = problem != null && problem.path("status").asInt() == status
          && problem.hasNonNull("title") && problem.hasNonNull("type");
      return shaped ? null : status + " with a body not of the problem shape: "
          + shorten(outcome.body());
    } catch (IOException e) {
      return status + " with a body that is not JSON: " + shorten(outcome.body());
    }
  }

  private static String shorten(String text) {
    return text.length() <= 160 ? text : text.substring(0, 160) + "...";
  }

  synchronized long requests() {
    return requests;
  }

  synchronized long failureCount() {
    return failureCount;
  }

  synchronized List<String> failures() {
    return List.copyOf(failures);
  }

  synchronized Map<String, Map<String, Long>> counts() {
    Map<String, Map<String, Long>> copy = new TreeMap<>();
    counts.forEach((category, statuses) -> copy.put(category, new TreeMap<>(statuses)));
    return Collections.unmodifiableMap(copy);
  }

  synchronized Map<String, Long> maxLatencyNanos() {
    return Map.copyOf(maxLatencyNanos);
  }

  /** The controls answered 202: each must be in the topic exactly once. */
  synchronized Set<UUID> accepted() {
    return Set.copyOf(accepted);
  }

  /** The controls not answered 202: each may be in the topic at most once, or not at all. */
  synchronized Set<UUID> unsure() {
    return Set.copyOf(unsure);
  }
}
