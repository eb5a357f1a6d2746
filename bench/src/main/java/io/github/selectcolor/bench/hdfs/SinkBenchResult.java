package io.github.selectcolor.bench.hdfs;

import io.github.selectcolor.bench.hdfs.CrashPass.CrashOutcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The measured rounds of the HDFS sink's benchmark and their verdict, taken on the medians, with
 * what one {@code kill -9} cost the book's consumer and the sink.
 *
 * @param records    records in the topic
 * @param eventBytes bytes of each event's JSON
 * @param rounds     the measured rounds, in order
 * @param crashes    the book's consumer's and the sink's outcome after one crash
 * @param commit     the code measured
 */
record SinkBenchResult(long records, long eventBytes, List<Round> rounds,
    List<CrashOutcome> crashes, String commit) {

  Throughput ceiling() {
    return median(Round::ceiling);
  }

  Throughput strictCeiling() {
    return median(Round::strictCeiling);
  }

  Throughput writeCeiling() {
    return median(Round::writeCeiling);
  }

  Throughput syncBehind() {
    return median(Round::syncBehind);
  }

  Throughput book() {
    return median(Round::book);
  }

  Throughput sink() {
    return median(Round::sink);
  }

  Throughput sinkSyncAtCommit() {
    return median(Round::sinkSyncAtCommit);
  }

  Throughput sinkGzipFast() {
    return median(Round::sinkGzipFast);
  }

  Throughput sinkGzip() {
    return median(Round::sinkGzip);
  }

  double overBook() {
    return sink().recordsPerSecond() / book().recordsPerSecond();
  }

  double shareOfWriteCeiling() {
    return sink().recordsPerSecond() / writeCeiling().recordsPerSecond();
  }

  double syncAtCommitShareOfWriteCeiling() {
    return sinkSyncAtCommit().recordsPerSecond() / writeCeiling().recordsPerSecond();
  }

  double shareOfSyncBehind() {
    return sink().recordsPerSecond() / syncBehind().recordsPerSecond();
  }

  double shareOfCeiling() {
    return sink().recordsPerSecond() / ceiling().recordsPerSecond();
  }

  boolean overBookMet() {
    return overBook() >= HdfsSinkBench.TARGET_OVER_BOOK;
  }

  boolean shareOfWriteCeilingMet() {
    return shareOfWriteCeiling() >= HdfsSinkBench.TARGET_SHARE_OF_WRITE_CEILING;
  }

  private Throughput median(Function<Round, Throughput> subject) {
    List<Throughput> sorted = rounds.stream().map(subject)
        .sorted(Comparator.comparingDouble(Throughput::recordsPerSecond)).toList();
    return sorted.get(sorted.size() / 2);
  }

  String markdown() {
    List<String> lines = new ArrayList<>(List.of(
        "# HDFS sink benchmark",
        "",
        "Command: `bench/run-hdfs-sink.sh` (commit " + commit + ", " + Runtime.getRuntime()
            .availableProcessors() + " cores, Java " + System.getProperty("java.version") + ")",
        "",
        String.format(Locale.ROOT, "%,d events of %d bytes in a 3-partition topic of an embedded"
            + " one-broker Kafka; MiniDFSCluster with one DataNode; all in one JVM. A warm-up round,"
            + " then %d measured rounds of the nine subjects in turn, each started once the machine's"
            + " dirty pages were on disk; the table shows each subject's median round. The sink"
            + " and the write ceiling write %d files per partition, each synced (hsync) and"
            + " closed when full; the sink then renames it.",
            records, eventBytes, rounds.size(), HdfsSinkBench.FILES_PER_PARTITION),
        "",
        "| subject | events | events/s | MB/s | seconds |",
        "| --- | ---: | ---: | ---: | ---: |",
        row("one plain consumer, Kafka's defaults (discards)", ceiling()),
        row("a plain consumer per partition, the sink's fetch settings (discards)",
            strictCeiling()),
        row("HDFS write ceiling (a plain consumer per partition, files synced and closed when"
            + " full, nothing else)", writeCeiling()),
        row("HDFS write ceiling, also syncing every 8 MB in the background as the sink does",
            syncBehind()),
        row("the book's HDFS consumer (3 threads, a file per flush, auto-commit)", book()),
        row("hdfs-sink (3 workers, exactly once)", sink()),
        row("hdfs-sink, syncing at commit only (`hdfs-sink.sync-behind=0`)", sinkSyncAtCommit()),
        row("hdfs-sink, gzip level 1 (MB/s as written)", sinkGzipFast()),
        row("hdfs-sink, gzip level 6 (MB/s as written)", sinkGzip()),
        "",
        String.format(Locale.ROOT, "Targets: the sink at least %.1fx the book's consumer and at"
            + " least %.2fx the HDFS write ceiling. Measured: %.2fx the book's consumer - %s;"
            + " %.2fx the write ceiling - %s. Like for like: the sink syncing at commit only is"
            + " %.2fx the write ceiling, and the sink against the write ceiling that syncs behind"
            + " as it does %.2fx; against one plain consumer that discards: %.2fx.",
            HdfsSinkBench.TARGET_OVER_BOOK, HdfsSinkBench.TARGET_SHARE_OF_WRITE_CEILING,
            overBook(), verdict(overBookMet()), shareOfWriteCeiling(),
            verdict(shareOfWriteCeilingMet()), syncAtCommitShareOfWriteCeiling(),
            shareOfSyncBehind(), shareOfCeiling()),
        "",
        String.format(Locale.ROOT, "Gzip: level 1 lands %.2fx the events/s of uncompressed files"
            + " in %.0f%% of their bytes; level 6 %.2fx in %.0f%%.",
            sinkGzipFast().recordsPerSecond() / sink().recordsPerSecond(),
            100.0 * sinkGzipFast().bytes() / sink().bytes(),
            sinkGzip().recordsPerSecond() / sink().recordsPerSecond(),
            100.0 * sinkGzip().bytes() / sink().bytes()),
        "",
        "| round | plain consumer | per partition | write ceiling | syncing behind | book | sink"
            + " | sink, sync at commit | gzip 1 | gzip 6 | sink / book | sink / write ceiling |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"));
    for (int index = 0; index < rounds.size(); index++) {
      Round round = rounds.get(index);
      lines.add(String.format(Locale.ROOT, "| %d | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f"
          + " | %,.0f | %,.0f | %,.0f | %.2fx | %.2fx |", index + 1,
          round.ceiling().recordsPerSecond(), round.strictCeiling().recordsPerSecond(),
          round.writeCeiling().recordsPerSecond(), round.syncBehind().recordsPerSecond(),
          round.book().recordsPerSecond(), round.sink().recordsPerSecond(),
          round.sinkSyncAtCommit().recordsPerSecond(), round.sinkGzipFast().recordsPerSecond(), round.sinkGzip().recordsPerSecond(),
          round.overBook(), round.shareOfWriteCeiling()));
    }
    lines.addAll(List.of("", "Events/s in each round.", "",
        "After one `kill -9` in the middle of a pass (killed once half of the topic's bytes were in"
            + " its folder, started again, stopped with SIGTERM once caught up):", "",
        "| design | events | missing | duplicates | torn lines |",
        "| --- | ---: | ---: | ---: | ---: |"));
    for (CrashOutcome crash : crashes) {
      lines.add(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %,d |", crash.subject(),
          crash.records(), crash.missing(), crash.duplicates(), crash.torn()));
    }
    lines.add("");
    return String.join("\n", lines);
  }

  String json() {
    String roundsJson = rounds.stream().map(round -> String.format(Locale.ROOT,
            "    {\"ceiling\": %s, \"strictCeiling\": %s, \"writeCeiling\": %s,"
                + " \"syncBehind\": %s, \"book\": %s, \"sink\": %s, \"sinkSyncAtCommit\": %s,"
                + " \"sinkGzipLevel1\": %s,"
                + " \"sinkGzipLevel6\": %s}",
            json(round.ceiling()), json(round.strictCeiling()), json(round.writeCeiling()),
            json(round.syncBehind()), json(round.book()), json(round.sink()),
            json(round.sinkSyncAtCommit()), json(round.sinkGzipFast()),
            json(round.sinkGzip())))
        .collect(Collectors.joining(",\n"));
    String crashesJson = crashes.stream().map(crash -> String.format(Locale.ROOT,
            "    {\"subject\": \"%s\", \"records\": %d, \"missing\": %d, \"duplicates\": %d,"
                + " \"torn\": %d}", crash.subject(), crash.records(), crash.missing(),
            crash.duplicates(), crash.torn()))
        .collect(Collectors.joining(",\n"));
    return String.format(Locale.ROOT, "{\n  \"records\": %d,\n  \"eventBytes\": %d,\n"
        + "  \"ceiling\": %s,\n  \"strictCeiling\": %s,\n  \"writeCeiling\": %s,\n"
        + "  \"syncBehind\": %s,\n"
        + "  \"book\": %s,\n  \"sink\": %s,\n  \"sinkSyncAtCommit\": %s,\n"
        + "  \"sinkGzipLevel1\": %s,\n"
        + "  \"sinkGzipLevel6\": %s,\n  \"overBook\": %.4f,\n"
        + "  \"shareOfWriteCeiling\": %.4f,\n  \"syncAtCommitShareOfWriteCeiling\": %.4f,\n"
        + "  \"targetOverBook\": %.2f,\n"
        + "  \"targetShareOfWriteCeiling\": %.2f,\n  \"met\": %b,\n"
        + "  \"rounds\": [\n%s\n  ],\n  \"crashes\": [\n%s\n  ],\n  \"commit\": \"%s\"\n}\n",
        records, eventBytes, json(ceiling()), json(strictCeiling()), json(writeCeiling()),
        json(syncBehind()), json(book()), json(sink()), json(sinkSyncAtCommit()),
        json(sinkGzipFast()), json(sinkGzip()), overBook(), shareOfWriteCeiling(),
        syncAtCommitShareOfWriteCeiling(),
        HdfsSinkBench.TARGET_OVER_BOOK, HdfsSinkBench.TARGET_SHARE_OF_WRITE_CEILING,
        overBookMet() && shareOfWriteCeilingMet(), roundsJson, crashesJson, commit);
  }

  private static String verdict(boolean met) {
    return met ? "met" : "**missed**";
  }

  private static String json(Throughput throughput) {
    return String.format(Locale.ROOT,
        "{\"eventsPerSecond\": %.1f, \"bytes\": %d, \"megabytesPerSecond\": %.2f,"
        + " \"seconds\": %.3f}", throughput.recordsPerSecond(), throughput.bytes(),
        throughput.megabytesPerSecond(), seconds(throughput));
  }

  private static String row(String subject, Throughput throughput) {
    return String.format(Locale.ROOT, "| %s | %,d | %,.0f | %.1f | %.2f |", subject,
        throughput.records(), throughput.recordsPerSecond(), throughput.megabytesPerSecond(),
        seconds(throughput));
  }

  private static double seconds(Throughput throughput) {
    return throughput.duration().toNanos() / 1e9;
  }
}
