package io.github.selectcolor.embedded.hdfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.io.IOUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedHdfsClusterIT {

  @TempDir
  Path directory;

  @Test
  void keepsFilesAcrossARestartWhenGivenADirectory() throws Exception {
    org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path("/kept/events.jsonl");
    try (EmbeddedHdfsCluster hdfs = EmbeddedHdfsCluster.keptIn(directory, 0).start()) {
      try (FSDataOutputStream out = hdfs.fileSystem().create(file)) {
        out.write("{\"userName\":\"김민준\"}\n".getBytes(StandardCharsets.UTF_8));
      }
    }

    try (EmbeddedHdfsCluster hdfs = EmbeddedHdfsCluster.keptIn(directory, 0).start()) {
      FileSystem fileSystem = hdfs.fileSystem();
      byte[] content = new byte[(int) fileSystem.getFileStatus(file).getLen()];
      try (var in = fileSystem.open(file)) {
        IOUtils.readFully(in, content, 0, content.length);
      }
      assertThat(new String(content, StandardCharsets.UTF_8)).isEqualTo("{\"userName\":\"김민준\"}\n");
    }
  }
}
