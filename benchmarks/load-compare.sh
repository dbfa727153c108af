#!/usr/bin/env bash
# load-compare.sh — measure the Warden agent's overhead on the Spring MVC test app, in ONE run,
# as ratios "with agent" / "without agent" on this machine.
#
# For each of two configurations, alternating (baseline, warden, baseline, warden, ...) and
# repeated N times, with identical JVM flags:
#   baseline : java -Xmx256m -jar spring-mvc.jar
#   warden   : java -Xmx256m -javaagent:warden-agent.jar=policy=POLICY -jar spring-mvc.jar
# it measures
#   1. start-up  : process launch -> first HTTP 200 on GET /health (curl polled every 20 ms)
#   2. warm-up   : WARMUP_SECS of wrk on the target path (discarded)
#   3. measure   : wrk -t2 -c16 -dMEASURE_SECS --latency  -> requests/s and p99 latency (ms)
#   4. RSS       : resident set size of the JVM right after the measured load (MiB)
#   5. stop      : SIGTERM, wait (SIGKILL after 30 s)
# and prints the median of each metric per configuration plus the warden/baseline ratios.
# A Markdown report (with a JSON block) goes to benchmarks/results/load-compare-<date>.md and the
# app logs of every launch to benchmarks/results/load-compare-<date>.logs/.
#
# Before numbers are taken, every run checks that it is configured as intended: the warden run
# must mask (response contains "[REDACTED]" and no "ssn"), the baseline run must not; otherwise
# the script aborts, so numbers are never reported for a misconfigured run. It also aborts if wrk
# sees non-2xx responses (e.g. 401/429) or if the app dies.
#
# Usage (from anywhere):
#   benchmarks/load-compare.sh                                       # JDK on PATH (17), N=3
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 benchmarks/load-compare.sh   # JDK 25
#   N=5 TARGET_PATH=/api/customers/c-1001 benchmarks/load-compare.sh
# If other heavy jobs (Maven builds) share the machine, hold their lock for the whole run:
#   flock /tmp/warden-mvn.lock benchmarks/load-compare.sh
#
# Environment (all optional):
#   N             repetitions per configuration              (default 3)
#   TARGET_PATH   path that is loaded and measured           (default /api/customers)
#   WARMUP_SECS   warm-up duration, seconds                  (default 15)
#   MEASURE_SECS  measured duration, seconds                 (default 20)
#   WRK_THREADS   wrk -t                                     (default 2)
#   WRK_CONNS     wrk -c                                     (default 16)
#   HEAP          JVM heap flag for both configurations      (default -Xmx256m)
#   BASE_PORT     first port tried for the app               (default 18480)
#   JAVA_HOME     JDK to run the app with                    (default: java on PATH)
#   RESULTS_DIR   where the report goes                      (default benchmarks/results)

set -euo pipefail

# ---------------------------------------------------------------------------------------------
# Settings and paths
# ---------------------------------------------------------------------------------------------
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$SCRIPT_DIR/.." && pwd)"
AGENT_JAR="$REPO_DIR/agent/target/warden-agent.jar"
APP_JAR="$REPO_DIR/test-apps/spring-mvc/target/spring-mvc.jar"

N="${N:-3}"
TARGET_PATH="${TARGET_PATH:-/api/customers}"
WARMUP_SECS="${WARMUP_SECS:-15}"
MEASURE_SECS="${MEASURE_SECS:-20}"
WRK_THREADS="${WRK_THREADS:-2}"
WRK_CONNS="${WRK_CONNS:-16}"
HEAP="${HEAP:--Xmx256m}"
BASE_PORT="${BASE_PORT:-18480}"
RESULTS_DIR="${RESULTS_DIR:-$SCRIPT_DIR/results}"
# The path whose masking is checked: the customer list always contains ssn/email/card fields.
VERIFY_PATH="/api/customers"
STARTUP_TIMEOUT_SECS=120

# JAVA_HOME wins when set, otherwise whatever `java` is on PATH.
if [[ -n "${JAVA_HOME:-}" ]]; then
  JAVA="$JAVA_HOME/bin/java"
else
  JAVA="$(command -v java || true)"
fi

STAMP="$(date +%Y-%m-%d-%H%M%S)"
REPORT="$RESULTS_DIR/load-compare-$STAMP.md"
LOG_DIR="$RESULTS_DIR/load-compare-$STAMP.logs"

