package io.github.selectcolor.hdfssink.files;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;

/**
 * One entry of a partition's {@link CommitLog}: an empty file whose name alone says which data
 * file was committed and where, {@code dt=2026-11-22,hour=09,select-color+1+0000000100+0000000199.jsonl}.
 * The name carries the hour directory because the hour is the records' time, not the commit's: a
 * claim could not guess it. Nothing is read from inside an entry, so listing the log is all a
 * claim reads of it. Kafka topic names cannot hold a comma.
 *
 * @param bucketPath the data file's directory under the topic's, such as {@code dt=2026-11-22/hour=09}
 * @param fileName   the data file's name
 * @param file       what that name says
 */
record CommitRecord(String bucketPath, String fileName, CommittedFile file) {

  private static final Pattern NAME = Pattern.compile("([^,/]+),([^,/]+),([^,/]+)");

  /** The entry of a data file named {@code fileName} in {@code bucketPath}; empty when not one. */
  static Optional<CommitRecord> of(String bucketPath, String fileName) {
    if (fileName.endsWith(DeadLetterMarker.EXTENSION)) {
      return Optional.empty();
    }
    return CommittedFile.parse(fileName)
        .map(file -> new CommitRecord(bucketPath, fileName, file));
  }

  /** Reads an entry's name; names that are not the log's give empty. */
  static Optional<CommitRecord> parse(String name) {
    Matcher matcher = NAME.matcher(name);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    return of(matcher.group(1) + "/" + matcher.group(2), matcher.group(3));
  }

  String name() {
    return bucketPath.replace('/', ',') + "," + fileName;
  }

  /** The committed data file this entry names. */
  Path target(SinkPaths paths) {
    return new Path(new Path(paths.topicDirectory(), bucketPath), fileName);
  }
}
