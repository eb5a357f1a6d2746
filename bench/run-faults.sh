#!/usr/bin/env bash
# Fault run of the whole pipeline: every part runs as its own OS process (a KRaft controller and
# three brokers, HDFS, Elasticsearch, a Kafka Connect worker with the Elasticsearch connector, the
# collector and the HDFS sink) on free ports in a temporary folder. Tracker-like clients send a
# steady load of clicks through the collector, retrying exactly as the page's tracker.js does,
# while these faults are injected one after another: the HDFS sink killed with SIGKILL ten times
# (restarted each time), the Connect worker killed with SIGKILL (restarted), Elasticsearch stopped
# for 60 s, the NameNode restarted, the collector restarted with SIGTERM, and the leader broker of
# one partition killed with SIGKILL (restarted after 15 s). Once every fault healed and the
# clients' queues drained, every eventId the clients got a 202 for is looked up in every committed
# HDFS file and in every Elasticsearch document: lost and duplicated events are counted per store.
#
# PLAN=short runs only the HDFS sink's three SIGKILLs and the collector's restart, as FaultRunIT.
#
#   bench/run-faults.sh                 the full run (about 10 minutes on 2 cores)
#   SEED=42 bench/run-faults.sh         the same faults, gaps and event ids as an earlier run
#   PLAN=short SEED=20261203 RATE=50 PAGES=4 MIN_GAP=3 MAX_GAP=6 ROLL_AGE=3 bench/run-faults.sh
#                                       what FaultRunIT runs
#
# Settings (environment): PLAN=full or short, SEED (printed at the start; random when unset),
# RATE=100 clicks/s, PAGES=8 tracker pages, MIN_GAP=5 MAX_GAP=12 seconds between faults,
# ROLL_AGE=5 seconds (the sink's roll.max-age), SKIP_BUILD=1 uses what the last build left in
# bench/target/faults/. The report's first lines give the command that runs the same again.
# Writes bench/results/faults-<stamp>.md and .json; every process's log goes to
# bench/results/logs/faults-<stamp>/. Exits 0 when every acknowledged event is in both stores
# exactly once, 2 when not, 1 when the run failed. Ctrl-C stops every process it started.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PLAN="${PLAN:-full}"
[[ "$PLAN" == "full" || "$PLAN" == "short" ]] || { echo "bench: PLAN is full or short, not $PLAN." >&2; exit 1; }
SEED="${SEED:-$(( (RANDOM << 15) | RANDOM ))}"
RATE="${RATE:-100}"
PAGES="${PAGES:-8}"
MIN_GAP="${MIN_GAP:-5}"
MAX_GAP="${MAX_GAP:-12}"
ROLL_AGE="${ROLL_AGE:-5}"
SKIP_BUILD="${SKIP_BUILD:-0}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS="$ROOT/bench/results"
LOGS="$RESULTS/logs/faults-$STAMP"
PARTS="$ROOT/bench/target/faults"

if [[ "$SKIP_BUILD" != "1" ]]; then
  echo "Building: ./mvnw -q -DskipTests verify -pl bench -am"
  (cd "$ROOT" && ./mvnw -q -DskipTests verify -pl bench -am)
fi
for part in engines.classpath collector.jar hdfs-sink.jar connector-plugin.zip; do
  [[ -f "$PARTS/$part" ]] || { echo "bench: $PARTS/$part is missing; build without SKIP_BUILD." >&2; exit 1; }
done
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
git -C "$ROOT" diff --quiet HEAD 2>/dev/null || COMMIT="$COMMIT (with uncommitted changes)"
COMMAND="PLAN=$PLAN SEED=$SEED RATE=$RATE PAGES=$PAGES MIN_GAP=$MIN_GAP MAX_GAP=$MAX_GAP ROLL_AGE=$ROLL_AGE bench/run-faults.sh"
mkdir -p "$LOGS"
echo "Fault run $STAMP, $PLAN plan, seed $SEED; logs in $LOGS"
echo "To run it again: $COMMAND"

status=0
java -Xmx512m -cp "$ROOT/bench/target/classes:$(cat "$PARTS/engines.classpath")" \
  io.github.selectcolor.bench.faults.FaultBench "plan=$PLAN" "seed=$SEED" "rate=$RATE" "pages=$PAGES" \
  "min-gap=$MIN_GAP" "max-gap=$MAX_GAP" "roll-age=$ROLL_AGE" "parts=$PARTS" \
  "classes=$ROOT/bench/target/classes" "logs=$LOGS" \
  -- "$RESULTS" "$STAMP" "$COMMIT" "$COMMAND" >"$LOGS/fault-run.log" 2>&1 || status=$?
if [[ ! -f "$RESULTS/faults-$STAMP.md" ]]; then
  echo "bench: the fault run failed (exit $status); its last lines:" >&2
  tail -n 30 "$LOGS/fault-run.log" >&2
  exit 1
fi
cat "$RESULTS/faults-$STAMP.md"
exit "$status"
