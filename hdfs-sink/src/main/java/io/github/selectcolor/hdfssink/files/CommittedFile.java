package io.github.selectcolor.hdfssink.files;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a committed file, which is the sink's only record of progress: it holds the topic,
 * the partition and the first and last offset the file covers, such as
 * {@code select-color+1+0000000100+0000000199.jsonl}. Offsets of dead-lettered records inside the
 * range are covered too, and a run of them that no data file covers gets an empty marker of the
 * same name ending in {@code .dead-lettered}; so a partition's files and markers tile its offsets
 * without gaps or overlaps.
 *
 * @param topic       the topic; Kafka topic names cannot hold {@code +}
 * @param partition   the partition
 * @param firstOffset the first offset covered
 * @param lastOffset  the last offset covered
 */
public record CommittedFile(String topic, int partition, long firstOffset, long lastOffset) {

  private static final Pattern NAME =
      Pattern.compile("([a-zA-Z0-9._-]+)\\+(\\d+)\\+(\\d+)\\+(\\d+)"
          + "(\\.jsonl|\\.jsonl\\.gz|\\.dead-lettered)");

  public CommittedFile {
    if (partition < 0 || firstOffset < 0 || lastOffset < firstOffset) {
      throw new IllegalArgumentException("A committed file covers offsets first <= last of a"
          + " partition >= 0, not partition " + partition + " offsets " + firstOffset + ".."
          + lastOffset + ".");
    }
  }

  /** Reads a file name; names that are not the sink's give empty. */
  public static Optional<CommittedFile> parse(String fileName) {
    Matcher matcher = NAME.matcher(fileName);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new CommittedFile(matcher.group(1), Integer.parseInt(matcher.group(2)),
          Long.parseLong(matcher.group(3)), Long.parseLong(matcher.group(4))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public String fileName(String extension) {
    return String.format(Locale.ROOT, "%s+%d+%010d+%010d%s", topic, partition, firstOffset,
        lastOffset, extension);
  }

  /** The offset after the last one covered: where reading resumes. */
  public long nextOffset() {
    return lastOffset + 1;
  }
}
