#!/usr/bin/env bash
# Load benchmark of the collector against embedded Kafka, with its baselines measured in the same
# run: the book's fire-and-forget Spring MVC design (its controller as published, and a stripped
# minimum of it) and a plain producer loop (the ceiling).
#
#   bench/run.sh                          the full run (about 23 minutes on 2 cores)
#   WARMUP=10 DURATION=5 bench/run.sh     a smoke run: proves the harness, figures mean nothing
#
# Settings (environment):
#   WARMUP=120        seconds of full load before each app's first measured window (at least 60)
#   DURATION=30       seconds per measured window (at least 30)
#   BATCH_WARMUP=30   seconds of batches before the batch window (the batch path is colder)
#   CALIBRATION=10    seconds of the paced run that calibrates the half-load delay
#   THREADS=2 CONNECTIONS=64 BATCH_SIZE=50
#   HEAP=1g           heap of the collector, the baseline and the producer loop
#   KAFKA_HEAP=2g     heap of the Kafka JVM (one controller plus one or three brokers)
#   CONFIGS="fast durable"
#   COLLECTOR_ARGS="--collector.record-key=none"   more arguments for the collector
#   SKIP_BUILD=1      use the jars already built
#   COLLECTOR_JAR=... BENCH_JAR=... JARS_COMMIT=...
#                     measure jars built elsewhere, such as an earlier commit's, labelled with
#                     that commit (implies SKIP_BUILD=1); for before-and-after comparisons
#
# Writes bench/results/<stamp>.md and .json (and latest.md); a smoke run writes <stamp>-smoke.*
# and leaves latest.md alone. Process logs and raw wrk output go to bench/results/logs/<stamp>/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WARMUP="${WARMUP:-120}"
DURATION="${DURATION:-30}"
BATCH_WARMUP="${BATCH_WARMUP:-30}"
CALIBRATION="${CALIBRATION:-10}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-64}"
BATCH_SIZE="${BATCH_SIZE:-50}"
HEAP="${HEAP:-1g}"
KAFKA_HEAP="${KAFKA_HEAP:-2g}"
CONFIGS="${CONFIGS:-fast durable}"
SKIP_BUILD="${SKIP_BUILD:-0}"
JARS_COMMIT="${JARS_COMMIT:-}"
[[ -z "${COLLECTOR_JAR:-}${BENCH_JAR:-}" ]] || SKIP_BUILD=1

TOPIC=select-color
WRK_SCRIPT="$ROOT/bench/wrk/events.lua"
RESULTS="$ROOT/bench/results"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
LOGS="$RESULTS/logs/$STAMP"
MEASUREMENTS="$LOGS/measurements.txt"
STARTUP_TIMEOUT=180

PIDS=()
LAST_PID=""

say() {
  printf '%s %s\n' "$(date +%H:%M:%S)" "$*"
}

fail() {
  printf 'bench: %s\n' "$*" >&2
  exit 1
}

check_tools() {
  command -v wrk >/dev/null 2>&1 \
    || fail "wrk is not installed. Install it with: sudo apt-get install wrk (Debian/Ubuntu package 'wrk')."
  command -v java >/dev/null 2>&1 || fail "java (17 or later) is not on the PATH."
  command -v curl >/dev/null 2>&1 || fail "curl is not installed. Install it with: sudo apt-get install curl."
}

build() {
  if [[ "$SKIP_BUILD" == "1" ]]; then
    say "Skipping the build (SKIP_BUILD=1)."
  else
    say "Building: ./mvnw -q -DskipTests install"
    (cd "$ROOT" && ./mvnw -q -DskipTests install)
  fi
  COLLECTOR_JAR="${COLLECTOR_JAR:-$(find "$ROOT/collector/target" -maxdepth 1 -name 'collector-*-exec.jar' | head -n 1)}"
  BENCH_JAR="${BENCH_JAR:-$(find "$ROOT/bench/target" -maxdepth 1 -name 'bench-*-exec.jar' | head -n 1)}"
  [[ -n "$COLLECTOR_JAR" ]] || fail "collector/target has no collector-*-exec.jar; build without SKIP_BUILD."
  [[ -n "$BENCH_JAR" ]] || fail "bench/target has no bench-*-exec.jar; build without SKIP_BUILD."
}

# Starts a command in the background with its output in $LOGS/<name>.log; sets LAST_PID.
start() {
  local name="$1"
  shift
  "$@" >"$LOGS/$name.log" 2>&1 &
  LAST_PID=$!
  PIDS+=("$LAST_PID")
}

