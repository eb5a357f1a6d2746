package io.github.selectcolor.testkit.hdfs;

import io.github.selectcolor.embedded.hdfs.EmbeddedHdfsCluster;
import java.net.URI;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts an {@link EmbeddedHdfsCluster} before the tests of a class and closes it after them.
 * Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final HdfsClusterExtension hdfs = HdfsClusterExtension.withDataNodes(1);
 * }</pre>
 */
public final class HdfsClusterExtension implements BeforeAllCallback, AfterAllCallback {

  private final int dataNodes;
  private EmbeddedHdfsCluster cluster;

  private HdfsClusterExtension(int dataNodes) {
    this.dataNodes = dataNodes;
  }

  public static HdfsClusterExtension withDataNodes(int dataNodes) {
    return new HdfsClusterExtension(dataNodes);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    cluster = EmbeddedHdfsCluster.withDataNodes(dataNodes).start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (cluster != null) {
      cluster.close();
    }
  }

  public EmbeddedHdfsCluster cluster() {
    if (cluster == null) {
      throw new IllegalStateException("HDFS starts before all tests of the class; "
          + "register the extension on a static field.");
    }
    return cluster;
  }

  public URI uri() {
    return cluster().uri();
  }

  public FileSystem fileSystem() {
    return cluster().fileSystem();
  }
}
