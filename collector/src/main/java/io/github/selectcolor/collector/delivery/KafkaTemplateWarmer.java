package io.github.selectcolor.collector.delivery;

import io.github.selectcolor.collector.CollectorProperties;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Creates the producer and loads the topic's metadata before the first request, so that no request
 * waits for either.
 */
@Component
class KafkaTemplateWarmer {

  private static final Logger log = LoggerFactory.getLogger(KafkaTemplateWarmer.class);

  private final KafkaTemplate<String, byte[]> template;
  private final String topic;

  KafkaTemplateWarmer(KafkaTemplate<String, byte[]> template,
      CollectorProperties properties) {
    this.template = template;
    this.topic = properties.topic().name();
  }

  void fetchMetadata() {
    try {
      int partitions = template.partitionsFor(topic).size();
      log.info("The producer is ready for topic '{}' with {} partition(s).", topic, partitions);
    } catch (TimeoutException e) {
      log.warn("The producer could not load metadata for topic '{}' yet; the first requests may "
          + "wait for it.", topic, e);
    }
  }
}
