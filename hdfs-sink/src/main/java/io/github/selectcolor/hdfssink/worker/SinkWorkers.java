package io.github.selectcolor.hdfssink.worker;

import io.github.selectcolor.hdfssink.HdfsSinkProperties;
import io.github.selectcolor.hdfssink.files.CommitListener;
import io.github.selectcolor.hdfssink.files.SinkPaths;
import io.github.selectcolor.hdfssink.records.DeadLetterPublisher;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts the workers, one named thread each ({@code hdfs-sink-worker-N}) that replaces its worker
 * when it dies ({@link WorkerSlot}), and stops them within {@code hdfs-sink.shutdown-timeout}:
 * each commits its open files and closes its consumer. A worker that does not finish in time
 * leaves its open files behind, which the partition's next owner discards; their records are
 * still in Kafka. Thread-safe.
 */
@Component
public class SinkWorkers implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SinkWorkers.class);

  private final HdfsSinkProperties properties;
  private final SinkClients clients;
  private final Clock clock;
  private final SinkMetrics metrics;
  private final CommitListener listener;
  private final List<WorkerSlot> slots = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  /** The meters of each worker thread's current consumer, by thread name. */
  private final Map<String, KafkaClientMetrics> clientMetrics = new ConcurrentHashMap<>();
  private boolean running;

  public SinkWorkers(HdfsSinkProperties properties, SinkClients clients, Clock clock,
      SinkMetrics metrics, ObjectProvider<CommitListener> listener) {
    this.properties = properties;
    this.clients = clients;
    this.clock = clock;
    this.metrics = metrics;
    this.listener = listener.getIfAvailable(() -> CommitListener.NONE);
  }

  @Override
  public synchronized void start() {
    SinkPaths paths = new SinkPaths(new Path(properties.basePath()), properties.topic());
    Backoff restartBackoff = new Backoff(properties.retry().initialBackoff(),
        properties.retry().maxBackoff());
    for (int index = 0; index < properties.workers(); index++) {
      String name = "hdfs-sink-worker-" + index;
      WorkerSlot slot = new WorkerSlot(name, newWorker(name, paths),
          () -> newWorker(name, paths), restartBackoff, clock, metrics);
      slots.add(slot);
      threads.add(new Thread(slot, name));
    }
    threads.forEach(Thread::start);
    running = true;
    log.info("Started {} worker(s) landing topic {} in {}{}.", slots.size(), properties.topic(),
        properties.fileSystem(), properties.basePath());
  }

  /** A worker with clients of its own; the meters of a dead worker's consumer are removed. */
  private SinkWorker newWorker(String name, SinkPaths paths) {
    KafkaConsumer<byte[], byte[]> consumer = clients.consumer(name);
    KafkaClientMetrics consumerMetrics = new KafkaClientMetrics(consumer);
    consumerMetrics.bindTo(metrics.registry());
    KafkaClientMetrics replaced = clientMetrics.put(name, consumerMetrics);
    if (replaced != null) {
      replaced.close();
    }
    KafkaProducer<byte[], byte[]> producer = clients.deadLetterProducer(name);
    return new SinkWorker(name, consumer, fileSystem(name),
        new DeadLetterPublisher(producer, properties.deadLetterTopic(),
            metrics::deadLetterUnsendable), properties, paths, clock, metrics, listener);
  }

  private FileSystem fileSystem(String worker) {
    try {
      return clients.fileSystem();
    } catch (IOException e) {
      throw new IllegalStateException("Worker " + worker + " could not create its client of "
          + properties.fileSystem() + ".", e);
    }
  }

  @Override
  public synchronized void stop() {
    slots.forEach(WorkerSlot::stop);
    long deadline = System.nanoTime() + properties.shutdownTimeout().toNanos();
    for (Thread thread : threads) {
      awaitEnd(thread, deadline);
    }
    clientMetrics.values().forEach(KafkaClientMetrics::close);
    running = false;
  }

  private static void awaitEnd(Thread thread, long deadline) {
    try {
      thread.join(Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      log.warn("Worker {} did not stop within hdfs-sink.shutdown-timeout; its open files will be"
          + " discarded by the next owner of its partitions and read again from Kafka.",
          thread.getName());
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return running;
  }

  /** Each worker's latest status. */
  public synchronized List<WorkerStatus> statuses() {
    return slots.stream().map(WorkerSlot::status).toList();
  }
}