log()  { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die()  { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------
# Pre-flight checks
# ---------------------------------------------------------------------------------------------
[[ "$N" =~ ^[1-9][0-9]*$ ]] || die "N must be a positive integer (got '$N')"
[[ "$TARGET_PATH" == /* ]]   || die "TARGET_PATH must start with / (got '$TARGET_PATH')"
[[ -x "$JAVA" ]]             || die "no java executable (JAVA_HOME='${JAVA_HOME:-}', PATH java='$(command -v java || true)')"
[[ -f "$AGENT_JAR" ]]        || die "agent jar missing: $AGENT_JAR (build it first; this script does not)"
[[ -f "$APP_JAR" ]]          || die "test app jar missing: $APP_JAR (build it first; this script does not)"
command -v curl >/dev/null   || die "curl is required"

# Install wrk if missing (Debian package). Try without an index refresh first; only if that
# fails run `apt-get update` once and retry.
if ! command -v wrk >/dev/null; then
  SUDO=""
  [[ "$(id -u)" -eq 0 ]] || SUDO="sudo"
  log "wrk not found; installing it with apt-get"
  if ! $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y wrk >&2; then
    $SUDO apt-get update >&2
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y wrk >&2
  fi
  command -v wrk >/dev/null || die "could not install wrk"
fi

mkdir -p "$RESULTS_DIR" "$LOG_DIR"
# Neutral names for the temp dir and the jar copies (see the snapshot below): on a shared machine
# someone's "pkill -f spring-mvc.jar"-style clean-up of their own test apps must not hit ours.
TMP_DIR="$(mktemp -d -t lcbench.XXXXXX)"

# The app PID currently running (if any); the EXIT trap stops it so nothing is left behind.
APP_PID=""
cleanup() {
  local rc=$?
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    sleep 2
    kill -9 "$APP_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP_DIR"
  if [[ $rc -ne 0 ]]; then
    log "aborted (exit $rc); app logs are in $LOG_DIR"
  fi
}
trap cleanup EXIT

# Snapshot both jars for the whole run: the agent is under active development on this machine,
# and a rebuild halfway through would silently mix two agent versions into one set of medians.
# The copies are byte-identical; only their names are neutral (agent.jar, app.jar).
SRC_AGENT_JAR="$AGENT_JAR" SRC_APP_JAR="$APP_JAR"
cp "$SRC_AGENT_JAR" "$TMP_DIR/agent.jar"
cp "$SRC_APP_JAR" "$TMP_DIR/app.jar"
AGENT_JAR="$TMP_DIR/agent.jar"
APP_JAR="$TMP_DIR/app.jar"

# ---------------------------------------------------------------------------------------------
# API key and policy. Only the key's SHA-256 goes into the policy; the key lives in this shell.
# ---------------------------------------------------------------------------------------------
KEY="bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
KEY_SHA="$(printf %s "$KEY" | sha256sum | cut -d' ' -f1)"
POLICY="$TMP_DIR/policy.yaml"
cat >"$POLICY" <<EOF
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
    rateLimits:
      - { by: consumer, limit: 100000000, per: 1m }
    response:
      fields:
        - { select: ["\$..ssn"], action: remove }
        - { select: ["\$..card.number"], action: mask, keepLast: 4 }
        - { select: ["\$..email"], action: redact }
EOF

# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------

# A port nothing listens on, starting at BASE_PORT (bash's /dev/tcp: a connect that succeeds
# means the port is taken).
free_port() {
  local p
  for ((p = BASE_PORT; p < BASE_PORT + 200; p++)); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  die "no free port in $BASE_PORT..$((BASE_PORT + 199))"
}

# app_died CONFIG LOGFILE WHEN: the app is gone; reap it, say how it ended (exit code or signal),
# show its log tail and abort.
app_died() {
  local config=$1 logfile=$2 when=$3 rc=0 how
  wait "$APP_PID" 2>/dev/null || rc=$?
  if ((rc > 128)); then how="killed by signal $((rc - 128)) ($(kill -l $((rc - 128)) 2>/dev/null || echo '?'))"
  else how="exit status $rc"; fi
  APP_PID=""
  tail_log "$logfile"
  die "$config: the app (java) ended $when: $how"
}

# Last lines of a launch's log, for error messages.
tail_log() { echo "----- last 40 lines of $1 -----" >&2; tail -n 40 "$1" >&2 || true; echo "-----" >&2; }

# start_app CONFIG LOGFILE -> sets APP_PID, APP_PORT, STARTUP_S.
# Launches the JVM and polls GET /health every 20 ms until the first 200.
start_app() {
  local config=$1 logfile=$2 t0 t1 code deadline
  local -a cmd=("$JAVA" "$HEAP")
  [[ "$config" == warden ]] && cmd+=("-javaagent:$AGENT_JAR=policy=$POLICY")
  cmd+=(-jar "$APP_JAR")

  APP_PORT="$(free_port)"
  echo "# $(printf '%q ' "${cmd[@]}") (PORT=$APP_PORT)" >"$logfile"
  t0=$(date +%s%N)
  # A simple command run in the background: $! is the java process itself (no wrapper shell),
  # so `ps` below reads the JVM's own RSS. WARDEN_POLICY is removed so only -javaagent counts.
  env -u WARDEN_POLICY PORT="$APP_PORT" "${cmd[@]}" >>"$logfile" 2>&1 &
  APP_PID=$!
  deadline=$((t0 + STARTUP_TIMEOUT_SECS * 1000000000))
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$APP_PORT/health" || true)
    if [[ "$code" == 200 ]]; then
      t1=$(date +%s%N)
      break
    fi
    kill -0 "$APP_PID" 2>/dev/null || app_died "$config" "$logfile" "before answering /health"
    if (($(date +%s%N) > deadline)); then
      tail_log "$logfile"
      die "$config: no 200 on /health within ${STARTUP_TIMEOUT_SECS}s (last status '$code')"
    fi
    sleep 0.02
  done
  STARTUP_S=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
}

# stop_app: SIGTERM, up to 30 s for a clean exit, then SIGKILL; always reaps the process.
stop_app() {
  local i
  [[ -n "$APP_PID" ]] || return 0
  kill "$APP_PID" 2>/dev/null || true
  for ((i = 0; i < 300; i++)); do
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
}

# verify_config CONFIG LOGFILE: aborts unless the app behaves as the configuration demands.
verify_config() {
  local config=$1 logfile=$2 body status
  body="$TMP_DIR/verify.body"
  status=$(curl -s -o "$body" -w '%{http_code}' --max-time 10 -H "X-API-Key: $KEY" \
    "http://127.0.0.1:$APP_PORT$VERIFY_PATH" || true)
  [[ "$status" == 200 ]] || { tail_log "$logfile"; die "$config: GET $VERIFY_PATH answered $status, expected 200"; }
  if [[ "$config" == warden ]]; then
    grep -q '"\[REDACTED\]"' "$body" || { head -c 600 "$body" >&2; echo >&2; die "warden: response is NOT masked (no \"[REDACTED]\")"; }
    if grep -q '"ssn"' "$body"; then head -c 600 "$body" >&2; echo >&2; die "warden: response still contains \"ssn\""; fi
    grep -q '"number":"\*\{8,\}[0-9]\{4\}"' "$body" || { head -c 600 "$body" >&2; echo >&2; die "warden: card.number not masked to last 4"; }
    # Wrong key must be refused: proves authentication is active, not just masking.
    status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H "X-API-Key: wrong-$KEY" \
      "http://127.0.0.1:$APP_PORT$VERIFY_PATH" || true)
    [[ "$status" == 401 || "$status" == 403 ]] || die "warden: a wrong API key got $status, expected 401/403"
  else
    grep -q '"ssn"' "$body" || { head -c 600 "$body" >&2; echo >&2; die "baseline: response has no \"ssn\" (is something masking it?)"; }
    if grep -q 'REDACTED' "$body"; then die "baseline: response contains REDACTED (is an agent attached?)"; fi
  fi
  # The measured path itself must answer 200 with the key in both configurations.
  if [[ "$TARGET_PATH" != "$VERIFY_PATH" ]]; then
    status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H "X-API-Key: $KEY" \
      "http://127.0.0.1:$APP_PORT$TARGET_PATH" || true)
    [[ "$status" == 200 ]] || die "$config: GET $TARGET_PATH answered $status, expected 200"
  fi
}

# run_wrk SECONDS OUTFILE: wrk against the target path with the key header (both configs; the
# baseline app simply ignores the header).
run_wrk() {
  wrk -t"$WRK_THREADS" -c"$WRK_CONNS" -d"$1s" --latency --timeout 10s \
    -H "X-API-Key: $KEY" "http://127.0.0.1:$APP_PORT$TARGET_PATH" >"$2" 2>&1
}

# load CONFIG LOGFILE SECONDS OUTFILE PHASE: run wrk, then insist the app survived and every
# response was 2xx/3xx.
load() {
  local config=$1 logfile=$2 secs=$3 out=$4 phase=$5 rc=0
  run_wrk "$secs" "$out" || rc=$?
  kill -0 "$APP_PID" 2>/dev/null || { cat "$out" >&2; app_died "$config" "$logfile" "during the $phase"; }
  ((rc == 0)) || { cat "$out" >&2; die "$config: wrk failed (exit $rc) during the $phase"; }
  check_wrk "$config" "$out"
}

# check_wrk CONFIG OUTFILE: a load run only counts if every response was 2xx/3xx.
check_wrk() {
  local config=$1 out=$2
  if grep -q 'Non-2xx or 3xx responses' "$out"; then
    cat "$out" >&2
    die "$config: wrk saw non-2xx responses (auth/rate limit/app error) — numbers would be meaningless"
  fi
  grep -q '^Requests/sec:' "$out" || { cat "$out" >&2; die "$config: wrk output has no Requests/sec line"; }
  if grep -q 'Socket errors' "$out"; then log "WARNING $config: wrk $(parse_socket_errors "$out") ($(basename "$out"))"; fi
}

# Number of java processes other than ours: they share the 2 cores and skew the numbers.
other_jvms() { { pgrep -x java || true; } | { grep -vx "${APP_PID:-0}" || true; } | wc -l; }

# wrk's "Requests/sec:  12345.67"
parse_rps() { awk '/^Requests\/sec:/ { printf "%.1f", $2 }' "$1"; }

# wrk's latency-distribution line "     99%    4.52ms" -> milliseconds (units us, ms, s, m).
parse_p99_ms() {
  awk '$1 == "99%" {
         v = $2
         if (v ~ /us$/)      { sub(/us$/, "", v); v = v / 1000 }
         else if (v ~ /ms$/) { sub(/ms$/, "", v); v = v + 0 }
         else if (v ~ /s$/)  { sub(/s$/,  "", v); v = v * 1000 }
         else if (v ~ /m$/)  { sub(/m$/,  "", v); v = v * 60000 }
         printf "%.3f", v; found = 1; exit
       }
       END { if (!found) exit 1 }' "$1"
}

# wrk's "Socket errors: connect 0, read 0, write 0, timeout 0" (absent when there were none).
parse_socket_errors() { grep -m1 'Socket errors' "$1" | sed 's/^ *//' || true; }

# median of the numbers given as arguments (mean of the two middle ones for even counts).
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) printf "%.3f", a[(NR + 1) / 2]; else printf "%.3f", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# ratio A B -> A/B with 3 decimals
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.3f", a / b }'; }

# ---------------------------------------------------------------------------------------------
# Environment report
# ---------------------------------------------------------------------------------------------
JAVA_VERSION="$("$JAVA" -version 2>&1)"
NPROC="$(nproc)"
WRK_VERSION="$(wrk -v 2>&1 | head -n1 || true)"
GIT_REV="$(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)"
GIT_DIRTY="$( [[ -n "$(git -C "$REPO_DIR" status --porcelain 2>/dev/null | grep -v '^?? benchmarks/' || true)" ]] && echo " (working tree modified)" || true)"
AGENT_SHA="$(sha256sum "$AGENT_JAR" | cut -c1-16)"
AGENT_MTIME="$(date -r "$SRC_AGENT_JAR" '+%Y-%m-%d %H:%M:%S')"
APP_SHA="$(sha256sum "$APP_JAR" | cut -c1-16)"

log "agent jar: $SRC_AGENT_JAR (sha256 $AGENT_SHA..., built $AGENT_MTIME; using a snapshot copy)"
log "java: $JAVA"
printf '%s\n' "$JAVA_VERSION" | sed 's/^/        /' >&2
log "nproc=$NPROC  N=$N  target=$TARGET_PATH  warm-up=${WARMUP_SECS}s  measure=${MEASURE_SECS}s  wrk -t$WRK_THREADS -c$WRK_CONNS  heap=$HEAP"
log "estimated duration: ~$(( (2 * N * (WARMUP_SECS + MEASURE_SECS + 10)) / 60 + 1 )) min"

# ---------------------------------------------------------------------------------------------
# The runs: baseline and warden alternate, N times each.
# ---------------------------------------------------------------------------------------------
declare -A STARTUP RPS P99 RSS SOCKERR OTHERS
for ((i = 1; i <= N; i++)); do
  for config in baseline warden; do
    tag="$config-$i"
    applog="$LOG_DIR/$tag.app.log"
    log "[$i/$N] $config: starting"
    others_launch=$(other_jvms)
    start_app "$config" "$applog"
    others_ready=$(other_jvms)
    log "[$i/$N] $config: up in ${STARTUP_S}s (pid $APP_PID, port $APP_PORT)"

    verify_config "$config" "$applog"
    log "[$i/$N] $config: verified ($([[ $config == warden ]] && echo masked || echo unmasked))"

    log "[$i/$N] $config: warm-up ${WARMUP_SECS}s"
    load "$config" "$applog" "$WARMUP_SECS" "$LOG_DIR/$tag.warmup.wrk.txt" warm-up

    log "[$i/$N] $config: measuring ${MEASURE_SECS}s"
    others_before=$(other_jvms)
    load "$config" "$applog" "$MEASURE_SECS" "$LOG_DIR/$tag.wrk.txt" measurement
    others_after=$(other_jvms)
    # Other JVMs seen at launch / when ready / around the measurement, e.g. "0/1/0/0". Any
    # non-zero entry means that run's numbers were taken on a busy machine.
    OTHERS[$tag]="$others_launch/$others_ready/$others_before/$others_after"
    [[ "${OTHERS[$tag]}" == 0/0/0/0 ]] || log "[$i/$N] $config: WARNING other JVM(s) running (launch/ready/measure-start/measure-end: ${OTHERS[$tag]}); numbers are disturbed"

    rss_kib=$(ps -o rss= -p "$APP_PID" | tr -d ' ')
    STARTUP[$tag]=$STARTUP_S
    RPS[$tag]=$(parse_rps "$LOG_DIR/$tag.wrk.txt")
    P99[$tag]=$(parse_p99_ms "$LOG_DIR/$tag.wrk.txt") || die "$config: no 99% line in wrk output"
    RSS[$tag]=$(awk -v k="$rss_kib" 'BEGIN { printf "%.1f", k / 1024 }')
    SOCKERR[$tag]=$(parse_socket_errors "$LOG_DIR/$tag.wrk.txt")
    log "[$i/$N] $config: ${RPS[$tag]} req/s, p99 ${P99[$tag]} ms, RSS ${RSS[$tag]} MiB"

    stop_app
  done
done

# ---------------------------------------------------------------------------------------------
# Medians, ratios, output
# ---------------------------------------------------------------------------------------------
declare -A MED
for config in baseline warden; do
  for metric in STARTUP RPS P99 RSS; do
    declare -n arr=$metric
    vals=()
    for ((i = 1; i <= N; i++)); do vals+=("${arr[$config-$i]}"); done
    MED[$config.$metric]=$(median "${vals[@]}")
    unset -n arr
  done
done
R_RPS=$(ratio "${MED[warden.RPS]}" "${MED[baseline.RPS]}")
R_P99=$(ratio "${MED[warden.P99]}" "${MED[baseline.P99]}")
R_RSS=$(ratio "${MED[warden.RSS]}" "${MED[baseline.RSS]}")
D_START=$(awk -v a="${MED[warden.STARTUP]}" -v b="${MED[baseline.STARTUP]}" 'BEGIN { printf "%+.3f", a - b }')

# The summary table (Markdown, so the same text goes to stdout and the report).
summary_table() {
  printf '| config | startup s | req/s | p99 ms | RSS MiB |\n'
  printf '|---|---:|---:|---:|---:|\n'
  for config in baseline warden; do
    printf '| %s | %.3f | %.1f | %.3f | %.1f |\n' "$config" \
      "${MED[$config.STARTUP]}" "${MED[$config.RPS]}" "${MED[$config.P99]}" "${MED[$config.RSS]}"
  done
  printf '| **warden/baseline** | **%s s** (diff) | **%s** | **%s** | **%s** |\n' "$D_START" "$R_RPS" "$R_P99" "$R_RSS"
}

per_run_table() {
  printf '| run | config | startup s | req/s | p99 ms | RSS MiB | wrk socket errors | other JVMs* |\n'
  printf '|---:|---|---:|---:|---:|---:|---|---|\n'
  for ((i = 1; i <= N; i++)); do
    for config in baseline warden; do
      t="$config-$i"
      printf '| %d | %s | %s | %s | %s | %s | %s | %s |\n' "$i" "$config" "${STARTUP[$t]}" "${RPS[$t]}" "${P99[$t]}" "${RSS[$t]}" "${SOCKERR[$t]:-none}" "${OTHERS[$t]}"
    done
  done
}

# What the agent printed on its first start (warnings etc.), minus the command line header.
agent_output() { sed -n '2,60p' "$LOG_DIR/warden-1.app.log"; }
baseline_output() { sed -n '2,60p' "$LOG_DIR/baseline-1.app.log"; }

json_block() {
  cat <<EOF
{
  "date": "$STAMP",
  "git": "$GIT_REV$GIT_DIRTY",
  "agent_jar_sha256_prefix": "$AGENT_SHA",
  "java": "$(printf '%s' "$JAVA_VERSION" | head -n1 | sed 's/"/\\"/g')",
  "nproc": $NPROC,
  "n": $N,
  "target_path": "$TARGET_PATH",
  "wrk": { "threads": $WRK_THREADS, "connections": $WRK_CONNS, "warmup_s": $WARMUP_SECS, "measure_s": $MEASURE_SECS },
  "heap": "$HEAP",
  "median": {
    "baseline": { "startup_s": ${MED[baseline.STARTUP]}, "rps": ${MED[baseline.RPS]}, "p99_ms": ${MED[baseline.P99]}, "rss_mib": ${MED[baseline.RSS]} },
    "warden":   { "startup_s": ${MED[warden.STARTUP]}, "rps": ${MED[warden.RPS]}, "p99_ms": ${MED[warden.P99]}, "rss_mib": ${MED[warden.RSS]} }
  },
  "ratio_warden_over_baseline": { "rps": $R_RPS, "p99": $R_P99, "rss": $R_RSS },
  "startup_diff_s": $(printf '%.3f' "$D_START")
}
EOF
}

{
  echo "# Warden load comparison — $STAMP"
  echo
  echo "Medians over N=$N alternating runs per configuration; \`GET $TARGET_PATH\` with"
  echo "\`wrk -t$WRK_THREADS -c$WRK_CONNS -d${MEASURE_SECS}s --latency\` after a ${WARMUP_SECS}s warm-up; JVM flag \`$HEAP\`."
  echo "Ratios are warden/baseline (throughput < 1 and p99/RSS > 1 mean overhead); startup is warden − baseline."
  echo
  summary_table
  echo
  echo "## Per run"
  echo
  per_run_table
  echo
  echo "\\* java processes other than the app seen at launch / when ready / at the start and end of the"
  echo "measurement. Anything but 0/0/0/0 means the machine was busy during that run."
  echo
  echo "## JSON"
  echo
  echo '```json'
  json_block
  echo '```'
  echo
  echo "## Environment"
  echo
  echo "- nproc: $NPROC (wrk and the app share these cores)"
  echo "- git: $GIT_REV$GIT_DIRTY"
  echo "- agent jar: \`${SRC_AGENT_JAR#"$REPO_DIR"/}\` built $AGENT_MTIME, sha256 prefix $AGENT_SHA (snapshot copied at start)"
  echo "- app jar: \`${SRC_APP_JAR#"$REPO_DIR"/}\`, sha256 prefix $APP_SHA"
  echo "- wrk: $WRK_VERSION"
  echo "- java: \`$JAVA\`"
  echo
  echo '```'
  printf '%s\n' "$JAVA_VERSION"
  echo '```'
  echo
  echo "## App output, first warden launch (agent start-up messages)"
  echo
  echo '```'
  agent_output
  echo '```'
  echo
  echo "## App output, first baseline launch"
  echo
  echo '```'
  baseline_output
  echo '```'
  echo
  echo "Raw wrk output and app logs: \`$(basename "$LOG_DIR")/\`"
} >"$REPORT"

echo
echo "Warden overhead — medians of N=$N, GET $TARGET_PATH, $NPROC cores, $(printf '%s' "$JAVA_VERSION" | head -n1)"
echo
summary_table
echo
per_run_table
echo
echo "Report: $REPORT"
