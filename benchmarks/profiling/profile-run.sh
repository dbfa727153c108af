#!/usr/bin/env bash
# profile-run.sh OUTDIR CONFIG... — JFR profiling of the spring-mvc test app with and without Warden.
#
# Run it under the shared build lock, e.g.
#   flock /tmp/warden-mvn.lock benchmarks/profiling/profile-run.sh /tmp/wprof/run1 baseline warden baseline warden
#
# CONFIG is one of
#   baseline        java -Xmx256m ... -jar app.jar
#   warden          + -javaagent with the load-compare.sh policy (auth + rate limit + 3 masking rules)
#   warden-nomask   same policy without the response.fields rules (no masking: isolates the masking cost)
#   warden-norl     same policy without the rate limit (isolates Bucket4j/Caffeine + RateLimit headers)
#   warden-min      neither rate limit nor masking (auth + route match + servlet hooks only)
#
# Each launch: start (PORT on 127.0.0.1), verify, WARMUP_SECS of wrk, then
#   window A: MEASURE_SECS of wrk, no JFR  -> req/s, process CPU (utime+stime from /proc) -> CPU us/request, jstat GC
#             plus per-thread CPU ticks and context switches from /proc (OUTDIR/CONFIG-N.threads-{before,after}.tsv)
#   window B: REWARM_SECS (15) of wrk under a background JFR recording (JFR start deoptimises), then
#             MEASURE_SECS of wrk with JFR (warden-profile.jfc: ExecutionSample every 2 ms, allocation samples,
#             monitor enter >= 0 ms, park >= 1 ms) -> OUTDIR/CONFIG-N.jfr
#             (JFR=0 skips window B)
#   window C (only with PERF=1): MEASURE_SECS of wrk with `perf record -F 499` on the JVM, and the JIT perf map
#             (jcmd Compiler.perfmap) -> OUTDIR/CONFIG-N.perf.data + .perf.map
# then SIGTERM/SIGKILL of the JVM it started (by PID only).
#
# Uses copies of the jars (JAR_DIR, default /tmp/wprof/{agent,app}.jar) so a rebuild cannot change them mid-run.
set -euo pipefail

OUT=${1:?usage: profile-run.sh OUTDIR CONFIG...}
shift
mkdir -p "$OUT"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JFC="${JFC:-$HERE/warden-profile.jfc}"
JAR_DIR=${JAR_DIR:-/tmp/wprof}
AGENT_JAR="$JAR_DIR/agent.jar"
APP_JAR="$JAR_DIR/app.jar"
JAVA=${JAVA:-java}
JCMD=${JCMD:-jcmd}
WARMUP_SECS=${WARMUP_SECS:-15}
MEASURE_SECS=${MEASURE_SECS:-20}
PORT=${PORT:-18580}
TARGET=${TARGET:-/api/customers}
EXTRA_FLAGS=(-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints)

KEY="bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
KEY_SHA="$(printf %s "$KEY" | sha256sum | cut -d' ' -f1)"

policy() { # policy FILE MASK(0/1) RATELIMIT(0/1)
  {
    cat <<EOF
version: 1
consumers:
  - id: bench
    apiKeys:
      - sha256: "$KEY_SHA"
    attributes: { roles: [reader] }
authentication:
  apiKey: { header: X-API-Key }
defaults:
  authenticate: [apiKey]
  unmatched: deny
routes:
  - id: health
    match: { path: /health, methods: [GET] }
    authenticate: none
  - id: customers
    match: { path: "/api/customers/**" }
EOF
    if [[ $3 == 1 ]]; then
      cat <<EOF
    rateLimits:
      - { by: consumer, limit: 100000000, per: 1m }
EOF
    fi
    if [[ $2 == 1 ]]; then
      cat <<EOF
    response:
      fields:
        - { select: ["\$..ssn"], action: remove }
        - { select: ["\$..card.number"], action: mask, keepLast: 4 }
        - { select: ["\$..email"], action: redact }
EOF
    fi
  } >"$1"
}
policy "$OUT/policy-full.yaml" 1 1
policy "$OUT/policy-nomask.yaml" 0 1
policy "$OUT/policy-norl.yaml" 1 0
policy "$OUT/policy-min.yaml" 0 0

