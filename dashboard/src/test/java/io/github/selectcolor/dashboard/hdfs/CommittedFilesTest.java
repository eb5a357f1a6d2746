package io.github.selectcolor.dashboard.hdfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.selectcolor.dashboard.hdfs.CommittedFiles.Entry;
import io.github.selectcolor.dashboard.hdfs.CommittedFiles.Totals;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommittedFilesTest {

  private final Instant now = Instant.parse("2026-11-22T10:15:00Z");
  private final CommittedFiles files = new CommittedFiles("select-color");

  @Test
  void countsCommittedFilesOfTheTopicModifiedWithinTheLastHour() {
    Instant recent = now.minus(Duration.ofMinutes(5));
    List<Entry> listing = List.of(
        new Entry("select-color+0+0000000000+0000000099.jsonl", true, 1000, recent),
        new Entry("select-color+2+0000000100+0000000199.jsonl.gz", true, 300, now.minus(Duration.ofHours(1))),
        new Entry("select-color+1+0000000000+0000000049.jsonl", true, 7000, now.minus(Duration.ofMinutes(61))),
        new Entry("other-topic+0+0000000000+0000000009.jsonl", true, 50, recent),
        new Entry("select-color+0+0000000100+0000000199.jsonl.partial", true, 50, recent),
        new Entry("_SUCCESS", true, 0, recent),
        new Entry("select-color+3+0000000000+0000000009.jsonl", false, 0, recent));

    assertThat(files.total(listing, now)).isEqualTo(new Totals(2, 1300));
  }

  @Test
  void doesNotTakeTheTopicNameAsAPattern() {
    CommittedFiles dotted = new CommittedFiles("select.color");

    assertThat(dotted.counts(new Entry("selectXcolor+0+0000000000+0000000009.jsonl", true, 1, now), now))
        .isFalse();
    assertThat(dotted.counts(new Entry("select.color+0+0000000000+0000000009.jsonl", true, 1, now), now))
        .isTrue();
  }

  @Test
  void listsThisHourAndThePreviousOneInTheSinksZone() {
    assertThat(CommittedFiles.hourDirectories(now, ZoneId.of("UTC")))
        .containsExactly("dt=2026-11-22/hour=09", "dt=2026-11-22/hour=10");
    assertThat(CommittedFiles.hourDirectories(Instant.parse("2026-11-22T15:30:00Z"),
            ZoneId.of("Asia/Seoul")))
        .containsExactly("dt=2026-11-22/hour=23", "dt=2026-11-23/hour=00");
  }
}
