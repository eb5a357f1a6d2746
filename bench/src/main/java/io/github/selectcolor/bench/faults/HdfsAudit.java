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
 * Reads every committed file of the topic, the {@code .jsonl} and {@code .jsonl.gz} files under
 * {@code <base>/<topic>}. Only that folder is listed: the sink's {@code +tmp} claim folders, which
 * a new claim may delete while they are listed, and its dead-letter markers are outside it, beside
 * it under the base path. A file's modification time is
 * when the sink closed it, just before the rename that commits it; it stands for when each of its
 * events landed.
 */
public final class HdfsAudit implements AutoCloseable {

  private final ObjectMapper json = new ObjectMapper();
  private final FileSystem fileSystem;
  private final Path topicPath;

  public HdfsAudit(URI hdfs, String basePath, String topic) throws IOException {
    Configuration conf = new Configuration();
    // A NameNode being restarted should fail this read fast, not for minutes.
    conf.set("ipc.client.connect.max.retries", "3");
    conf.set("ipc.client.connect.max.retries.on.timeouts", "3");
    this.fileSystem = FileSystem.newInstance(hdfs, conf);
    this.topicPath = new Path(basePath, topic);
  }

  public StoreContents read() throws IOException {
    StoreContents contents = new StoreContents();
    if (!fileSystem.exists(topicPath)) {
      return contents;
    }
    RemoteIterator<LocatedFileStatus> files = fileSystem.listFiles(topicPath, true);
    while (files.hasNext()) {
      LocatedFileStatus file = files.next();
      String name = file.getPath().getName();
      if (name.endsWith(".jsonl") || name.endsWith(".jsonl.gz")) {
        readEvents(file, contents);
      }
    }
    return contents;
  }

  private void readEvents(LocatedFileStatus file, StoreContents contents) throws IOException {
    try (InputStream raw = fileSystem.open(file.getPath());
        InputStream in = file.getPath().getName().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader lines = new BufferedReader(new InputStreamReader(in,
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