APP_PID=""
cleanup() { if [[ -n "$APP_PID" ]]; then kill "$APP_PID" 2>/dev/null || true; sleep 2; kill -9 "$APP_PID" 2>/dev/null || true; fi; }
trap cleanup EXIT

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# busy jiffies of the whole machine (all CPUs), and CPU of this shell's reaped children (wrk)
machine_busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
# Wait (up to QUIET_WAIT_SECS, default 180) until the machine is idle for 2 s, i.e. other people's JVMs are done.
wait_quiet() {
  local a b i hz; hz=$(getconf CLK_TCK)
  for ((i = 0; i < ${QUIET_WAIT_SECS:-180}; i += 2)); do
    a=$(machine_busy); sleep 2; b=$(machine_busy)
    if (( (b - a) < hz * 2 / 10 )); then return 0; fi
  done
  log "machine still busy after ${QUIET_WAIT_SECS:-180}s; measuring anyway"
}
children_ticks() { sed 's/^.*) //' "/proc/$$/stat" | awk '{ print $14 + $15 }'; }
# threads PID -> "comm<TAB>ticks<TAB>voluntary_ctxt<TAB>nonvoluntary_ctxt" per thread
threads_snapshot() {
  local t comm
  for t in /proc/"$1"/task/*; do
    comm=$(tr ' ' '_' <"$t/comm" 2>/dev/null) || continue
    printf '%s\t%s\t%s\t%s\t%s\n' "${t##*/}" "$comm" \
      "$(sed 's/^.*) //' "$t/stat" 2>/dev/null | awk '{ print $12 + $13 }')" \
      "$(awk '/^voluntary_ctxt_switches/ { print $2 }' "$t/status" 2>/dev/null)" \
      "$(awk '/^nonvoluntary_ctxt_switches/ { print $2 }' "$t/status" 2>/dev/null)"
  done
}
log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" | tee -a "$OUT/run.log" >&2; }

