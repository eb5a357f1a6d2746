package io.github.selectcolor.dashboard.hdfs;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the HDFS sink committed lately, as the {@code hdfs} part of the snapshot. When HDFS does not
 * answer, only {@code available: false}, the {@code reason} and the {@code path} are present.
 *
 * @param available     whether HDFS answered this refresh
 * @param reason        why not, a sentence; absent when available
 * @param path          the topic's directory, such as {@code hdfs://namenode:9000/data/select-color}
 * @param windowSeconds the window, the last hour
 * @param files         committed files modified within the window
 * @param bytes         their total size as stored (compressed files count compressed)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HdfsSection(
    boolean available,
    String reason,
    String path,
    Long windowSeconds,
    Long files,
    Long bytes) {

  static HdfsSection unavailable(String path, String reason) {
    return new HdfsSection(false, reason, path, null, null, null);
  }
}
