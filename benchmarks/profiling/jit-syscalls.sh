#!/usr/bin/env bash
# jit-syscalls.sh OUTDIR CONFIG... — two side experiments on the spring-mvc app, with and without Warden:
#   1. JIT inlining decisions: the app runs with -XX:+PrintCompilation -XX:+PrintInlining (diagnostic) through
#      WARMUP_SECS of wrk; OUTDIR/CONFIG.inlining.log is then parsed by inlining.py.
#   2. System calls per request: `strace -c` attached to every thread for STRACE_SECS of wrk (strace slows the
#      app a lot; only the per-request counts matter) -> OUTDIR/CONFIG.strace.txt
#   3. Response headers of one request (curl -i) -> OUTDIR/CONFIG.headers.txt
# Run under the shared lock:  flock /tmp/warden-mvn.lock benchmarks/profiling/jit-syscalls.sh /tmp/wprof/jit baseline warden-min warden
# CONFIGs as in profile-run.sh (baseline, warden, warden-min, warden-nomask, warden-norl). Kills only its own JVMs.
set -euo pipefail
OUT=${1:?usage: jit-syscalls.sh OUTDIR CONFIG...}
shift
mkdir -p "$OUT"
JAR_DIR=${JAR_DIR:-/tmp/wprof}
WARMUP_SECS=${WARMUP_SECS:-30}
STRACE_SECS=${STRACE_SECS:-5}
PORT=${PORT:-18581}
TARGET=/api/customers
KEY="bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
KEY_SHA="$(printf %s "$KEY" | sha256sum | cut -d' ' -f1)"

policy() { # FILE MASK RATELIMIT
  {
    printf 'version: 1\nconsumers:\n  - id: bench\n    apiKeys:\n      - sha256: "%s"\n    attributes: { roles: [reader] }\n' "$KEY_SHA"
    printf 'authentication:\n  apiKey: { header: X-API-Key }\ndefaults:\n  authenticate: [apiKey]\n  unmatched: deny\nroutes:\n'
    printf '  - id: health\n    match: { path: /health, methods: [GET] }\n    authenticate: none\n'
    printf '  - id: customers\n    match: { path: "/api/customers/**" }\n'
    [[ $3 == 1 ]] && printf '    rateLimits:\n      - { by: consumer, limit: 100000000, per: 1m }\n'
    [[ $2 == 1 ]] && printf '    response:\n      fields:\n        - { select: ["$..ssn"], action: remove }\n        - { select: ["$..card.number"], action: mask, keepLast: 4 }\n        - { select: ["$..email"], action: redact }\n'
    true
  } >"$1"
}
policy "$OUT/policy-full.yaml" 1 1
policy "$OUT/policy-nomask.yaml" 0 1
policy "$OUT/policy-norl.yaml" 1 0
policy "$OUT/policy-min.yaml" 0 0

APP_PID=""
cleanup() { if [[ -n "$APP_PID" ]]; then kill "$APP_PID" 2>/dev/null || true; sleep 2; kill -9 "$APP_PID" 2>/dev/null || true; fi; }
trap cleanup EXIT

for config in "$@"; do
  cmd=(java -Xmx256m -XX:+UnlockDiagnosticVMOptions -XX:+PrintCompilation -XX:+PrintInlining)
  case $config in
    baseline) ;;
    warden) cmd+=("-javaagent:$JAR_DIR/agent.jar=policy=$OUT/policy-full.yaml") ;;
    warden-nomask) cmd+=("-javaagent:$JAR_DIR/agent.jar=policy=$OUT/policy-nomask.yaml") ;;
    warden-norl) cmd+=("-javaagent:$JAR_DIR/agent.jar=policy=$OUT/policy-norl.yaml") ;;
    warden-min) cmd+=("-javaagent:$JAR_DIR/agent.jar=policy=$OUT/policy-min.yaml") ;;
    *) echo "unknown config $config" >&2; exit 2 ;;
  esac
  cmd+=(-jar "$JAR_DIR/app.jar")
  env -u WARDEN_POLICY PORT="$PORT" "${cmd[@]}" >"$OUT/$config.inlining.log" 2>&1 &
  APP_PID=$!
  for ((i = 0; i < 3000; i++)); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$PORT/health" || true) == 200 ]] && break
    kill -0 "$APP_PID" 2>/dev/null || { echo "$config died" >&2; exit 1; }
    sleep 0.05
  done
  curl -s -i -H "X-API-Key: $KEY" "http://127.0.0.1:$PORT$TARGET" >"$OUT/$config.headers.txt"
  wrk -t2 -c16 -d"${WARMUP_SECS}s" -H "X-API-Key: $KEY" "http://127.0.0.1:$PORT$TARGET" >"$OUT/$config.warmup.wrk.txt" 2>&1
  tids=$(ls "/proc/$APP_PID/task" | paste -sd, -)
  wrk -t2 -c16 -d"${STRACE_SECS}s" -H "X-API-Key: $KEY" "http://127.0.0.1:$PORT$TARGET" >"$OUT/$config.strace.wrk.txt" 2>&1 &
  wrk_pid=$!
  timeout -s INT "$((STRACE_SECS - 1))" strace -c -q -p "$tids" -o "$OUT/$config.strace.txt" || true
  wait "$wrk_pid" || true
  echo "$config: $(awk '/requests in/ { print $1 }' "$OUT/$config.strace.wrk.txt") requests during strace ($(awk '/^Requests\/sec:/ { print $2 }' "$OUT/$config.strace.wrk.txt") req/s)" | tee -a "$OUT/summary.txt"
  kill "$APP_PID" 2>/dev/null || true
  for ((i = 0; i < 150; i++)); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
done
