package io.github.selectcolor.bench.elasticsearch;

/**
 * One measured round: the ceiling, then the connector.
 *
 * @param ceiling   the plain bulk loader
 * @param connector the connector in a Connect worker
 */
record EsRound(Indexing ceiling, Indexing connector) {

  double ratio() {
    return connector.documentsPerSecond() / ceiling.documentsPerSecond();
  }
}