# Stops one process this script started: TERM, then KILL after 60 s.
stop() {
  local pid="$1" waited=0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null && ((waited < 120)); do
      sleep 0.5
      waited=$((waited + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
  local remaining=()
  for other in "${PIDS[@]}"; do
    [[ "$other" == "$pid" ]] || remaining+=("$other")
  done
  PIDS=("${remaining[@]+"${remaining[@]}"}")
}

cleanup() {
  local index
  for ((index = ${#PIDS[@]} - 1; index >= 0; index--)); do
    stop "${PIDS[index]}"
  done
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

# Waits until a started process prints a line matching a pattern in its log; prints that line.
wait_for_line() {
  local pid="$1" log="$2" pattern="$3" waited=0 line
  while ((waited < STARTUP_TIMEOUT * 2)); do
    line="$(grep -m 1 -- "$pattern" "$log" || true)"
    if [[ -n "$line" ]]; then
      echo "$line"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || fail "the process writing $log stopped; its last lines: $(tail -n 20 "$log")"
    sleep 0.5
    waited=$((waited + 1))
  done
  fail "no '$pattern' in $log after $STARTUP_TIMEOUT s"
}

# Waits until POST /api/events of one event answers 202.
wait_for_post() {
  local pid="$1" url="$2" log="$3" waited=0 status
  while ((waited < STARTUP_TIMEOUT * 2)); do
    status="$(curl -s -o /dev/null -w '%{http_code}' -X POST \
      -H 'Content-Type: application/json' --data "$(single_event)" "$url" || true)"
    [[ "$status" == "202" ]] && return 0
    kill -0 "$pid" 2>/dev/null || fail "the app stopped; its last lines: $(tail -n 20 "$log")"
    sleep 0.5
    waited=$((waited + 1))
  done
  fail "POST $url did not answer 202 within $STARTUP_TIMEOUT s (last status $status)"
}

single_event() {
  printf '%s' '{"eventId":"2f6c1d2e-8d3a-4b7e-9c0f-1a2b3c4d5e6f","userName":"Hanako Yamada","colorName":"blue","timestamp":"2026-11-22T10:00:00.000+09:00","sentAt":"2026-11-22T10:00:00.120+09:00"}'
}

# The value of key=value in a line of fields.
field() {
  tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p"
}

# Successful requests per second of a wrk BENCH line.
ok_rate() {
  awk -v requests="$(field "$1" requests)" -v non2xx="$(field "$1" non2xx)" \
    -v us="$(field "$1" duration_us)" 'BEGIN { printf "%.1f", (requests - non2xx) / (us / 1e6) }'
}

# Runs wrk; prints its BENCH line. Usage: wrk_run NAME URL EVENTS DELAY_MS SECONDS [METHOD]
wrk_run() {
  local name="$1" url="$2" events="$3" delay="$4" seconds="$5" method="${6:-POST}" out
  out="$LOGS/wrk-$name.txt"
  BENCH_EVENTS="$events" BENCH_DELAY_MS="$delay" BENCH_METHOD="$method" wrk -t "$THREADS" -c "$CONNECTIONS" \
    -d "${seconds}s" --timeout 10s -s "$WRK_SCRIPT" "$url" >"$out" 2>&1 \
    || fail "wrk failed; see $out"
  grep -m 1 '^BENCH ' "$out" | sed "s/^BENCH /connections=$CONNECTIONS /" \
    || fail "wrk printed no BENCH line; see $out"
}

# Appends a measured window to the measurements file. Usage: record CONFIG SUBJECT WORKLOAD FIELDS
record() {
  echo "run config=$1 subject=$2 workload=$3 $4" >>"$MEASUREMENTS"
}

# Per-connection delay for about half the peak rate: each connection's cycle (delay plus latency)
# must be 2 * CONNECTIONS / peak. A paced calibration run measures the latency under that load.
half_load_delay() {
  local peak="$1" latency_ms="$2"
  awk -v c="$CONNECTIONS" -v peak="$peak" -v latency="$latency_ms" \
    'BEGIN { d = 2 * c * 1000 / peak - latency; if (d < 1) d = 1; printf "%d", d + 0.5 }'
}

measure_collector() {
  local config="$1" bootstrap="$2" port url pid line peak delay calibration latency
  shift 2
  port="$(free_port)"
  url="http://127.0.0.1:$port/api/events"
  say "[$config] collector: starting on port $port ($*)"
  start "$config-collector" java "-Xms$HEAP" "-Xmx$HEAP" -jar "$COLLECTOR_JAR" \
    "--server.port=$port" "--spring.kafka.bootstrap-servers=$bootstrap" "$@"
  pid="$LAST_PID"
  wait_for_post "$pid" "$url" "$LOGS/$config-collector.log"
  say "[$config] collector: warm-up ${WARMUP} s"
  wrk_run "$config-collector-warmup" "$url" 1 0 "$WARMUP" >/dev/null
  say "[$config] collector: single events ${DURATION} s"
  line="$(wrk_run "$config-collector-single" "$url" 1 0 "$DURATION")"
  record "$config" collector single "$line"
  peak="$(ok_rate "$line")"
  awk -v p="$peak" 'BEGIN { exit !(p > 0) }' || fail "[$config] the collector answered no request with 202"
  delay="$(half_load_delay "$peak" 0)"
  say "[$config] collector: peak $peak req/s; calibrating half load with ${delay} ms delay, ${CALIBRATION} s"
  calibration="$(wrk_run "$config-collector-calibration" "$url" 1 "$delay" "$CALIBRATION")"
  latency="$(awk -v c="$CONNECTIONS" -v r="$(ok_rate "$calibration")" -v d="$delay" \
    'BEGIN { printf "%.2f", (r > 0 ? c * 1000 / r - d : 0) }')"
  delay="$(half_load_delay "$peak" "$latency")"
  say "[$config] collector: half load with ${delay} ms delay, ${DURATION} s"
  line="$(wrk_run "$config-collector-half" "$url" 1 "$delay" "$DURATION")"
  record "$config" collector half-load "$line"
  say "[$config] collector: batches of $BATCH_SIZE, warm-up ${BATCH_WARMUP} s, measured ${DURATION} s"
  wrk_run "$config-collector-batch-warmup" "$url" "$BATCH_SIZE" 0 "$BATCH_WARMUP" >/dev/null
  line="$(wrk_run "$config-collector-batch" "$url" "$BATCH_SIZE" 0 "$DURATION")"
  record "$config" collector batch "$line"
  stop "$pid"
}

# The book's controller as published (GET /api/select, recorded as subject "baseline", the target's
# reference), then the same application's stripped minimum (POST /api/events, subject "minimal").
measure_baseline() {
  local config="$1" bootstrap="$2" port book_url minimal_url pid line
  port="$(free_port)"
  book_url="http://127.0.0.1:$port/api/select?color=blue&user=Hanako%20Yamada"
  minimal_url="http://127.0.0.1:$port/api/events"
  say "[$config] book-design baseline: starting on port $port"
  start "$config-baseline" java "-Xms$HEAP" "-Xmx$HEAP" -jar "$BENCH_JAR" \
    "--server.port=$port" "--spring.kafka.bootstrap-servers=$bootstrap" "--baseline.topic=$TOPIC"
  pid="$LAST_PID"
  wait_for_post "$pid" "$minimal_url" "$LOGS/$config-baseline.log"
  say "[$config] book-design baseline: warm-up ${WARMUP} s, single events ${DURATION} s"
  wrk_run "$config-baseline-warmup" "$book_url" 1 0 "$WARMUP" GET >/dev/null
  line="$(wrk_run "$config-baseline-single" "$book_url" 1 0 "$DURATION" GET)"
  record "$config" baseline single "$line"
  say "[$config] minimal fire-and-forget: warm-up ${BATCH_WARMUP} s, single events ${DURATION} s"
  wrk_run "$config-minimal-warmup" "$minimal_url" 1 0 "$BATCH_WARMUP" >/dev/null
  line="$(wrk_run "$config-minimal-single" "$minimal_url" 1 0 "$DURATION")"
  record "$config" minimal single "$line"
  stop "$pid"
}

measure_ceiling() {
  local config="$1" bootstrap="$2" log line
  log="$LOGS/$config-ceiling.log"
  say "[$config] producer ceiling: warm-up ${WARMUP} s, measured ${DURATION} s"
  java "-Xms$HEAP" "-Xmx$HEAP" -Dloader.main=io.github.selectcolor.bench.producer.ProducerCeiling \
    -jar "$BENCH_JAR" "$bootstrap" "$TOPIC" "$config" "$WARMUP" "$DURATION" >"$log" 2>&1 \
    || fail "the producer ceiling failed; see $log"
  line="$(grep -m 1 '^BENCH ' "$log" | sed 's/^BENCH //')" || fail "no BENCH line in $log"
  record "$config" ceiling producer "$line"
}

# Sets BROKERS and POLICY_ARGS (the collector's arguments) for a configuration.
config_settings() {
  case "$1" in
    fast)
      BROKERS=1
      POLICY_ARGS=(--collector.delivery-policy=fast --collector.topic.replication-factor=1
        --collector.topic.min-insync-replicas=1)
      ;;
    durable)
      BROKERS=3
      POLICY_ARGS=(--collector.delivery-policy=durable)
      ;;
    *) fail "unknown configuration '$1'; use fast or durable" ;;
  esac
}

# Starts the configuration's Kafka cluster; sets KAFKA_PID and BOOTSTRAP.
start_kafka() {
  local config="$1"
  say "[$config] Kafka: starting $BROKERS broker(s)"
  start "$config-kafka" java "-Xms$KAFKA_HEAP" "-Xmx$KAFKA_HEAP" \
    -Dloader.main=io.github.selectcolor.bench.kafka.BenchKafka -jar "$BENCH_JAR" "$BROKERS"
  KAFKA_PID="$LAST_PID"
  BOOTSTRAP="$(wait_for_line "$KAFKA_PID" "$LOGS/$config-kafka.log" 'bench-kafka ready bootstrap.servers=' \
    | sed 's/.*bootstrap.servers=//')"
  say "[$config] Kafka: ready at $BOOTSTRAP"
}

run_config() {
  local config="$1" collector_args
  config_settings "$config"
  start_kafka "$config"
  # The collector runs first: it provisions the topic with the policy's replication.
  # shellcheck disable=SC2206
  collector_args=("${POLICY_ARGS[@]}" ${COLLECTOR_ARGS:-})
  measure_collector "$config" "$BOOTSTRAP" "${collector_args[@]}"
  measure_baseline "$config" "$BOOTSTRAP"
  measure_ceiling "$config" "$BOOTSTRAP"
  stop "$KAFKA_PID"
}

write_meta() {
  local command="" dirty="" setting
  for setting in WARMUP=120 DURATION=30 BATCH_WARMUP=30 CALIBRATION=10 THREADS=2 CONNECTIONS=64 \
    BATCH_SIZE=50 HEAP=1g KAFKA_HEAP=2g "CONFIGS=fast durable" COLLECTOR_ARGS= JARS_COMMIT=; do
    local name="${setting%%=*}"
    [[ "${!name:-}" == "${setting#*=}" ]] || command+="$name='${!name:-}' "
  done
  command+="bench/run.sh"
  git -C "$ROOT" diff --quiet HEAD 2>/dev/null || dirty=" (with uncommitted changes)"
  {
    echo "meta started=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "meta command=$command"
    echo "meta warmup_s=$WARMUP"
    echo "meta duration_s=$DURATION"
    echo "meta batch_warmup_s=$BATCH_WARMUP"
    echo "meta calibration_s=$CALIBRATION"
    echo "meta threads=$THREADS"
    echo "meta connections=$CONNECTIONS"
    echo "meta batch_size=$BATCH_SIZE"
    echo "meta heap=$HEAP"
    echo "meta kafka_heap=$KAFKA_HEAP"
    echo "meta cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
    echo "meta cores=$(nproc)"
    echo "meta memory=$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
    echo "meta os=$(. /etc/os-release && echo "$PRETTY_NAME"), Linux $(uname -r)"
    echo "meta java=$(java -version 2>&1 | head -n 1)"
    echo "meta wrk=$(wrk -v 2>&1 | head -n 1 | cut -d ' ' -f 1-2)"
    echo "meta load=$(cut -d ' ' -f 1-3 /proc/loadavg)"
    if [[ -n "$JARS_COMMIT" ]]; then
      echo "meta commit=$JARS_COMMIT (jars built from it)"
    else
      echo "meta commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$dirty"
    fi
  } >"$MEASUREMENTS"
}

main() {
  check_tools
  mkdir -p "$LOGS"
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  build
  write_meta
  say "Run $STAMP: warm-up ${WARMUP} s, windows of ${DURATION} s, configurations: $CONFIGS. Logs: $LOGS"
  for config in $CONFIGS; do
    run_config "$config"
  done
  local report
  report="$(java -Dloader.main=io.github.selectcolor.bench.report.BenchReport -jar "$BENCH_JAR" \
    "$MEASUREMENTS" "$RESULTS" "$STAMP" 2>>"$LOGS/report.log" | tail -n 1)"
  say "Report: $report"
  cat "$report"
}

# bench/run-collector-ab.sh sources this file for its helpers.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  main "$@"
fi
