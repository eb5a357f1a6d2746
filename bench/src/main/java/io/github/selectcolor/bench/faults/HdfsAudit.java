package io.github.selectcolor.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Reads every committed file under the sink's base path: {@code .jsonl} and {@code .jsonl.gz} files
 * outside {@code +tmp}, never a temporary or a dead-letter marker. A file's modification time is
 * when the sink closed it, just before the rename that commits it; it stands for when each of its
 * events landed.
 */
final class HdfsAudit implements AutoCloseable {

  private final ObjectMapper json = new ObjectMapper();
  private final FileSystem fileSystem;
  private final Path basePath;

  HdfsAudit(URI hdfs, String basePath) throws IOException {
    Configuration conf = new Configuration();
    // A NameNode being restarted should fail this read fast, not for minutes.
    conf.set("ipc.client.connect.max.retries", "3");
    conf.set("ipc.client.connect.max.retries.on.timeouts", "3");
    this.fileSystem = FileSystem.newInstance(hdfs, conf);
    this.basePath = new Path(basePath);
  }

  StoreContents read() throws IOException {
    StoreContents contents = new StoreContents();
    if (!fileSystem.exists(basePath)) {
      return contents;
    }
    RemoteIterator<LocatedFileStatus> files = fileSystem.listFiles(basePath, true);
    while (files.hasNext()) {
      LocatedFileStatus file = files.next();
      if (isCommitted(file.getPath())) {
        readEvents(file, contents);
      }
    }
    return contents;
  }

  private boolean isCommitted(Path path) {
    String name = path.getName();
    return (name.endsWith(".jsonl") || name.endsWith(".jsonl.gz"))
        && !path.toUri().getPath().contains("/+tmp/");
  }

  private void readEvents(LocatedFileStatus file, StoreContents contents) throws IOException {
    InputStream raw = fileSystem.open(file.getPath());
    InputStream in = file.getPath().getName().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(in,
        StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (!line.isBlank()) {
          JsonNode event = json.readTree(line);
          contents.add(event.path("eventId").asText(), file.getModificationTime());
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    fileSystem.close();
  }
}
