#!/usr/bin/env bash
# Before-and-after benchmark of two collectors, A and B, against one Kafka cluster in the same run.
# Both run side by side for the whole run, each warmed up once, and then take turns in measured
# rounds (A first in odd rounds, B first in even ones, so that a drift of the machine or the
# cluster falls on both); the verdict takes each one's median. Separate runs of bench/run.sh differ
# by more than the changes they compare: a fresh cluster alone moved the same jar by 40 %.
#
#   bench/run-collector-ab.sh             A: this build with --collector.record-key=none,
#                                         B: this build as it ships (about 12 minutes)
#   A_JAR=<an earlier commit's exec jar> A_ARGS= A_LABEL=606ecb6 bench/run-collector-ab.sh
#
# Settings (environment), besides run.sh's THREADS, CONNECTIONS, BATCH_SIZE, HEAP, KAFKA_HEAP:
#   CONFIG=durable    fast or durable, as in run.sh
#   ROUNDS=3          measured rounds; each measures both collectors' single events and batches
#   WARMUP=60         seconds of full load on each collector before the first round
#   DURATION=30       seconds per measured window
#   A_JAR, A_ARGS, A_LABEL / B_JAR, B_ARGS, B_LABEL   each collector's jar, arguments and name
#   SKIP_BUILD=1      use the jars already built
#
# Writes bench/results/collector-ab-<stamp>.md; logs and raw wrk output go to
# bench/results/logs/collector-ab-<stamp>/.
set -euo pipefail

# run.sh's own default warm-up is longer, for its single collector.
WARMUP="${WARMUP:-60}"
# shellcheck source=bench/run.sh
source "$(dirname "${BASH_SOURCE[0]}")/run.sh"

CONFIG="${CONFIG:-durable}"
ROUNDS="${ROUNDS:-3}"
STAMP="collector-ab-$STAMP"
LOGS="$RESULTS/logs/$STAMP"
MEASUREMENTS="$LOGS/measurements.txt"
REPORT="$RESULTS/$STAMP.md"

check_settings() {
  [[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || fail "ROUNDS must be a positive whole number, not '$ROUNDS'"
  [[ "$WARMUP" =~ ^[0-9]+$ && "$WARMUP" -ge 30 ]] || fail "WARMUP must be at least 30 seconds"
  [[ "$DURATION" =~ ^[0-9]+$ && "$DURATION" -ge 10 ]] || fail "DURATION must be at least 10 seconds"
}

# Starts one collector; sets URL_<side>. Usage: start_collector SIDE JAR ARGS...
start_collector() {
  local side="$1" jar="$2" port url
  shift 2
  [[ -f "$jar" ]] || fail "collector $side: no jar at $jar"
  port="$(free_port)"
  url="http://127.0.0.1:$port/api/events"
  say "[$side] collector: starting on port $port ($*)"
  start "collector-$side" java "-Xms$HEAP" "-Xmx$HEAP" -jar "$jar" \
    "--server.port=$port" "--spring.kafka.bootstrap-servers=$BOOTSTRAP" "$@"
  wait_for_post "$LAST_PID" "$url" "$LOGS/collector-$side.log"
  printf -v "URL_$side" '%s' "$url"
}

# Measures one window of one collector. Usage: measure SIDE ROUND WORKLOAD EVENTS
measure() {
  local side="$1" round="$2" workload="$3" events="$4" url line
  url="URL_$side"
  line="$(wrk_run "$side-$workload-$round" "${!url}" "$events" 0 "$DURATION")"
  echo "side=$side round=$round workload=$workload events_per_s=$(events_rate "$line" "$events") $line" \
    >>"$MEASUREMENTS"
  say "[$side] round $round $workload: $(events_rate "$line" "$events") events/s"
}

events_rate() {
  awk -v rate="$(ok_rate "$1")" -v events="$2" 'BEGIN { printf "%.0f", rate * events }'
}

measure_round() {
  local round="$1" sides=(A B)
  ((round % 2 == 1)) || sides=(B A)
  for side in "${sides[@]}"; do
    measure "$side" "$round" single 1
  done
  for side in "${sides[@]}"; do
    measure "$side" "$round" batch "$BATCH_SIZE"
  done
}

# The median of one collector's figure for one workload. Usage: median SIDE WORKLOAD FIELD
median() {
  awk -v side="$1" -v workload="$2" -v field="$3" '
    { delete f; for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] } }
    f["side"] == side && f["workload"] == workload { print f[field] }' "$MEASUREMENTS" \
    | sort -n | awk '{ values[NR] = $1 } END { if (NR % 2) print values[(NR + 1) / 2];
      else printf "%.0f\n", (values[NR / 2] + values[NR / 2 + 1]) / 2 }'
}

