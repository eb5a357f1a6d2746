package io.github.selectcolor.bench.fuzz;

/**
 * The figures of one phase.
 *
 * @param phase         what ran
 * @param tally         the answers, counted and judged
 * @param seconds       how long the phase took
 * @param heapBefore    heap in use before, bytes
 * @param heapMax       the highest heap in use sampled during the phase, bytes
 * @param heapAfter     heap in use after, bytes
 * @param topic         the Kafka check, or null when Kafka was down
 */
record PhaseResult(FuzzPhase phase, Tally tally, double seconds, long heapBefore, long heapMax,
    long heapAfter, TopicCheck topic) {

  boolean passed() {
    return tally.failureCount() == 0 && (topic == null || topic.passed());
  }
}
