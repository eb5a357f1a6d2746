#!/usr/bin/env bash
# End-to-end latency benchmark: starts the local pipeline as the README's first command does (from a
# fresh, temporary folder that is not the repository, with its data in local-data/ there), sends a steady load of clicks to the collector, and measures from
# each POST to the event being readable in Kafka (the baseline), searchable in Elasticsearch and
# committed in HDFS. Also records how long the pipeline took to be ready and its peak memory.
#
#   bench/run-latency.sh                      the full run: 1,000 clicks/s for 60 s
#   RATE=200 DURATION=20 bench/run-latency.sh  a smaller run
#
# Settings (environment): RATE=1000 clicks/s, DURATION=60 seconds, HEAP=1g (the launcher's -Xmx, as in the README),
# SKIP_BUILD=1 uses the jars already built. The standard ports (8080, 9092-9094, 9000, 9200, 8083,
# 8082, 5601) must be free. Writes bench/results/latency-<stamp>.md and .json, and latency-latest.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RATE="${RATE:-1000}"
DURATION="${DURATION:-60}"
HEAP="${HEAP:-1g}"
SKIP_BUILD="${SKIP_BUILD:-0}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
LOGS="$ROOT/bench/results/logs/latency-$STAMP"
READY_TIMEOUT=180

if [[ "$SKIP_BUILD" != "1" ]]; then
  (cd "$ROOT" && ./mvnw -q -DskipTests install)
fi
BENCH_JAR="$(find "$ROOT/bench/target" -maxdepth 1 -name 'bench-*-exec.jar' | head -n 1)"
LAUNCHER_JAR="$ROOT/launcher/target/select-color-local.jar"
[[ -n "$BENCH_JAR" && -f "$LAUNCHER_JAR" ]] \
  || { echo "bench: build the project first (without SKIP_BUILD)." >&2; exit 1; }
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
git -C "$ROOT" diff --quiet HEAD 2>/dev/null || COMMIT="$COMMIT (with uncommitted changes)"
mkdir -p "$LOGS"
DATA="$(mktemp -d)"
# Started as root, the launcher runs Elasticsearch as nobody, who must pass through this folder.
chmod 755 "$DATA"

PIPELINE_PID=""
stop_pipeline() {
  if [[ -n "$PIPELINE_PID" ]] && kill -0 "$PIPELINE_PID" 2>/dev/null; then
    kill -TERM "$PIPELINE_PID"
    wait "$PIPELINE_PID" || true
  fi
  rm -rf "$DATA"
}
trap stop_pipeline EXIT

echo "Run $STAMP: $RATE clicks/s for $DURATION s; logs in $LOGS"
STARTED=$(date +%s)
(cd "$DATA" && exec java "-Xmx$HEAP" -jar "$LAUNCHER_JAR") \
  >"$LOGS/pipeline.out" 2>&1 &
PIPELINE_PID=$!
until grep -q "Open the page at" "$LOGS/pipeline.out"; do
  if ! kill -0 "$PIPELINE_PID" 2>/dev/null || (( $(date +%s) - STARTED > READY_TIMEOUT )); then
    echo "bench: the pipeline did not start; its last lines:" >&2
    tail -n 20 "$LOGS/pipeline.out" >&2
    exit 1
  fi
  sleep 1
done
READY_SECONDS=$(( $(date +%s) - STARTED ))
echo "The pipeline was ready after $READY_SECONDS s."

java -Xmx1g -Dloader.main=io.github.selectcolor.bench.latency.LatencyBench -jar "$BENCH_JAR" \
  "$RATE" "$DURATION" "$ROOT/bench/results" "$STAMP" "$COMMIT" http://localhost:8080/ \
  http://127.0.0.1:9200/ hdfs://localhost:9000 localhost:9092,localhost:9093,localhost:9094 \
  10000 "$PIPELINE_PID" "$READY_SECONDS" >"$LOGS/bench.log" 2>&1 \
  || { echo "bench: the run failed; its last lines:" >&2; tail -n 20 "$LOGS/bench.log" >&2; exit 1; }
cp -r "$DATA/local-data/logs" "$LOGS/pipeline-logs"
cat "$ROOT/bench/results/latency-$STAMP.md"