declare -A COUNT
for config in "$@"; do
  COUNT[$config]=$(( ${COUNT[$config]:-0} + 1 ))
  tag="$config-${COUNT[$config]}"
  cmd=("$JAVA" -Xmx256m "${EXTRA_FLAGS[@]}")
  case $config in
    baseline) ;;
    warden) cmd+=("-javaagent:$AGENT_JAR=policy=$OUT/policy-full.yaml") ;;
    warden-nomask) cmd+=("-javaagent:$AGENT_JAR=policy=$OUT/policy-nomask.yaml") ;;
    warden-norl) cmd+=("-javaagent:$AGENT_JAR=policy=$OUT/policy-norl.yaml") ;;
    warden-min) cmd+=("-javaagent:$AGENT_JAR=policy=$OUT/policy-min.yaml") ;;
    *) echo "unknown config $config" >&2; exit 2 ;;
  esac
  cmd+=(-jar "$APP_JAR")
  log "$tag: starting: ${cmd[*]}"
  env -u WARDEN_POLICY PORT="$PORT" "${cmd[@]}" >"$OUT/$tag.app.log" 2>&1 &
  APP_PID=$!
  for ((i = 0; i < 3000; i++)); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$PORT/health" || true)
    [[ $code == 200 ]] && break
    kill -0 "$APP_PID" 2>/dev/null || { log "$tag: app died"; cat "$OUT/$tag.app.log" >&2; exit 1; }
    sleep 0.05
  done
  curl -s -H "X-API-Key: $KEY" "http://127.0.0.1:$PORT$TARGET" >"$OUT/$tag.body.json"
  log "$tag: up (pid $APP_PID); body: $(head -c 200 "$OUT/$tag.body.json")"
  wrk -t2 -c16 -d"${WARMUP_SECS}s" -H "X-API-Key: $KEY" "http://127.0.0.1:$PORT$TARGET" >"$OUT/$tag.warmup.wrk.txt" 2>&1

  # window A: no JFR
  wait_quiet
  wrk -t2 -c16 -d5s -H "X-API-Key: $KEY" "http://127.0.0.1:$PORT$TARGET" >/dev/null 2>&1
  others=$( { pgrep -x java || true; } | { grep -vx "$APP_PID" || true; } | wc -l)
  jstat -gc "$APP_PID" >"$OUT/$tag.jstat-before.txt" 2>&1 || true
  threads_snapshot "$APP_PID" >"$OUT/$tag.threads-before.tsv"
  m0=$(machine_busy); c0=$(children_ticks)
  t0=$(cpu_ticks "$APP_PID"); n0=$(date +%s%N)
  wrk -t2 -c16 -d"${MEASURE_SECS}s" --latency -H "X-API-Key: $KEY" "http://127.0.0.1:$PORT$TARGET" >"$OUT/$tag.wrk.txt" 2>&1
  t1=$(cpu_ticks "$APP_PID"); n1=$(date +%s%N)
  m1=$(machine_busy); c1=$(children_ticks)
  threads_snapshot "$APP_PID" >"$OUT/$tag.threads-after.tsv"
  jstat -gc "$APP_PID" >"$OUT/$tag.jstat-after.txt" 2>&1 || true
  reqs=$(awk '/requests in/ { print $1 }' "$OUT/$tag.wrk.txt")
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$OUT/$tag.wrk.txt")
  hz=$(getconf CLK_TCK)
  cpu_s=$(awk -v a="$t0" -v b="$t1" -v hz="$hz" 'BEGIN { printf "%.2f", (b - a) / hz }')
  wall_s=$(awk -v a="$n0" -v b="$n1" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
  us_req=$(awk -v c="$cpu_s" -v r="$reqs" 'BEGIN { printf "%.2f", c * 1e6 / r }')
  non2xx=$(grep -c 'Non-2xx' "$OUT/$tag.wrk.txt" || true)
  # CPU used by anything but the app and wrk during window A (other people's builds, javap loops, ...)
  wrk_s=$(awk -v a="$c0" -v b="$c1" -v hz="$hz" 'BEGIN { printf "%.2f", (b - a) / hz }')
  other_s=$(awk -v m0="$m0" -v m1="$m1" -v app="$((t1 - t0))" -v w="$((c1 - c0))" -v hz="$hz" 'BEGIN { printf "%.2f", (m1 - m0 - app - w) / hz }')
  log "$tag: window A: $rps req/s, $reqs requests, app CPU ${cpu_s}s in ${wall_s}s -> ${us_req} us CPU/request; wrk CPU ${wrk_s}s; OTHER processes CPU ${other_s}s; non2xx lines=$non2xx; other JVMs=$others"
  echo "$tag rps=$rps reqs=$reqs cpu_s=$cpu_s wall_s=$wall_s us_per_req=$us_req others=$others wrk_cpu_s=$wrk_s other_cpu_s=$other_s" >>"$OUT/summary.txt"

  if [[ ${JFR:-1} == 1 ]]; then
  # window B: JFR. Starting JFR deoptimises hot code (seen as Interpreted frames in baseline recordings), so a
  # background recording with the same settings runs first through REWARM_SECS of load; the measured recording,
  # started while those settings are already active, then sees re-compiled code.
  "$JCMD" "$APP_PID" JFR.start name=bg settings="$JFC" disk=false >"$OUT/$tag.jcmd-bg.txt" 2>&1
  wrk -t2 -c16 -d"${REWARM_SECS:-15}s" -H "X-API-Key: $KEY" "http://127.0.0.1:$PORT$TARGET" >"$OUT/$tag.rewarm.wrk.txt" 2>&1
  "$JCMD" "$APP_PID" JFR.start name=prof settings="$JFC" duration="${MEASURE_SECS}s" filename="$OUT/$tag.jfr" >"$OUT/$tag.jcmd.txt" 2>&1
  t0=$(cpu_ticks "$APP_PID")
  wrk -t2 -c16 -d"${MEASURE_SECS}s" --latency -H "X-API-Key: $KEY" "http://127.0.0.1:$PORT$TARGET" >"$OUT/$tag.jfr.wrk.txt" 2>&1
  t1=$(cpu_ticks "$APP_PID")
  for ((i = 0; i < 100; i++)); do [[ -s "$OUT/$tag.jfr" ]] && break; sleep 0.3; done
  sleep 2
  "$JCMD" "$APP_PID" JFR.stop name=bg >>"$OUT/$tag.jcmd-bg.txt" 2>&1 || true
  reqs=$(awk '/requests in/ { print $1 }' "$OUT/$tag.jfr.wrk.txt")
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$OUT/$tag.jfr.wrk.txt")
  log "$tag: window B (JFR): $rps req/s, $reqs requests, app CPU $(awk -v a="$t0" -v b="$t1" -v hz="$hz" 'BEGIN { printf "%.2f", (b - a) / hz }')s; $(ls -la "$OUT/$tag.jfr" | awk '{print $5}') bytes"
  echo "$tag jfr_reqs=$reqs jfr_rps=$rps" >>"$OUT/summary.txt"
  fi

  if [[ ${PERF:-0} == 1 ]]; then
    # window C: perf (kernel + libjvm + JIT code, symbolised with the JVM's perf map)
    wrk -t2 -c16 -d"${MEASURE_SECS}s" -H "X-API-Key: $KEY" "http://127.0.0.1:$PORT$TARGET" >"$OUT/$tag.perf.wrk.txt" 2>&1 &
    wrk_pid=$!
    sleep 1
    perf record -F 499 -p "$APP_PID" -o "$OUT/$tag.perf.data" -- sleep $((MEASURE_SECS - 3)) >"$OUT/$tag.perf.log" 2>&1 || true
    "$JCMD" "$APP_PID" Compiler.perfmap >>"$OUT/$tag.perf.log" 2>&1 || true
    mv "/tmp/perf-$APP_PID.map" "$OUT/$tag.perf.map" 2>/dev/null || true; echo "$APP_PID" >"$OUT/$tag.perf.pid"
    wait "$wrk_pid" || true
    log "$tag: window C (perf): $(awk '/^Requests\/sec:/ { print $2 }' "$OUT/$tag.perf.wrk.txt") req/s"
  fi

  kill "$APP_PID" 2>/dev/null || true
  for ((i = 0; i < 150; i++)); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
done
log "done"
