package io.github.selectcolor.bench.faults;

/** One click as the page's tracker queues it, with the eventId that identifies it everywhere. */
record ClickEvent(String eventId, String timestamp, String userName, String colorName) {
}
