package io.github.selectcolor.hdfssink.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommittedFileTest {

  @Test
  void namesTopicPartitionAndOffsetRange() {
    assertThat(new CommittedFile("select-color", 2, 100, 199).fileName(".jsonl"))
        .isEqualTo("select-color+2+0000000100+0000000199.jsonl");
  }

  @Test
  void readsBackWhatItWrites() {
    CommittedFile file = new CommittedFile("select.color_v2", 11, 12_345_678_901L, 12_345_678_999L);

    assertThat(CommittedFile.parse(file.fileName(".jsonl.gz"))).contains(file);
  }

  @Test
  void ignoresTemporaryAndForeignFiles() {
    assertThat(CommittedFile.parse("3f2c.jsonl.tmp")).isEmpty();
    assertThat(CommittedFile.parse("select-color+1+0000000005+0000000001.jsonl")).isEmpty();
    assertThat(CommittedFile.parse("_SUCCESS")).isEmpty();
  }

  @Test
  void readsTheNameOfAMarkerOfDeadLetteredOffsets() {
    assertThat(CommittedFile.parse("select-color+2+0000000100+0000000199.dead-lettered"))
        .contains(new CommittedFile("select-color", 2, 100, 199));
  }

  @Test
  void resumesAfterTheLastOffset() {
    assertThat(new CommittedFile("t", 0, 0, 9).nextOffset()).isEqualTo(10);
  }

  @Test
  void refusesAnEmptyRange() {
    assertThatThrownBy(() -> new CommittedFile("t", 0, 5, 4))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
