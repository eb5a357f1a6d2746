package io.github.selectcolor.bench.lab;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A bare Kafka producer with the row's settings, keyed by eventId as the collector keys: the
 * comparison that shows what the collector adds or takes away. A send that timed out is counted
 * as no answer, since its record may still have been written (Kafka's waiting for metadata ends
 * the same way, and is counted so too); any other error as a refusal.
 */
final class ProducerSender implements EventSender {

  private final LabPolicy policy;
  private final String topic;
  private final KafkaProducer<String, byte[]> producer;

  ProducerSender(LabPolicy policy, String bootstrapServers) {
    this.policy = policy;
    this.topic = LabTopics.producerTopic(policy);
    Map<String, Object> settings = new HashMap<>(policy.producerSettings());
    settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    settings.put(ProducerConfig.CLIENT_ID_CONFIG, "lab-" + policy.optionName());
    this.producer = new KafkaProducer<>(settings, new StringSerializer(),
        new ByteArraySerializer());
  }

  @Override
  public String kind() {
    return "producer";
  }

  @Override
  public LabPolicy policy() {
    return policy;
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public void send(String eventId, byte[] json, SendTally tally) {
    long sent = tally.sending(eventId);
    try {
      producer.send(new ProducerRecord<>(topic, eventId, json), (metadata, error) -> {
        if (error == null) {
          tally.acknowledged(eventId, sent);
        } else if (error instanceof TimeoutException) {
          tally.unanswered();
        } else {
          tally.refused();
        }
      });
    } catch (RuntimeException e) {
      tally.refused();
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
