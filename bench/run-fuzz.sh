#!/usr/bin/env bash
# Fuzz run of the collector's HTTP edge (POST /api/events and the book's GET /api/select) on
# loopback: the collector's exec jar runs as a process of its own with a small heap against a
# one-broker Kafka of its own, and receives random and truncated JSON, wrong types, deep nesting,
# long strings, invalid UTF-8, bodies over the limit (Content-Length and chunked), wrong content
# types and methods, oversize batches and events, broken request heads, slow senders that never
# finish a body (raw sockets), and a small share of valid control events with known eventIds.
# Every answer must be a 4xx problem body, a 202 for a control, or a 503 while Kafka is down;
# afterwards the whole topic must hold exactly the controls answered 202, each once. Then Kafka
# is stopped and a shorter phase runs against the same collector.
#
#   bench/run-fuzz.sh                        the full run: 100,000 requests (a few minutes)
#   REQUESTS=5000 bench/run-fuzz.sh          a smaller run
#   SEED=42 bench/run-fuzz.sh                repeat a run's requests (the seed is in its report)
#
# Settings (environment): REQUESTS=100000 with Kafka up, DOWN_REQUESTS=10000 with Kafka down,
# SLOW_SENDERS=300, SEED (random when unset), MAX_SECONDS=600 per phase, HEAP=256m (the
# collector's -Xmx), BODY_TIMEOUT=10 (collector.limits.body-timeout, seconds), SKIP_BUILD=1 uses
# the jars already built. Writes bench/results/fuzz-<stamp>.md and .json; logs go to
# bench/results/logs/fuzz-<stamp>/. Exits 1 when any answer or the topic was wrong.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REQUESTS="${REQUESTS:-100000}"
DOWN_REQUESTS="${DOWN_REQUESTS:-10000}"
SLOW_SENDERS="${SLOW_SENDERS:-300}"
SEED="${SEED:-$(od -An -N6 -tu8 /dev/urandom | tr -d ' ')}"
MAX_SECONDS="${MAX_SECONDS:-600}"
HEAP="${HEAP:-256m}"
BODY_TIMEOUT="${BODY_TIMEOUT:-10}"
SKIP_BUILD="${SKIP_BUILD:-0}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
LOGS="$ROOT/bench/results/logs/fuzz-$STAMP"
STARTUP_TIMEOUT=180

PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]+"${PIDS[@]}"}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
  printf 'bench: %s\n' "$*" >&2
  exit 1
}

free_port() {
  local port attempt
  for attempt in $(seq 1 100); do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  fail "found no free port after $attempt tries"
}

if [[ "$SKIP_BUILD" != "1" ]]; then
  (cd "$ROOT" && ./mvnw -q -DskipTests -pl collector,bench -am package)
fi
COLLECTOR_JAR="$(find "$ROOT/collector/target" -maxdepth 1 -name 'collector-*-exec.jar' | head -n 1)"
BENCH_JAR="$(find "$ROOT/bench/target" -maxdepth 1 -name 'bench-*-exec.jar' | head -n 1)"
[[ -n "$COLLECTOR_JAR" && -n "$BENCH_JAR" ]] || fail "build the project first (without SKIP_BUILD)."
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
git -C "$ROOT" diff --quiet HEAD 2>/dev/null || COMMIT="$COMMIT (with uncommitted changes)"
COMMAND="REQUESTS=$REQUESTS DOWN_REQUESTS=$DOWN_REQUESTS SLOW_SENDERS=$SLOW_SENDERS SEED=$SEED HEAP=$HEAP BODY_TIMEOUT=$BODY_TIMEOUT bench/run-fuzz.sh"
mkdir -p "$LOGS"

echo "Run $STAMP, seed $SEED; logs in $LOGS"
java -Xmx1g -Dloader.main=io.github.selectcolor.bench.kafka.BenchKafka -jar "$BENCH_JAR" 1 \
  >"$LOGS/kafka.log" 2>&1 &
KAFKA_PID=$!
PIDS+=("$KAFKA_PID")
BOOTSTRAP=""
for _ in $(seq 1 "$STARTUP_TIMEOUT"); do
  BOOTSTRAP="$(sed -n 's/^bench-kafka ready bootstrap.servers=//p' "$LOGS/kafka.log")"
  [[ -n "$BOOTSTRAP" ]] && break
  kill -0 "$KAFKA_PID" 2>/dev/null || fail "Kafka stopped; see $LOGS/kafka.log"
  sleep 1
done
[[ -n "$BOOTSTRAP" ]] || fail "Kafka was not ready within $STARTUP_TIMEOUT s"

PORT="$(free_port)"
java "-Xmx$HEAP" -jar "$COLLECTOR_JAR" "--server.port=$PORT" \
  "--spring.kafka.bootstrap-servers=$BOOTSTRAP" --collector.delivery-policy=fast \
  --collector.topic.replication-factor=1 --collector.topic.min-insync-replicas=1 \
  "--collector.limits.body-timeout=${BODY_TIMEOUT}s" >"$LOGS/collector.log" 2>&1 &
COLLECTOR_PID=$!
PIDS+=("$COLLECTOR_PID")
for _ in $(seq 1 "$STARTUP_TIMEOUT"); do
  curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null && break
  kill -0 "$COLLECTOR_PID" 2>/dev/null || fail "the collector stopped; see $LOGS/collector.log"
  sleep 1
done
curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null \
  || fail "the collector was not ready within $STARTUP_TIMEOUT s"

STATUS=0
java -Xmx1g -Dloader.main=io.github.selectcolor.bench.fuzz.HttpEdgeFuzz -jar "$BENCH_JAR" \
  "http://127.0.0.1:$PORT/" "$BOOTSTRAP" "$KAFKA_PID" "$REQUESTS" "$DOWN_REQUESTS" \
  "$SLOW_SENDERS" "$SEED" "$MAX_SECONDS" "$BODY_TIMEOUT" "$ROOT/bench/results" "$STAMP" \
  "$COMMAND" "$COMMIT" "$HEAP" >"$LOGS/fuzz.log" 2>&1 || STATUS=$?
kill -0 "$COLLECTOR_PID" 2>/dev/null || fail "the collector died during the run; see $LOGS/collector.log"
grep -c ' ERROR ' "$LOGS/collector.log" >"$LOGS/collector-errors.txt" || true
[[ -f "$ROOT/bench/results/fuzz-$STAMP.md" ]] \
  || fail "the run wrote no report; its last lines: $(tail -n 20 "$LOGS/fuzz.log")"
cat "$ROOT/bench/results/fuzz-$STAMP.md"
echo "Collector log lines at ERROR: $(cat "$LOGS/collector-errors.txt")"
exit "$STATUS"
