#!/usr/bin/env bash
# Throughput benchmark of the Elasticsearch sink connector: pre-produced events indexed into one
# Elasticsearch node by the connector in a Connect worker, next to a plain bulk loader (the
# ceiling) in the same run.
#
#   bench/run-elasticsearch-sink.sh                 the full run: 1 million events, 3 rounds
#   EVENTS=100000 bench/run-elasticsearch-sink.sh   a smaller run
#
# Settings (environment): EVENTS=1000000, ROUNDS=3 measured rounds after a warm-up one (the
# verdict takes each subject's median), HEAP=2g, SKIP_BUILD=1 uses the jars already built.
# Writes bench/results/elasticsearch-sink-<stamp>.md and .json, and elasticsearch-sink-latest.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EVENTS="${EVENTS:-1000000}"
ROUNDS="${ROUNDS:-3}"
HEAP="${HEAP:-2g}"
SKIP_BUILD="${SKIP_BUILD:-0}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
LOGS="$ROOT/bench/results/logs/elasticsearch-sink-$STAMP"

if [[ "$SKIP_BUILD" != "1" ]]; then
  (cd "$ROOT" && ./mvnw -q -DskipTests install)
fi
BENCH_JAR="$(find "$ROOT/bench/target" -maxdepth 1 -name 'bench-*-exec.jar' | head -n 1)"
PLUGIN_PATH="$ROOT/elasticsearch-sink/target/plugin"
DISTRIBUTION="$(find "$ROOT/elasticsearch-sink/target/elasticsearch" -maxdepth 1 -name 'elasticsearch-*.zip' 2>/dev/null | head -n 1)"
[[ -n "$BENCH_JAR" && -d "$PLUGIN_PATH" && -n "$DISTRIBUTION" ]] \
  || { echo "bench: build the project first (without SKIP_BUILD)." >&2; exit 1; }
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
git -C "$ROOT" diff --quiet HEAD 2>/dev/null || COMMIT="$COMMIT (with uncommitted changes)"
mkdir -p "$LOGS"

echo "Run $STAMP: $EVENTS events, $ROUNDS rounds; log in $LOGS/bench.log"
java "-Xms$HEAP" "-Xmx$HEAP" -Delasticsearch.distribution="$DISTRIBUTION" \
  -Dloader.main=io.github.selectcolor.bench.elasticsearch.EsSinkBench \
  -jar "$BENCH_JAR" "$EVENTS" "$ROUNDS" "$ROOT/bench/results" "$STAMP" "$COMMIT" "$PLUGIN_PATH" \
  >"$LOGS/bench.log" 2>&1 \
  || { echo "bench: the run failed; its last lines:" >&2; tail -n 20 "$LOGS/bench.log" >&2; exit 1; }
cat "$ROOT/bench/results/elasticsearch-sink-$STAMP.md"
