package io.github.selectcolor.bench.faults;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
 * events landed. {@link #ofFolder} reads other writers' files, such as the book's consumer's,
 * where a crash can leave a last line cut short: such lines are counted as torn.
 */
public final class HdfsAudit implements AutoCloseable {

  private final ObjectMapper json = new ObjectMapper();
  private final FileSystem fileSystem;
  private final Path topicPath;
  private final List<String> extensions;

  public HdfsAudit(URI hdfs, String basePath, String topic) throws IOException {
    this(hdfs, new Path(basePath, topic), List.of(".jsonl", ".jsonl.gz"));
  }

  private HdfsAudit(URI hdfs, Path folder, List<String> extensions) throws IOException {
    Configuration conf = new Configuration();
    // A NameNode being restarted should fail this read fast, not for minutes.
    conf.set("ipc.client.connect.max.retries", "3");
    conf.set("ipc.client.connect.max.retries.on.timeouts", "3");
    this.fileSystem = FileSystem.newInstance(hdfs, conf);
    this.topicPath = folder;
    this.extensions = List.copyOf(extensions);
  }

  /** Reads the files under the folder, at any depth, whose names end with one of the extensions. */
  public static HdfsAudit ofFolder(URI hdfs, String folder, String... extensions)
      throws IOException {
    return new HdfsAudit(hdfs, new Path(folder), List.of(extensions));
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
      if (extensions.stream().anyMatch(name::endsWith)) {
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
          readEvent(line, file.getModificationTime(), contents);
        }
      }
    }
  }

  private void readEvent(String line, long modifiedAt, StoreContents contents) {
    try {
      JsonNode event = json.readTree(line);
      contents.add(event.path("eventId").asText(), modifiedAt);
    } catch (JsonProcessingException e) {
      contents.addTorn();
    }
  }

  @Override
  public void close() throws IOException {
    fileSystem.close();
  }
}
