package io.github.selectcolor.essink.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;
import io.github.selectcolor.essink.bulk.OffsetTracker.Tracked;
import io.github.selectcolor.essink.documents.Document;
import io.github.selectcolor.essink.elastic.OutageLog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BulkWriterTest {

  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final TopicPartition PARTITION = new TopicPartition("select-color", 0);

  private final OffsetTracker tracker = new OffsetTracker();
  private final RecordingOutcomes outcomes = new RecordingOutcomes();
  private FakeTransport transport;
  private BulkWriter writer;

  @AfterEach
  void closeWriter() {
    writer.close();
  }

  @Test
  void createsDocumentsSoThatTheFirstWriteOfAnIdWins() {
    start(request -> answer(request, 201));

    writer.add(document("e1", 0), tracker.track(PARTITION, 0));

    await().atMost(DEADLINE).until(() -> outcomes.acknowledged.size() == 1);
    assertThat(transport.requests().get(0).operations()).singleElement()
        .satisfies(operation -> assertThat(operation.isCreate()).isTrue());
  }

  @Test
  void countsAnIdElasticsearchAlreadyHoldsAsLandedRatherThanRefused() {
    start(request -> answer(request, 409));

    writer.add(document("e1", 0), tracker.track(PARTITION, 0));

    await().atMost(DEADLINE).until(() -> outcomes.alreadyIndexed.size() == 1);
    assertThat(outcomes.refused).isEmpty();
    assertThat(writer.failure()).isEmpty();
  }

  @Test
  void failsWithTheCauseWhenHandlingAnAnswerThrows() {
    start(request -> answer(request, 201));
    IllegalStateException bug = new IllegalStateException("a bug in an outcome");
    outcomes.onAcknowledged = () -> {
      throw bug;
    };

    writer.add(document("e1", 0), tracker.track(PARTITION, 0));

    await().atMost(DEADLINE).until(() -> writer.failure().isPresent());
    assertThat(writer.failure().get()).isInstanceOf(ConnectException.class).hasCause(bug);
  }

  @Test
  void failsWithTheCauseWhenTheClientThrowsInsteadOfAnswering() {
    IllegalStateException closed = new IllegalStateException("the client is closed");
    start(request -> {
      throw closed;
    });

    writer.add(document("e1", 0), tracker.track(PARTITION, 0));

    await().atMost(DEADLINE).until(() -> writer.failure().isPresent());
    assertThat(writer.failure().get()).hasCause(closed);
  }

  private void start(Function<BulkRequest, CompletableFuture<BulkResponse>> answers) {
    transport = new FakeTransport(answers);
    writer = new BulkWriter(new ElasticsearchAsyncClient(transport),
        new BulkWriter.Limits(1, 1024 * 1024, Duration.ZERO, 1),
        new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(1)),
        outcomes, new OutageLog("Elasticsearch", "take bulk requests", "retrying",
            Clock.systemUTC()), "bulk-writer-test");
  }

  /** Every document of the request answered with {@code status}. */
  private static CompletableFuture<BulkResponse> answer(BulkRequest request, int status) {
    List<BulkResponseItem> items = new ArrayList<>();
    for (BulkOperation operation : request.operations()) {
      items.add(BulkResponseItem.of(item -> item.operationType(OperationType.Create)
          .index("select-color-2026.11.22").id(operation.create().id()).status(status)
          .error(status < 300 ? null : ErrorCause.of(error -> error
              .type("version_conflict_engine_exception").reason("document already exists")))));
    }
    return CompletableFuture.completedFuture(BulkResponse.of(response -> response.took(1)
        .errors(status >= 300).items(items)));
  }

  private static Document document(String id, long offset) {
    SinkRecord record = new SinkRecord(PARTITION.topic(), PARTITION.partition(), null, null, null,
        "{}", offset);
    return new Document(id, "select-color-2026.11.22", "{}".getBytes(StandardCharsets.UTF_8),
        record);
  }

  /** Keeps what became of each document; the writer's thread adds, the test's reads. */
  private static class RecordingOutcomes implements BulkWriter.Outcomes {
    final List<Tracked> acknowledged = new CopyOnWriteArrayList<>();
    final List<Tracked> alreadyIndexed = new CopyOnWriteArrayList<>();
    final List<String> refused = new CopyOnWriteArrayList<>();

    volatile Runnable onAcknowledged = () -> { };

    @Override
    public void acknowledged(Tracked tracked) {
      onAcknowledged.run();
      acknowledged.add(tracked);
    }

    @Override
    public void alreadyIndexed(Tracked tracked) {
      alreadyIndexed.add(tracked);
    }

    @Override
    public void refused(Document document, Tracked tracked, String reason) {
      refused.add(reason);
    }
  }
}
