package io.github.selectcolor.hdfssink.files;

import java.io.IOException;

/** This sink no longer owns a partition's claim in HDFS: a later owner deleted it. */
public class PartitionFencedException extends IOException {

  private static final long serialVersionUID = 1L;

  public PartitionFencedException(String message) {
    super(message);
  }
}
