package io.github.selectcolor.bench.hdfs;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.concurrent.TimeUnit;

/**
 * Writes the machine's dirty pages to disk before a subject is timed. Each subject writes half a
 * gigabyte into the DataNode's files, and the kernel writes most of it back later: without this,
 * whichever subject comes next pays for the previous one's bytes when it syncs its own files.
 */
final class DirtyPages {

  private static final long DEADLINE_SECONDS = 120;

  private DirtyPages() {
  }

  /** Runs {@code sync(1)}, which returns once every dirty page is on disk. */
  static void writeBack() throws IOException, InterruptedException {
    Process sync = new ProcessBuilder("sync").redirectErrorStream(true)
        .redirectOutput(Redirect.DISCARD).start();
    if (!sync.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
      sync.destroyForcibly();
      throw new IOException("sync did not return within " + DEADLINE_SECONDS + " s.");
    }
    if (sync.exitValue() != 0) {
      throw new IOException("sync failed with exit code " + sync.exitValue() + ".");
    }
  }
}
