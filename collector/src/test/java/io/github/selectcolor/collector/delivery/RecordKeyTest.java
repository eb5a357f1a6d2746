package io.github.selectcolor.collector.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.selectcolor.event.SelectColorEvent;
import io.github.selectcolor.event.UserAgentDetails;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class RecordKeyTest {

  private static final UUID EVENT_ID = UUID.fromString("2f6c1d2e-8d3a-4b7e-9c0f-1a2b3c4d5e6f");

  @Test
  void keysByTheEventIdsStringFormInUtf8() {
    String key = RecordKey.EVENT_ID.of(event("kim"));

    assertThat(key).isEqualTo("2f6c1d2e-8d3a-4b7e-9c0f-1a2b3c4d5e6f");
    try (StringSerializer serializer = new StringSerializer()) {
      assertThat(serializer.serialize("select-color", key))
          .isEqualTo(key.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void givesACopyReceivedLaterTheSameKey() {
    SelectColorEvent first = event("kim");
    SelectColorEvent retried = SelectColorEvent.of(EVENT_ID, first.timestamp(), first.sentAt(),
        first.receivedAt().plusSeconds(3), "kim", "red", null, UserAgentDetails.UNKNOWN);

    assertThat(RecordKey.EVENT_ID.of(retried)).isEqualTo(RecordKey.EVENT_ID.of(first));
  }

  @Test
  void keysByUserNameOrNotAtAllWhenToldTo() {
    assertThat(RecordKey.USER_NAME.of(event("김민준"))).isEqualTo("김민준");
    assertThat(RecordKey.NONE.of(event("kim"))).isNull();
  }

  private static SelectColorEvent event(String userName) {
    OffsetDateTime now = OffsetDateTime.parse("2026-11-22T10:00:00.000+09:00");
    return SelectColorEvent.of(EVENT_ID, now, now, now, userName, "red", null,
        UserAgentDetails.UNKNOWN);
  }
}
