package io.github.selectcolor.essink.documents;

import org.apache.kafka.connect.sink.SinkRecord;

/**
 * What one record becomes in Elasticsearch.
 *
 * @param id     the document's {@code _id}: the event's {@code eventId}, else topic+partition+offset
 * @param index  the daily index it goes to
 * @param source the document's JSON
 * @param record the record it came from, for offsets and the dead-letter queue
 */
public record Document(String id, String index, byte[] source, SinkRecord record) {
}
