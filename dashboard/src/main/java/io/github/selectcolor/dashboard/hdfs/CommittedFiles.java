package io.github.selectcolor.dashboard.hdfs;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which of the HDFS sink's files count: committed ones, named
 * {@code <topic>+<partition>+<firstOffset>+<lastOffset>.jsonl} (or {@code .jsonl.gz}) in the
 * topic's {@code dt=YYYY-MM-DD/hour=HH} directories. Files being written live under
 * {@code <base>/+tmp/}, outside those directories, and are never listed. Thread-safe.
 */
final class CommittedFiles {

  static final Duration WINDOW = Duration.ofHours(1);

  private final Pattern name;

  CommittedFiles(String topic) {
    this.name = Pattern.compile(Pattern.quote(topic) + "\\+\\d+\\+\\d+\\+\\d+\\.jsonl(\\.gz)?");
  }

  /**
   * The hour directories, relative to the topic's, that can hold a file committed within the
   * last hour: this hour's and the previous one's, in the sink's time zone. A file lands in the
   * hour of its events, so one committed late for an older hour is not counted.
   */
  static Set<String> hourDirectories(Instant now, ZoneId zone) {
    Set<String> directories = new LinkedHashSet<>();
    for (Instant instant : List.of(now.minus(WINDOW), now)) {
      LocalDateTime time = LocalDateTime.ofInstant(instant, zone);
      directories.add(String.format(Locale.ROOT, "dt=%s/hour=%02d", time.toLocalDate(),
          time.getHour()));
    }
    return directories;
  }

  /** Whether a listed entry is a committed file of the topic modified within the last hour. */
  boolean counts(Entry entry, Instant now) {
    return entry.file() && name.matcher(entry.name()).matches()
        && !entry.modified().isBefore(now.minus(WINDOW));
  }

  Totals total(List<Entry> entries, Instant now) {
    long files = 0;
    long bytes = 0;
    for (Entry entry : entries) {
      if (counts(entry, now)) {
        files++;
        bytes += entry.bytes();
      }
    }
    return new Totals(files, bytes);
  }

  /** One entry of a directory listing. */
  record Entry(String name, boolean file, long bytes, Instant modified) {
  }

  record Totals(long files, long bytes) {
  }
}
