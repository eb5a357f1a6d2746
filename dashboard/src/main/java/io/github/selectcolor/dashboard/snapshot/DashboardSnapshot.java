package io.github.selectcolor.dashboard.snapshot;

import io.github.selectcolor.dashboard.elasticsearch.ElasticsearchSection;
import io.github.selectcolor.dashboard.hdfs.HdfsSection;
import io.github.selectcolor.dashboard.kafka.KafkaSection;
import java.time.Instant;

/**
 * The answer to {@code GET /api/dashboard}: one part per data source, each with
 * {@code available} and, when it is false, a {@code reason}; a failing source never hides the
 * others.
 *
 * @param generatedAt       when the data sources were asked
 * @param refreshIntervalMs how often the page asks again
 * @param elasticsearch     what Elasticsearch holds
 * @param kafka             the consumer groups' lag on the topic
 * @param hdfs              the files the HDFS sink committed in the last hour
 */
public record DashboardSnapshot(
    Instant generatedAt,
    long refreshIntervalMs,
    ElasticsearchSection elasticsearch,
    KafkaSection kafka,
    HdfsSection hdfs) {
}
