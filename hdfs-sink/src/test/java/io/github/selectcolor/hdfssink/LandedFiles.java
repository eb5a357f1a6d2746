package io.github.selectcolor.hdfssink;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.selectcolor.hdfssink.files.CommittedFile;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/** The committed files under a topic's directory in HDFS, read whole. */
record LandedFiles(List<Landed> files) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static LandedFiles read(FileSystem fileSystem, Path topicDirectory) {
    List<Landed> files = new ArrayList<>();
    try {
      RemoteIterator<LocatedFileStatus> statuses = fileSystem.listFiles(topicDirectory, true);
      while (statuses.hasNext()) {
        Path path = statuses.next().getPath();
        CommittedFile name = CommittedFile.parse(path.getName()).orElseThrow(
            () -> new IllegalStateException("Not a committed file name: " + path));
        files.add(new Landed(name, path, content(fileSystem, path)));
      }
    } catch (FileNotFoundException e) {
      return new LandedFiles(List.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    files.sort(Comparator.comparing((Landed landed) -> landed.name().partition())
        .thenComparing(landed -> landed.name().firstOffset()));
    return new LandedFiles(files);
  }

  private static byte[] content(FileSystem fileSystem, Path path) throws IOException {
    try (InputStream raw = fileSystem.open(path);
        InputStream in = path.getName().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    }
  }

  /** Every line of every file, in partition and offset order. */
  List<byte[]> lines() {
    return files.stream().flatMap(file -> file.lines().stream()).toList();
  }

  List<UUID> eventIds() {
    return lines().stream().map(LandedFiles::eventId).toList();
  }

  /** How often each event id landed. */
  Map<UUID, Long> eventIdCounts() {
    return eventIds().stream().collect(Collectors.groupingBy(Function.identity(),
        Collectors.counting()));
  }

  List<CommittedFile> names() {
    return files.stream().map(Landed::name).toList();
  }

  private static UUID eventId(byte[] line) {
    try {
      return UUID.fromString(JSON.readTree(line).get("eventId").asText());
    } catch (IOException e) {
      throw new UncheckedIOException("A landed line is not JSON.", e);
    }
  }

  /** One committed file. */
  record Landed(CommittedFile name, Path path, byte[] content) {

    List<byte[]> lines() {
      List<byte[]> lines = new ArrayList<>();
      int start = 0;
      for (int index = 0; index < content.length; index++) {
        if (content[index] == '\n') {
          lines.add(Arrays.copyOfRange(content, start, index));
          start = index + 1;
        }
      }
      if (start != content.length) {
        throw new IllegalStateException(path + " does not end with a line break.");
      }
      return lines;
    }
  }
}
