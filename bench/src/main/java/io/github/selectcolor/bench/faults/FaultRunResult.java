package io.github.selectcolor.bench.faults;

import java.util.List;
import java.util.Map;

/**
 * What a fault run measured.
 *
 * @param seed             the seed it ran with
 * @param plan             full or short
 * @param rate             clicks per second
 * @param faults           every fault, in order
 * @param client           the tracker clients' counts
 * @param drained          whether every page's queue emptied after the load
 * @param hdfs             the HDFS audit
 * @param elasticsearch    the Elasticsearch audit
 * @param elasticsearchDocuments Elasticsearch's own document count of the indices
 * @param sinksCaughtUp    whether both sinks had committed every partition to its end before the
 *                         stores were read; if not, events still on their way count as lost
 * @param topic            the copies of each eventId in the Kafka topic after the run
 * @param startupSeconds   from the first process to the whole pipeline ready
 * @param loadSeconds      from the first click to the last queue emptied
 * @param totalSeconds     the whole run
 */
record FaultRunResult(long seed, String plan, int rate, List<FaultRecord> faults,
    Map<String, Long> client, boolean drained, StoreTally hdfs, StoreTally elasticsearch,
    long elasticsearchDocuments, boolean sinksCaughtUp, TopicCopies topic, double startupSeconds,
    double loadSeconds, double totalSeconds) {

  boolean exactlyOnce() {
    return drained && hdfs.exactlyOnce() && elasticsearch.exactlyOnce()
        && elasticsearchDocuments == elasticsearch.distinct();
  }
}
