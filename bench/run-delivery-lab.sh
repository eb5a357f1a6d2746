#!/usr/bin/env bash
# Delivery lab: what each delivery policy keeps when brokers crash, measured. A KRaft cluster of a
# controller and three brokers, each an OS process of its own started from Kafka's jars, takes a
# steady load from one collector process and one bare Kafka producer per policy (the rows), all
# at once, while the lab injects each fault (the columns) in turn: none; the leader of one
# partition killed with SIGKILL and restarted; that leader stalled with SIGSTOP past
# replica.lag.time.max.ms and resumed; two of three brokers killed and restarted; all three killed
# and restarted. Every topic is then read to its end and each cell counts, per sender:
# acknowledged, acknowledged but lost, duplicated eventIds, refused (503), no answer, the seconds
# with refusals, throughput and acknowledgement latency.
#
#   bench/run-delivery-lab.sh                    the whole matrix, 3 repetitions
#   SEED=42 bench/run-delivery-lab.sh            the same leaders and event ids as an earlier run
#   POLICIES=acks-1,durable FAULTS=leader-kill REPETITIONS=1 RATE=50 SINKS=false bench/run-delivery-lab.sh
#                                                what DeliveryLabIT runs
#
# Settings (environment): POLICIES and FAULTS (comma-separated; all by default: acks-0, acks-1,
# acks-all-isr-1, durable, durable-unclean; none, leader-kill, leader-stall, two-killed,
# all-killed), REPETITIONS=3, RATE=100 events/s per sender, BEFORE=5 s of load before each fault,
# DOWN=5 s that killed brokers stay down (a stall lasts 10 s more), AFTER=5 s of load after it
# healed, SEED (printed; random when unset), SINKS=true (then HDFS, Elasticsearch and Connect
# run too, and after the load one HDFS sink per collector topic and the Elasticsearch connector
# drain them, and each cell also counts what both stores hold; false skips them), SKIP_BUILD=1
# uses what the last build left in bench/target/faults/.
# Writes bench/results/delivery-lab-<stamp>.md, .json and .png; every process's log (the brokers',
# the controller's, each collector's, and the lab's own with its producers) goes to
# bench/results/logs/delivery-lab-<stamp>/. Exits 0 when the durable policy lost no acknowledged
# event, 2 when it did, 1 when the run failed, 64 on invalid settings. Ctrl-C stops every process
# it started.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
POLICIES="${POLICIES:-acks-0,acks-1,acks-all-isr-1,durable,durable-unclean}"
FAULTS="${FAULTS:-none,leader-kill,leader-stall,two-killed,all-killed}"
REPETITIONS="${REPETITIONS:-3}"
RATE="${RATE:-100}"
BEFORE="${BEFORE:-5}"
DOWN="${DOWN:-5}"
AFTER="${AFTER:-5}"
SINKS="${SINKS:-true}"
SEED="${SEED:-$(( (RANDOM << 15) | RANDOM ))}"
SKIP_BUILD="${SKIP_BUILD:-0}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS="$ROOT/bench/results"
LOGS="$RESULTS/logs/delivery-lab-$STAMP"
PARTS="$ROOT/bench/target/faults"

for setting in REPETITIONS RATE BEFORE DOWN AFTER SEED; do
  [[ "${!setting}" =~ ^[0-9]+$ && "${!setting}" -ge 1 ]] \
    || { echo "bench: $setting must be a whole number of at least 1, not '${!setting}'." >&2; exit 64; }
done
if [[ "$SKIP_BUILD" != "1" ]]; then
  echo "Building: ./mvnw -q -DskipTests verify -pl bench -am"
  (cd "$ROOT" && ./mvnw -q -DskipTests verify -pl bench -am)
fi
for part in engines.classpath collector.jar hdfs-sink.jar connector-plugin.zip; do
  [[ -f "$PARTS/$part" ]] || { echo "bench: $PARTS/$part is missing; build without SKIP_BUILD." >&2; exit 1; }
done
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
git -C "$ROOT" diff --quiet HEAD 2>/dev/null || COMMIT="$COMMIT (with uncommitted changes)"
COMMAND="POLICIES=$POLICIES FAULTS=$FAULTS REPETITIONS=$REPETITIONS RATE=$RATE BEFORE=$BEFORE DOWN=$DOWN AFTER=$AFTER SEED=$SEED SINKS=$SINKS bench/run-delivery-lab.sh"
mkdir -p "$LOGS"
echo "Delivery lab $STAMP, seed $SEED; logs in $LOGS"
echo "To run it again: $COMMAND"

status=0
java -Xmx768m -cp "$ROOT/bench/target/classes:$(cat "$PARTS/engines.classpath")" \
  io.github.selectcolor.bench.lab.DeliveryLabBench "policies=$POLICIES" "faults=$FAULTS" \
  "repetitions=$REPETITIONS" "rate=$RATE" "before=$BEFORE" "down=$DOWN" "after=$AFTER" \
  "seed=$SEED" "sinks=$SINKS" "parts=$PARTS" "classes=$ROOT/bench/target/classes" "logs=$LOGS" \
  -- "$RESULTS" "$STAMP" "$COMMIT" "$COMMAND" >"$LOGS/delivery-lab.log" 2>&1 || status=$?
if [[ ! -f "$RESULTS/delivery-lab-$STAMP.md" ]]; then
  echo "bench: the delivery lab failed (exit $status); its last lines:" >&2
  tail -n 30 "$LOGS/delivery-lab.log" >&2
  exit $(( status == 64 ? 64 : 1 ))
fi
cat "$RESULTS/delivery-lab-$STAMP.md"
exit "$status"
