#!/usr/bin/env bash
# Throughput benchmark of the HDFS sink: pre-produced events landed into an embedded HDFS
# (MiniDFSCluster), next to the book's HDFS consumer and an HDFS write ceiling (a plain consumer
# per partition writing synced files) over the same topic in the same run; then the book's
# consumer and the sink each take one kill -9 as processes of their own.
#
#   bench/run-hdfs-sink.sh                 the full run: 1 million events, 3 rounds (about 20 minutes)
#   EVENTS=200000 bench/run-hdfs-sink.sh   a smaller run
#
# Settings (environment): EVENTS=1000000, ROUNDS=3 measured rounds after a warm-up one (the
# verdict takes each subject's median), HEAP=4g, SKIP_BUILD=1 uses the jars already built;
# BENCH_JAR=... JARS_COMMIT=... measures a bench jar built elsewhere, such as an earlier commit's,
# labelled with that commit (for before-and-after comparisons), SINK_JAR=... the hdfs-sink jar
# that takes the kill -9; JAVA_OPTS=... more JVM options,
# such as -Dhdfs-sink.dedup.max-event-ids=0, which the sink under test reads as a setting.
# Writes bench/results/hdfs-sink-<stamp>.md and .json, and hdfs-sink-latest.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EVENTS="${EVENTS:-1000000}"
ROUNDS="${ROUNDS:-3}"
HEAP="${HEAP:-4g}"
SKIP_BUILD="${SKIP_BUILD:-0}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
LOGS="$ROOT/bench/results/logs/hdfs-sink-$STAMP"

if [[ "$SKIP_BUILD" != "1" && -z "${BENCH_JAR:-}" ]]; then
  (cd "$ROOT" && ./mvnw -q -DskipTests install)
fi
BENCH_JAR="${BENCH_JAR:-$(find "$ROOT/bench/target" -maxdepth 1 -name 'bench-*-exec.jar' | head -n 1)}"
[[ -n "$BENCH_JAR" ]] || { echo "bench: no bench-*-exec.jar; build without SKIP_BUILD." >&2; exit 1; }
SINK_JAR="${SINK_JAR:-$(find "$ROOT/hdfs-sink/target" -maxdepth 1 -name 'hdfs-sink-*-exec.jar' | head -n 1)}"
[[ -n "$SINK_JAR" ]] || { echo "bench: no hdfs-sink-*-exec.jar; build without SKIP_BUILD." >&2; exit 1; }
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
git -C "$ROOT" diff --quiet HEAD 2>/dev/null || COMMIT="$COMMIT (with uncommitted changes)"
[[ -z "${JARS_COMMIT:-}" ]] || COMMIT="$JARS_COMMIT (jars built from it)"
mkdir -p "$LOGS"

echo "Run $STAMP: $EVENTS events, $ROUNDS rounds; log in $LOGS/bench.log"
# shellcheck disable=SC2086
java "-Xms$HEAP" "-Xmx$HEAP" ${JAVA_OPTS:-} "-Dbench.jar=$BENCH_JAR" "-Dbench.hdfs-sink.jar=$SINK_JAR" \
  -Dloader.main=io.github.selectcolor.bench.hdfs.HdfsSinkBench \
  -jar "$BENCH_JAR" "$EVENTS" "$ROUNDS" "$ROOT/bench/results" "$STAMP" "$COMMIT" >"$LOGS/bench.log" 2>&1 \
  || { echo "bench: the run failed; its last lines:" >&2; tail -n 20 "$LOGS/bench.log" >&2; exit 1; }
cat "$ROOT/bench/results/hdfs-sink-$STAMP.md"
