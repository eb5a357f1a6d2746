package io.github.selectcolor.hdfssink.files;

import org.apache.hadoop.fs.Path;

/**
 * Where the sink's files live. Committed files: {@code <base>/<topic>/dt=../hour=../<name>}, the
 * tree a Hive table points at. Files being written: {@code <base>/+tmp/<topic>/partition=<p>/<claim>/},
 * outside that tree, one directory per claim of a partition so that a later claim can fence the
 * earlier owner by deleting it. Markers of offsets that went to the dead-letter topic:
 * {@code <base>/+dead-lettered/<topic>/partition=<p>/}, outside the tree too, and so is each
 * partition's {@link CommitLog}: {@code <base>/+committed/<topic>/partition=<p>/}.
 *
 * @param base  the absolute base directory
 * @param topic the topic
 */
public record SinkPaths(Path base, String topic) {

  public Path topicDirectory() {
    return new Path(base, topic);
  }

  public Path bucketDirectory(TimeBucket bucket) {
    return new Path(topicDirectory(), bucket.relativePath());
  }

  public Path deadLetteredDirectory(int partition) {
    return new Path(new Path(new Path(base, "+dead-lettered"), topic), "partition=" + partition);
  }

  public Path commitLogDirectory(int partition) {
    return new Path(new Path(new Path(base, "+committed"), topic), "partition=" + partition);
  }

  public Path partitionTempDirectory(int partition) {
    return new Path(new Path(new Path(base, "+tmp"), topic), "partition=" + partition);
  }
}
