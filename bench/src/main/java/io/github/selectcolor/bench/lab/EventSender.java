package io.github.selectcolor.bench.lab;

/** Sends one event at a time into the lab's topics, counting each send's end in a tally. */
interface EventSender extends AutoCloseable {

  /** Who sends, such as {@code collector} or {@code producer}. */
  String kind();

  LabPolicy policy();

  /** The topic its events go to. */
  String topic();

  /** Sends the event without waiting for its end, which goes to the tally. */
  void send(String eventId, byte[] json, SendTally tally);

  @Override
  void close();
}
