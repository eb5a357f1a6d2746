package io.github.selectcolor.embedded.hdfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real HDFS (one NameNode, N DataNodes, Hadoop's MiniDFSCluster) running inside this JVM, for local
 * runs and integration tests. The NameNode listens on an OS-assigned port unless a fixed one is asked
 * for. Its storage lives in a fresh temporary directory deleted on close, or in a directory of the
 * caller's that is formatted on the first start only and kept, so that files survive a restart. Not
 * thread-safe: start, stop and close it from one thread.
 */
public final class EmbeddedHdfsCluster implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedHdfsCluster.class);

  private final int nameNodePort;
  private final int dataNodes;
  private final Path keptDirectory;
  private MiniDFSCluster cluster;

  private EmbeddedHdfsCluster(int nameNodePort, int dataNodes, Path keptDirectory) {
    this.nameNodePort = nameNodePort;
    this.dataNodes = dataNodes;
    this.keptDirectory = keptDirectory;
  }

  /** A cluster with one DataNode whose NameNode listens on an OS-assigned port. */
  public static EmbeddedHdfsCluster withDataNodes(int dataNodes) {
    return new EmbeddedHdfsCluster(0, dataNodes, null);
  }

  /** A cluster with one DataNode whose NameNode listens on the given port, such as 9000. */
  public static EmbeddedHdfsCluster onPort(int nameNodePort) {
    return new EmbeddedHdfsCluster(nameNodePort, 1, null);
  }

  /**
   * A cluster with one DataNode whose NameNode listens on the given port and whose storage is kept
   * in {@code directory}: formatted when the directory holds no HDFS yet, reused as it is otherwise.
   */
  public static EmbeddedHdfsCluster keptIn(Path directory, int nameNodePort) {
    return new EmbeddedHdfsCluster(nameNodePort, 1, directory.toAbsolutePath());
  }

  public EmbeddedHdfsCluster start() {
    boolean formatted = false;
    try {
      Path baseDirectory = keptDirectory != null ? keptDirectory
          : Files.createTempDirectory("embedded-hdfs-");
      // MiniDFSCluster keeps the NameNode's image under <base>/name-0-1.
      formatted = Files.exists(baseDirectory.resolve("name-0-1").resolve("current").resolve("VERSION"));
      Configuration conf = new Configuration();
      conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDirectory.toString());
      conf.set("dfs.client.block.write.replace-datanode-on-failure.policy", "NEVER");
      cluster = new MiniDFSCluster.Builder(conf)
          .nameNodePort(nameNodePort)
          .numDataNodes(dataNodes)
          .format(!formatted)
          .checkExitOnShutdown(false)
          .build();
      cluster.waitActive();
    } catch (IOException e) {
      close();
      throw new IllegalStateException("The embedded HDFS cluster could not start.", e);
    }
    log.info("Embedded HDFS with {} DataNode(s) is ready at {}{}.", dataNodes, uri(),
        keptDirectory == null ? "" : ", with its data in " + keptDirectory
            + (formatted ? " (kept from the last run)" : " (formatted now)"));
    return this;
  }

  /** The file system URI clients use, such as {@code hdfs://localhost:9000}. */
  public URI uri() {
    return URI.create("hdfs://localhost:" + cluster().getNameNodePort());
  }

  /**
   * A client of this cluster for tests to read and list files. Hadoop caches file systems per URI
   * and user, so callers must not close it.
   */
  public FileSystem fileSystem() {
    try {
      return cluster().getFileSystem();
    } catch (IOException e) {
      throw new UncheckedIOException("No client for the embedded HDFS at " + uri() + ".", e);
    }
  }

  /** Stops the NameNode: every client call fails until {@link #startNameNode()}. */
  public void stopNameNode() {
    cluster().shutdownNameNode(0);
    log.info("Stopped the NameNode of the embedded HDFS.");
  }

  /** Starts the NameNode again on the same port with the same data and waits until it is active. */
  public void startNameNode() {
    try {
      cluster().restartNameNode(0, true);
    } catch (IOException e) {
      throw new IllegalStateException("The NameNode of the embedded HDFS could not restart.", e);
    }
    log.info("Restarted the NameNode of the embedded HDFS at {}.", uri());
  }

  private MiniDFSCluster cluster() {
    if (cluster == null) {
      throw new IllegalStateException("The embedded HDFS cluster is not started.");
    }
    return cluster;
  }

  @Override
  public void close() {
    if (cluster != null) {
      boolean delete = keptDirectory == null;
      cluster.shutdown(delete);
      cluster = null;
      log.info(delete ? "Stopped the embedded HDFS and deleted its storage."
          : "Stopped the embedded HDFS; its data stays in " + keptDirectory + ".");
    }
  }
}
