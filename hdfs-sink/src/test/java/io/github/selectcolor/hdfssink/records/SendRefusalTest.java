package io.github.selectcolor.hdfssink.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownProducerIdException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SendRefusalTest {

  static Stream<Arguments> refusedForGood() {
    return Stream.of(
        Arguments.of(new RecordTooLargeException("over max.request.size"),
            SendRefusal.RECORD_TOO_LARGE),
        Arguments.of(new TopicAuthorizationException("no write"), SendRefusal.NOT_AUTHORIZED),
        Arguments.of(new ClusterAuthorizationException("no idempotent write"),
            SendRefusal.NOT_AUTHORIZED),
        Arguments.of(new InvalidTopicException("bad name"), SendRefusal.INVALID_TOPIC),
        Arguments.of(new SerializationException("cannot serialize"), SendRefusal.UNSERIALIZABLE),
        Arguments.of(new InvalidRecordException("corrupt"), SendRefusal.NOT_RETRIABLE));
  }

  static Stream<Throwable> mayPass() {
    return Stream.of(new TimeoutException("expired in the accumulator"),
        new NotEnoughReplicasException("one in sync"), new NetworkException("disconnected"),
        new NotLeaderOrFollowerException("moved"), new SaslAuthenticationException("bad login"),
        new OutOfOrderSequenceException("gap"), new UnknownProducerIdException("expired id"),
        new ProducerFencedException("fenced"),
        new KafkaException("Producer closed while send in progress"),
        new InterruptException("interrupted"), new IllegalStateException("closed"));
  }

  @ParameterizedTest
  @MethodSource("refusedForGood")
  void namesTheRefusalOfAFailureThatSendingAgainCannotCure(Throwable failure,
      SendRefusal refusal) {
    assertThat(SendRefusal.of(failure)).contains(refusal);
  }

  @ParameterizedTest
  @MethodSource("mayPass")
  void namesNoRefusalForAFailureOfTheClusterOrTheProducer(Throwable failure) {
    assertThat(SendRefusal.of(failure)).isEmpty();
  }
}
