package io.github.selectcolor.bench.fuzz;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One phase of the run: a stream of generated requests kept at a fixed concurrency until the
 * count or the time bound is reached, with slow senders holding connections alongside in lanes
 * of their own, so that the stream shows whether they block other clients.
 *
 * @param name        the phase, as reported
 * @param requests    requests of the main stream
 * @param slowSenders bodies that never end, sent alongside
 * @param concurrency requests of the main stream in flight at once
 * @param slowLanes   slow senders holding a connection at once
 * @param bound       the longest the phase may issue requests
 */
record FuzzPhase(String name, int requests, int slowSenders, int concurrency, int slowLanes,
    Duration bound) {

  /** Runs the phase; returns once every request has its answer or its failure. */
  Tally run(EdgeClient client, HostileRequests generator) throws InterruptedException {
    Tally tally = new Tally();
    ExecutorService lanes = Executors.newFixedThreadPool(slowLanes, named("fuzz-slow-"));
    List<CompletableFuture<Void>> slow = new ArrayList<>();
    for (int i = 0; i < slowSenders; i++) {
      FuzzRequest request = generator.slowSender();
      slow.add(CompletableFuture.runAsync(
          () -> tally.record(request, client.send(request).join()), lanes));
    }
    Semaphore inFlight = new Semaphore(concurrency);
    long deadline = System.nanoTime() + bound.toNanos();
    for (int i = 0; i < requests && System.nanoTime() < deadline; i++) {
      FuzzRequest request = generator.next();
      inFlight.acquire();
      client.send(request).whenComplete((outcome, error) -> {
        tally.record(request, outcome != null ? outcome
            : Outcome.failed("client error: " + error, 0));
        inFlight.release();
      });
    }
    inFlight.acquire(concurrency);
    CompletableFuture.allOf(slow.toArray(CompletableFuture[]::new)).join();
    lanes.shutdown();
    lanes.awaitTermination(1, TimeUnit.MINUTES);
    return tally;
  }

  static java.util.concurrent.ThreadFactory named(String prefix) {
    AtomicInteger next = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + next.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
