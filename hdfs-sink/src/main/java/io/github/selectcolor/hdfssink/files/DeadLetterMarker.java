package io.github.selectcolor.hdfssink.files;

import java.io.IOException;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Commits progress over a run of offsets that all went to the dead-letter topic and that no data
 * file covers: an empty file named like a committed file, with the extension
 * {@value #EXTENSION}, under {@code <base>/+dead-lettered/<topic>/partition=<p>/}. Without it a
 * partition that receives only bad records would never record progress, and every claim would
 * send the whole run to the dead-letter topic again. Like a data file it is created in the claim
 * directory and renamed, so an owner fenced by a later claim cannot commit one.
 */
final class DeadLetterMarker {

  static final String EXTENSION = ".dead-lettered";

  private DeadLetterMarker() {
  }

  /** Commits the marker of the range; the caller has had the range's dead letters acknowledged. */
  static Path commit(FileSystem fileSystem, Path claimDirectory, Path markerDirectory,
      CommittedFile range) throws IOException {
    Path temporary = new Path(claimDirectory, UUID.randomUUID() + EXTENSION + ".tmp");
    fileSystem.createNonRecursive(temporary, false, 4096,
        fileSystem.getDefaultReplication(temporary), fileSystem.getDefaultBlockSize(temporary),
        null).close();
    fileSystem.mkdirs(markerDirectory);
    Path target = new Path(markerDirectory, range.fileName(EXTENSION));
    if (!fileSystem.rename(temporary, target)) {
      throw new PartitionFencedException("Could not rename " + temporary + " to " + target
          + ": another owner of partition " + range.partition() + " removed it, or the target"
          + " exists.");
    }
    return target;
  }
}
