package io.github.selectcolor.collector.delivery;

import io.github.selectcolor.event.SelectColorEvent;

/** An event together with the JSON bytes that go into its Kafka record. */
public record EncodedEvent(SelectColorEvent event, byte[] json) {
}