write_report() {
  local workload a b
  {
    echo "# Collector A/B benchmark $STAMP"
    echo
    echo "Command: \`CONFIG=$CONFIG ROUNDS=$ROUNDS WARMUP=$WARMUP DURATION=$DURATION A_JAR=<A's jar>"
    echo "A_ARGS='$A_ARGS' B_JAR=<B's jar> B_ARGS='$B_ARGS' bench/run-collector-ab.sh\`, commit $COMMIT,"
    echo "$(nproc) cores, load before the run: $LOAD_BEFORE. Both collectors ran side by side against one"
    echo "$CONFIG cluster and took turns; $CONNECTIONS connections, batches of $BATCH_SIZE events."
    echo
    echo "- A: $A_LABEL ($(basename "$A_JAR"))"
    echo "- B: $B_LABEL ($(basename "$B_JAR"))"
    echo
    echo "| round | collector | workload | events/s | p99 ms | non-2xx |"
    echo "| ---: | --- | --- | ---: | ---: | ---: |"
    awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
      printf "| %s | %s | %s | %s | %.1f | %s |\n", f["round"], f["side"], f["workload"],
        f["events_per_s"], f["p99_us"] / 1000, f["non2xx"] }' "$MEASUREMENTS"
    echo
    echo "| workload | A median events/s | B median events/s | B / A |"
    echo "| --- | ---: | ---: | ---: |"
    for workload in single batch; do
      a="$(median A "$workload" events_per_s)"
      b="$(median B "$workload" events_per_s)"
      awk -v w="$workload" -v a="$a" -v b="$b" 'BEGIN { printf "| %s | %s | %s | %.2f |\n", w, a, b, b / a }'
    done
  } >"$REPORT"
}

ab_main() {
  check_tools
  check_settings
  mkdir -p "$LOGS"
  : >"$MEASUREMENTS"
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  LOAD_BEFORE="$(cut -d ' ' -f 1-3 /proc/loadavg)"
  build
  A_JAR="${A_JAR:-$COLLECTOR_JAR}"
  B_JAR="${B_JAR:-$COLLECTOR_JAR}"
  A_ARGS="${A_ARGS---collector.record-key=none}"
  B_ARGS="${B_ARGS:-}"
  A_LABEL="${A_LABEL:-$(basename "$A_JAR") $A_ARGS}"
  B_LABEL="${B_LABEL:-$(basename "$B_JAR") $B_ARGS}"
  COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  git -C "$ROOT" diff --quiet HEAD 2>/dev/null || COMMIT="$COMMIT (with uncommitted changes)"
  say "Run $STAMP: $CONFIG, $ROUNDS rounds of ${DURATION} s windows. Logs: $LOGS"
  config_settings "$CONFIG"
  start_kafka "$CONFIG"
  # shellcheck disable=SC2206
  start_collector A "$A_JAR" "${POLICY_ARGS[@]}" $A_ARGS
  # shellcheck disable=SC2206
  start_collector B "$B_JAR" "${POLICY_ARGS[@]}" $B_ARGS
  for side in A B; do
    local url="URL_$side"
    say "[$side] collector: warm-up ${WARMUP} s"
    wrk_run "$side-warmup" "${!url}" 1 0 "$WARMUP" >/dev/null
    wrk_run "$side-batch-warmup" "${!url}" "$BATCH_SIZE" 0 "$DURATION" >/dev/null
  done
  for ((round = 1; round <= ROUNDS; round++)); do
    measure_round "$round"
  done
  write_report
  say "Report: $REPORT"
  cat "$REPORT"
}

ab_main "$@"
