package io.github.selectcolor.bench.faults;

import io.github.selectcolor.embedded.hdfs.EmbeddedHdfsCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HDFS (a NameNode and a DataNode, Hadoop's MiniDFSCluster) as a process of its own, so that a
 * fault run restarts the NameNode for real: on the same port, from the same image and edits in the
 * data directory, keeping every file. Driven through standard input: the line
 * {@value #RESTART_NAME_NODE} stops the NameNode and starts it again; the end of input stops
 * everything. Arguments: the data directory and the NameNode's port.
 */
public final class HdfsNode {

  static final String RESTART_NAME_NODE = "restart-namenode";
  static final String READY = "HDFS node is ready";
  static final String NAME_NODE_BACK = "The NameNode is back";

  private static final Logger log = LoggerFactory.getLogger(HdfsNode.class);

  private HdfsNode() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("Give the data directory and the NameNode's port.");
    }
    try (EmbeddedHdfsCluster hdfs = EmbeddedHdfsCluster.keptIn(Path.of(args[0]),
        Integer.parseInt(args[1])).start()) {
      log.info("{} at {}.", READY, hdfs.uri());
      BufferedReader commands = new BufferedReader(new InputStreamReader(System.in,
          StandardCharsets.UTF_8));
      for (String line = commands.readLine(); line != null; line = commands.readLine()) {
        if (RESTART_NAME_NODE.equals(line.trim())) {
          hdfs.stopNameNode();
          hdfs.startNameNode();
          log.info("{} at {}.", NAME_NODE_BACK, hdfs.uri());
        } else {
          log.warn("Ignored the unknown command \"{}\"; the only one is {}.", line,
              RESTART_NAME_NODE);
        }
      }
      log.info("Standard input ended; stopping HDFS.");
    }
  }
}
