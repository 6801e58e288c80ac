#!/usr/bin/env bash
# REST benchmarks with wrk on loopback; writes docs/benchmarks-rest.md. Not part of the test run.
#
#   scripts/bench-rest.sh
#
# From a fresh clone: packages the service, starts it (java -jar) on its own port with its own embedded
# PostgreSQL and data directory under target/bench-rest/ (never .zhiban/), loads generated enterprises
# (seeded) with the generate command, mints a platform and a policy-staff token, then runs wrk:
#   1. POST /api/v1/acceptance/decisions (each stored), rotating over valid generated applications;
#   2. GET /api/v1/enterprises/{uscc}/matches, rotating over generated enterprises;
#   3. decisions + matches at a steady load while a policies rule-set version (the repository's files +
#      generated policies) is uploaded (compiled, validated, tested), activated and checked through the API;
#   4. matches again, now against the activated rule base.
# It writes docs/benchmarks-rest.md (a "## Notes" section written by hand is kept) and stops the service.
# Installs wrk and jq (Debian packages) with apt-get if missing (root or sudo). Figures depend on the
# machine and on what else runs on it.
#
# Settings (environment): BENCH_HTTP_PORT (18080), BENCH_PG_PORT (54339), BENCH_ENTERPRISES (1000000),
# BENCH_POLICIES (1000), BENCH_SEED (42), BENCH_THREADS (2), BENCH_CONNECTIONS (32), BENCH_DURATION (30s),
# BENCH_TIMEOUT (2s, wrk's default: a slower answer counts as a socket timeout, i.e. failed),
# BENCH_ACTIVATION_LOAD (0.5: the load during activation as a fraction of the capacity measured in 1–2;
# 1 = as fast as possible), BENCH_UPLOAD_TIMEOUT (1200 s), BENCH_REPORT (docs/benchmarks-rest.md),
# BENCH_SKIP_PACKAGE=1 (reuse target/quarkus-app and target/classes), BENCH_JAVA_OPTS (for the service JVM,
# e.g. -XX:StartFlightRecording=filename=target/bench-rest/service.jfr), BENCH_RUN_POLICY (N-WGFH-2026),
# BENCH_RUN_ONLY=1 (stop after the matching run).
set -euo pipefail
cd "$(dirname "$0")/.."

HTTP_PORT=${BENCH_HTTP_PORT:-18080}
PG_PORT=${BENCH_PG_PORT:-54339}
ENTERPRISES=${BENCH_ENTERPRISES:-1000000}
POLICIES=${BENCH_POLICIES:-1000}
SEED=${BENCH_SEED:-42}
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
DURATION=${BENCH_DURATION:-30s}
TIMEOUT=${BENCH_TIMEOUT:-2s}
REPORT=${BENCH_REPORT:-docs/benchmarks-rest.md}
AS_OF=2026-06-30
DIR=target/bench-rest
BASE="http://localhost:$HTTP_PORT"
STARTED=$(date +%s)

log() { echo "[bench-rest $(date +%H:%M:%S)] $*"; }
fail() { echo "[bench-rest] FAILED: $*" >&2; exit 1; }

# --- tools ---------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null || ! command -v jq >/dev/null || ! command -v curl >/dev/null; then
  log "installing wrk, jq and curl (Debian packages)…"
  scripts/apt-install.sh wrk jq curl
fi
if curl -s -o /dev/null "$BASE/q/health/live"; then
  fail "something already listens on port $HTTP_PORT (set BENCH_HTTP_PORT)"
fi

# --- 1. package and start ------------------------------------------------------------------------
if [ "${BENCH_SKIP_PACKAGE:-}" = 1 ] && [ -f target/quarkus-app/quarkus-run.jar ]; then
  log "BENCH_SKIP_PACKAGE=1: using the packaged target/quarkus-app"
else
  log "packaging (mvn -q -DskipTests package)…"
  mvn -q -B -DskipTests package
fi
rm -rf "$DIR"
mkdir -p "$DIR"

log "writing request data: $ENTERPRISES enterprises, $POLICIES generated policies (seed $SEED)…"
mvn -q -B exec:java@rest-bench-data -Dexec.args="requests --enterprises $ENTERPRISES --seed $SEED --count 4000 --out $DIR/requests.lua"
mvn -q -B exec:java@rest-bench-data -Dexec.args="upload --policies $POLICIES --seed $SEED --out $DIR/upload.json"

log "starting the service on port $HTTP_PORT (embedded PostgreSQL on $PG_PORT, data in $DIR/data)…"
ZHIBAN_DATA_DIR="$DIR/data" ZHIBAN_PG_PORT="$PG_PORT" QUARKUS_HTTP_PORT="$HTTP_PORT" \
  java ${BENCH_JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar >"$DIR/service.log" 2>&1 &
SERVICE_PID=$!
WRK_PID=""
stop() {
  if [ -n "$WRK_PID" ] && kill -0 "$WRK_PID" 2>/dev/null; then kill "$WRK_PID" 2>/dev/null || true; fi
  if kill -0 "$SERVICE_PID" 2>/dev/null; then
    log "stopping the service (pid $SERVICE_PID)…"
    kill "$SERVICE_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$SERVICE_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$SERVICE_PID" 2>/dev/null || true
  fi
  # The service stops its embedded PostgreSQL; if it could not (killed), stop that postmaster too.
  local pm
  pm=$(sed -n 1p "$DIR/data/postgres/postmaster.pid" 2>/dev/null) || true
  if [ -n "$pm" ] && kill -0 "$pm" 2>/dev/null; then kill "$pm" 2>/dev/null || true; fi
}
trap stop EXIT

for i in $(seq 1 300); do
  if curl -sf -o /dev/null "$BASE/q/health/ready"; then break; fi
  kill -0 "$SERVICE_PID" 2>/dev/null || { tail -40 "$DIR/service.log"; fail "the service stopped during start-up (log: $DIR/service.log)"; }
  [ "$i" = 300 ] && fail "not ready after 300 s (log: $DIR/service.log)"
  sleep 1
done
log "ready after $(( $(date +%s) - STARTED )) s since the script started"

# --- 2. data and tokens ---------------------------------------------------------------------------
log "loading $ENTERPRISES generated enterprises (COPY)…"
GEN_OUT=$(mvn -q -B exec:java@generate -Dexec.args="enterprises $ENTERPRISES --seed $SEED --jdbc jdbc:postgresql://localhost:$PG_PORT/postgres --user postgres --password postgres")
echo "$GEN_OUT"
PGPASSWORD=postgres psql -h localhost -p "$PG_PORT" -U postgres -qc "analyze" 2>/dev/null || true
# (mvn -q may put a colour reset before the token, so the token is cut out of the line)
mint() { local out; out=$(ZHIBAN_DATA_DIR="$DIR/data" mvn -q -B exec:java@token -Dexec.args="$1"); echo "$out" | grep -o 'eyJ[A-Za-z0-9._-]*'; }
PLATFORM=$(mint platform)
STAFF=$(mint policy-staff)

# One request of each kind first: a body or token that is wrong stops here, not as 32,000 failures.
FIRST=$(sed -n 's/^  \[\[\(.*\)\]\],$/\1/p;T;q' "$DIR/requests.lua")
code=$(curl -s -o "$DIR/first-decision.json" -w '%{http_code}' -XPOST "$BASE/api/v1/acceptance/decisions" \
  -H "Authorization: Bearer $PLATFORM" -H 'content-type: application/json' -d "$FIRST")
[ "$code" = 201 ] || { cat "$DIR/first-decision.json"; fail "first decision answered $code"; }
USCC=$(sed -n 's/^  "\(.*\)",$/\1/p;T;q' "$DIR/requests.lua")
code=$(curl -s -o "$DIR/first-matches.json" -w '%{http_code}' "$BASE/api/v1/enterprises/$USCC/matches?asOf=$AS_OF" -H "Authorization: Bearer $PLATFORM")
[ "$code" = 200 ] || { cat "$DIR/first-matches.json"; fail "first matches answered $code"; }

# --- 3. measuring helpers --------------------------------------------------------------------------
CLK=$(getconf CLK_TCK)
# CPU ticks used so far: the service JVM, and PostgreSQL (postmaster, its reaped and its live children)
service_ticks() { awk '{print $14+$15}' "/proc/$SERVICE_PID/stat"; }
pg_ticks() {
  local pm t=0 c
  pm=$(sed -n 1p "$DIR/data/postgres/postmaster.pid" 2>/dev/null) || true
  [ -n "$pm" ] || { echo 0; return; }
  t=$(awk '{print $14+$15+$16+$17}' "/proc/$pm/stat" 2>/dev/null || echo 0)
  for c in $(ps -o pid= --ppid "$pm"); do t=$(( t + $(awk '{print $14+$15}' "/proc/$c/stat" 2>/dev/null || echo 0) )); done
  echo "$t"
}
machine_ticks() { awk '/^cpu / {print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat; } # busy total
cpu_start() { CPU0="$(service_ticks) $(pg_ticks) $(machine_ticks)"; }
# cpu_end NAME: CPU seconds and cores of the service and of PostgreSQL, and % of the machine busy, over the run, in $DIR/cpu-NAME
cpu_end() {
  local now; now="$(service_ticks) $(pg_ticks) $(machine_ticks)"
  echo "$CPU0 $now" | awk -v clk="$CLK" -v cores="$(nproc)" '{
    wall = ($8 - $4) / cores   # ticks of one core over the run
    printf "svc_s=%.1f pg_s=%.1f svc_cores=%.2f pg_cores=%.2f busy_pct=%.0f", ($5-$1)/clk, ($6-$2)/clk, ($5-$1)/wall, ($6-$2)/wall, 100*($7-$3)/($8-$4) }' >"$DIR/cpu-$1"
}
# run_wrk NAME MODE DURATION [TIMEOUT] [DELAY_MS]: output in $DIR/wrk-NAME.txt
run_wrk() {
  cpu_start
  BENCH_DATA="$DIR/requests.lua" BENCH_MODE="$2" BENCH_TOKEN="$PLATFORM" BENCH_AS_OF="$AS_OF" BENCH_DELAY_MS="${5:-0}" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3" --timeout "${4:-$TIMEOUT}" --latency -s scripts/bench-rest.lua "$BASE" >"$DIR/wrk-$1.txt" 2>&1
  alive
  cpu_end "$1"
}
# The service must still be running (something else on a shared machine may stop it).
alive() { kill -0 "$SERVICE_PID" 2>/dev/null || fail "the service stopped during the run (log: $DIR/service.log)"; }
bench_line() { echo "$(grep -m1 '^BENCH ' "$DIR/wrk-$1.txt") $(cat "$DIR/cpu-$1" 2>/dev/null)"; }
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

# single URL [BODY]: median milliseconds of 9 requests one at a time (after one unmeasured)
single() {
  local i times="" t
  for i in 0 1 2 3 4 5 6 7 8 9; do
    if [ -n "${2:-}" ]; then
      t=$(curl -s -o /dev/null -w '%{time_total}' -XPOST "$1" -H "Authorization: Bearer $PLATFORM" -H 'content-type: application/json' -d "$2")
    else
      t=$(curl -s -o /dev/null -w '%{time_total}' "$1" -H "Authorization: Bearer $PLATFORM")
    fi
    [ "$i" = 0 ] || times="$times $t"
  done
  echo "$times" | tr ' ' '\n' | sed '/^$/d' | sort -n | awk '{a[NR]=$1} END {printf "%.1f", 1000*a[int((NR+1)/2)]}'
}

# warm MODE MAX_ROUNDS: 15 s rounds, at least 4, until one is within 5 % of the one before. The JIT needs
# tens of thousands of requests on these cores before throughput settles; cold figures are several times lower.
# Writes the rounds' requests/s to $DIR/warm-MODE and their failed requests (non-2xx + socket errors) to $DIR/warm-MODE-failed.
warm() {
  local r prev=0 rps rounds="" failed=0 b
  for r in $(seq 1 "$2"); do
    run_wrk "warm-$1-$r" "$1" 15s
    b=$(bench_line "warm-$1-$r")
    rps=$(field "$b" rps)
    failed=$(( failed + $(field "$b" non2xx) + $(field "$b" connect) + $(field "$b" read) + $(field "$b" write) + $(field "$b" timeout) ))
    rounds="$rounds${rounds:+, }$rps"
    log "warm-up $1, round $r: $rps requests/s, p99 $(field "$b" p99_ms) ms, $(field "$b" timeout) slower than $TIMEOUT"
    if [ "$r" -ge 4 ] && awk -v a="$rps" -v b="$prev" 'BEGIN { exit !(a < 1.05 * b) }'; then break; fi
    prev=$rps
  done
  echo "$rounds" >"$DIR/warm-$1"
  echo "$failed" >"$DIR/warm-$1-failed"
}

# --- 3a. a matching run of one policy over the whole population, grants written ------------------------
RUN_POLICY=${BENCH_RUN_POLICY:-N-WGFH-2026}
log "matching run: $RUN_POLICY over all $ENTERPRISES enterprises, grants written…"
cpu_start
RUN_ID=$(curl -sf -XPOST "$BASE/api/v1/policies/$RUN_POLICY/runs" -H "Authorization: Bearer $STAFF" \
  -H 'content-type: application/json' -d "{\"asOf\": \"$AS_OF\"}" | jq -r .id) || fail "could not start the run"
for i in $(seq 1 1200); do
  RUN=$(curl -sf "$BASE/api/v1/runs/$RUN_ID" -H "Authorization: Bearer $STAFF")
  [ "$(echo "$RUN" | jq -r .state)" = RUNNING ] || break
  sleep 0.5
done
cpu_end run
echo "$RUN" >"$DIR/run.json"
[ "$(echo "$RUN" | jq -r .state)" = DONE ] || fail "run $RUN_ID ended $(echo "$RUN" | jq -c .)"
RUN_SECONDS=$(echo "$RUN" | jq -r '((.finishedAt | sub("\\.[0-9]+Z$"; "Z") | fromdateiso8601) - (.startedAt | sub("\\.[0-9]+Z$"; "Z") | fromdateiso8601))')
RUN_MS=$(echo "$RUN" | jq -r '[.startedAt, .finishedAt] | map(capture("\\.(?<f>[0-9]+)Z$").f // "0" | ("0." + .) | tonumber) | .[1] - .[0]')
RUN_SECONDS=$(awk -v s="$RUN_SECONDS" -v f="$RUN_MS" 'BEGIN { printf "%.1f", s + f }')
RUN_GRANTS=$(PGPASSWORD=postgres psql -h localhost -p "$PG_PORT" -U postgres -tAc "select count(*) from grant_offer where run_id = '$RUN_ID'" 2>>"$DIR/psql.log" || echo "?")
log "run: $(echo "$RUN" | jq -c '{state, done, eligible, offered, waitlisted}') in $RUN_SECONDS s; grant rows $RUN_GRANTS; $(cat "$DIR/cpu-run")"
if [ "${BENCH_RUN_ONLY:-}" = 1 ]; then log "BENCH_RUN_ONLY=1: stopping here (no report written)"; exit 0; fi

# --- 3b. wrk runs -----------------------------------------------------------------------------------
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "load average before the runs: $LOAD_BEFORE"
warm decisions 10
warm matches 6
WARM_DECISIONS=$(cat "$DIR/warm-decisions"); WARM_MATCHES=$(cat "$DIR/warm-matches")
WARM_FAILED=$(( $(cat "$DIR/warm-decisions-failed") + $(cat "$DIR/warm-matches-failed") ))

SINGLE_DECISION=$(single "$BASE/api/v1/acceptance/decisions" "$FIRST")
SINGLE_MATCH=$(single "$BASE/api/v1/enterprises/$USCC/matches?asOf=$AS_OF")
MATCH_BYTES=$(curl -s -o /dev/null -w '%{size_download}' "$BASE/api/v1/enterprises/$USCC/matches?asOf=$AS_OF" -H "Authorization: Bearer $PLATFORM")
log "one request at a time (median of 9): decision $SINGLE_DECISION ms, matches $SINGLE_MATCH ms ($MATCH_BYTES bytes)"

log "decisions: wrk -t$THREADS -c$CONNECTIONS -d$DURATION…"
count_decisions() { PGPASSWORD=postgres psql -h localhost -p "$PG_PORT" -U postgres -tAc "select count(*) from acceptance_decision" 2>>"$DIR/psql.log" || echo "?"; }
DECISIONS_BEFORE=$(count_decisions)
run_wrk decisions decisions "$DURATION"
DECISIONS_AFTER=$(count_decisions)
D=$(bench_line decisions); log "$D"

# The latency target is for 1,000 decisions/s: paced at that rate (each connection waits between requests),
# latency is measured without the queueing that $CONNECTIONS connections as fast as possible add.
PACED_DELAY=$(awk -v c="$CONNECTIONS" -v s="$SINGLE_DECISION" 'BEGIN { d = c * 1000 / 1000 - s; printf "%.0f", d < 1 ? 1 : d }')
log "decisions paced at about 1,000/s: wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $PACED_DELAY ms between requests…"
run_wrk decisions-paced decisions "$DURATION" "$TIMEOUT" "$PACED_DELAY"
DP=$(bench_line decisions-paced); log "$DP"

log "matches: wrk -t$THREADS -c$CONNECTIONS -d$DURATION…"
run_wrk matches matches "$DURATION"
M=$(bench_line matches); log "$M"

# --- 4. activation under load ------------------------------------------------------------------------
# The load: decisions and matches 1:1 at BENCH_ACTIVATION_LOAD (default 0.5) of the capacity just measured
# (each connection waits between requests, wrk's delay()); 1 = as fast as possible. On 2 cores a saturating
# load leaves the compiling thread about 1/N of the CPU, and a 1,000-policy compile then takes very long.
ACT_LOAD=${BENCH_ACTIVATION_LOAD:-0.5}
read -r OFFERED DELAY_MS < <(awk -v d="$(field "$D" rps)" -v m="$(field "$M" rps)" -v f="$ACT_LOAD" -v c="$CONNECTIONS" 'BEGIN {
  cap = 2 / (1/d + 1/m); if (f >= 1) { print "saturating", 0 } else { printf "%.0f %.0f\n", f*cap, c*1000/(f*cap) } }')
log "activation under load: decisions + matches (offered about $OFFERED requests/s: $CONNECTIONS connections, $DELAY_MS ms between requests) while a version with $POLICIES generated policies is uploaded and activated…"
POLICIES_BEFORE=$(curl -sf "$BASE/api/v1/policies" | jq length)
cpu_start
BENCH_DATA="$DIR/requests.lua" BENCH_MODE=mixed BENCH_TOKEN="$PLATFORM" BENCH_AS_OF="$AS_OF" BENCH_DELAY_MS="$DELAY_MS" \
  wrk -t"$THREADS" -c"$CONNECTIONS" -d3600s --timeout "$TIMEOUT" --latency -s scripts/bench-rest.lua "$BASE" >"$DIR/wrk-activation.txt" 2>&1 &
WRK_PID=$!
sleep 10
UPLOAD=$(curl -s -o "$DIR/upload-response.json" -w '%{http_code} %{time_total}' --max-time "${BENCH_UPLOAD_TIMEOUT:-1200}" \
  -XPOST "$BASE/api/v1/rulesets/policies/versions" \
  -H "Authorization: Bearer $STAFF" -H 'content-type: application/json' --data-binary @"$DIR/upload.json") || true
UPLOAD_CODE=${UPLOAD% *}; UPLOAD_SECONDS=${UPLOAD#* }
[ "$UPLOAD_CODE" = 201 ] || fail "upload answered '$UPLOAD' (HTTP code, seconds; 000 = no answer within BENCH_UPLOAD_TIMEOUT): $(head -c 600 "$DIR/upload-response.json" 2>/dev/null)"
VERSION=$(jq -r '.number' "$DIR/upload-response.json")
VERSION_ID=$(jq -r '.versionId' "$DIR/upload-response.json")
VERSION_STATUS=$(jq -r '.status' "$DIR/upload-response.json")
VERSION_FILES=$(jq -r '.files | length' "$DIR/upload-response.json")
TESTS=$(jq -r '"\(.report.tests.passed)/\(.report.tests.total)"' "$DIR/upload-response.json")
RULES=$(jq -r '.report.coverage.rules' "$DIR/upload-response.json")
log "upload: HTTP $UPLOAD_CODE in $UPLOAD_SECONDS s → version $VERSION ($VERSION_ID) $VERSION_STATUS, $VERSION_FILES files, $RULES rules, tests $TESTS"
[ "$VERSION_STATUS" = VALIDATED ] || { jq '.report.errors[:5]' "$DIR/upload-response.json"; fail "version $VERSION is $VERSION_STATUS"; }
ACTIVATE=$(curl -s -o "$DIR/activation-response.json" -w '%{http_code} %{time_total}' -XPOST "$BASE/api/v1/rulesets/policies/versions/$VERSION/activation" \
  -H "Authorization: Bearer $STAFF")
ACTIVATE_CODE=${ACTIVATE% *}; ACTIVATE_SECONDS=${ACTIVATE#* }
log "activation: HTTP $ACTIVATE_CODE in $ACTIVATE_SECONDS s"
[ "$ACTIVATE_CODE" = 200 ] || { cat "$DIR/activation-response.json"; fail "activation answered $ACTIVATE_CODE"; }
# Stop wrk (SIGINT: it prints its results) shortly after the switch: requests crossed it. How the new,
# larger rule base serves under load is the separate "matches after activation" run below.
sleep 3
kill -INT "$WRK_PID" 2>/dev/null || true
wait "$WRK_PID" || true
WRK_PID=""
alive
cpu_end activation
A=$(bench_line activation); log "$A"
ACTIVE=$(curl -sf "$BASE/api/v1/rulesets" -H "Authorization: Bearer $STAFF" | jq -c '.[] | select(.name=="policies")')
ACTIVE_VERSION=$(echo "$ACTIVE" | jq -r '.activeVersion'); ACTIVE_ID=$(echo "$ACTIVE" | jq -r '.activeVersionId')
MATCH_VERSION=$(curl -sf "$BASE/api/v1/enterprises/$USCC/matches?asOf=$AS_OF" -H "Authorization: Bearer $PLATFORM" | jq -r '.rulesetVersion')
if [ "$ACTIVE_VERSION" = "$VERSION" ] && [ "$ACTIVE_ID" = "$VERSION_ID" ] && [ "$MATCH_VERSION" = "$VERSION_ID" ]; then
  ACTIVE_CHECK="yes: GET /api/v1/rulesets names version $ACTIVE_VERSION ($ACTIVE_ID) active, and a match afterwards reports rulesetVersion $MATCH_VERSION"
else
  ACTIVE_CHECK="NO: active $ACTIVE_VERSION ($ACTIVE_ID), a match reports $MATCH_VERSION, expected $VERSION ($VERSION_ID)"
fi
log "active check: $ACTIVE_CHECK"

SINGLE_MATCH_AFTER=$(single "$BASE/api/v1/enterprises/$USCC/matches?asOf=$AS_OF")
MATCH_BYTES_AFTER=$(curl -s -o /dev/null -w '%{size_download}' "$BASE/api/v1/enterprises/$USCC/matches?asOf=$AS_OF" -H "Authorization: Bearer $PLATFORM")
log "one request at a time (median of 9) after activation: matches $SINGLE_MATCH_AFTER ms ($MATCH_BYTES_AFTER bytes)"
# Latencies here run to seconds: wrk waits up to 30 s so that they are measured rather than counted as timeouts.
log "matches against the activated rule base: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --timeout 30s…"
run_wrk matches-after matches "$DURATION" 30s
M2=$(bench_line matches-after); log "$M2"
POLICIES_AFTER=$(curl -sf "$BASE/api/v1/policies" | jq length)

# --- 5. report ---------------------------------------------------------------------------------------------
SERVICE_ERRORS=$(grep -c 'ERROR' "$DIR/service.log" || true)
# A "## Notes" section (findings written by hand) is kept from the previous report.
NOTES=""
if [ -f "$REPORT" ]; then NOTES=$(sed -n '/^## Notes/,$p' "$REPORT"); fi
row() { # NAME BENCHLINE
  local b=$2
  echo "| $1 | $(field "$b" requests) | $(field "$b" rps) | $(field "$b" p50_ms) | $(field "$b" p90_ms) | $(field "$b" p99_ms) | $(field "$b" max_ms) | $(field "$b" non2xx) | $(field "$b" connect)/$(field "$b" read)/$(field "$b" write)/$(field "$b" timeout) |"
}
cpu_row() { # NAME BENCHLINE
  local b=$2
  echo "| $1 | $(field "$b" svc_cores) | $(field "$b" pg_cores) | $(field "$b" busy_pct) % | $(awk -v s="$(field "$b" svc_s)" -v p="$(field "$b" pg_s)" -v n="$(field "$b" requests)" 'BEGIN { printf "%.2f + %.2f", 1000*s/n, 1000*p/n }') |"
}
failed() { echo $(( $(field "$1" non2xx) + $(field "$1" connect) + $(field "$1" read) + $(field "$1" write) + $(field "$1" timeout) )); }
D_RPS=$(field "$D" rps); D_P99=$(field "$D" p99_ms); DP_RPS=$(field "$DP" rps); DP_P99=$(field "$DP" p99_ms)
verdict_rps=$(awk -v r="$D_RPS" 'BEGIN { if (r >= 1000) printf "met: %.0f/s", r; else printf "**missed**: %.0f/s is %.1f%% of the target (%.2f× short)", r, 100*r/1000, 1000/r }')
verdict_p99=$(awk -v p="$DP_P99" -v r="$DP_RPS" -v p32="$D_P99" 'BEGIN {
  if (p == "-") { printf "**missed**: every answer slower than the timeout"; exit }
  if (p <= 20 && r >= 950) printf "met: p99 %.2f ms at %.0f/s", p, r
  else if (p <= 20) printf "**missed**: p99 %.2f ms, but only %.0f/s were reached", p, r
  else printf "**missed**: p99 %.2f ms at %.0f/s is %.1f× the target", p, r, p/20
  printf " (as fast as possible on %s connections: p99 %s ms)", "'"$CONNECTIONS"'", p32 }')
verdict_run=$(awk -v s="$RUN_SECONDS" -v n="$ENTERPRISES" 'BEGIN { if (n < 1000000) printf "not measured (%d enterprises loaded)", n; else if (s <= 10) printf "met: %.1f s", s; else printf "**missed**: %.1f s is %.1f× the target", s, s/10 }')
A_FAILED=$(failed "$A")
verdict_act=$([ "$A_FAILED" = 0 ] && echo "met (0 failed)" || echo "**missed**: $A_FAILED failed requests")
if [[ "$DECISIONS_BEFORE" =~ ^[0-9]+$ && "$DECISIONS_AFTER" =~ ^[0-9]+$ ]]; then
  STORED="$(( DECISIONS_AFTER - DECISIONS_BEFORE )) rows added to table \`acceptance_decision\`; wrk counted $(field "$D" ok2xx) answers 201 (the difference, at most $CONNECTIONS, is requests still in flight when wrk stopped counting)"
else
  STORED="not counted (psql: $DECISIONS_BEFORE / $DECISIONS_AFTER)"
fi
TOTAL=$(( $(date +%s) - STARTED ))

mkdir -p "$(dirname "$REPORT")"
cat >"$REPORT" <<EOF
# REST benchmarks (wrk, loopback)

Command: \`scripts/bench-rest.sh\` (about $(( (TOTAL + 59) / 60 )) minutes; not part of the test run). Run $(date -u +%Y-%m-%dT%H:%M:%SZ).

Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/Mem:/ {print $2}') GB RAM,
$(java -version 2>&1 | sed -n 1p), $(wrk --version 2>&1 | sed -n 1p | cut -d' ' -f1-2).
Load average before the runs: $LOAD_BEFORE (the cores are shared with other builds; wrk, the service and
PostgreSQL all run on these $(nproc) cores). Kernel autogroup scheduling (CPU shared between sessions, not
threads): $( [ "$(cat /proc/sys/kernel/sched_autogroup_enabled 2>/dev/null)" = 1 ] && echo on || echo off).

Set-up: the packaged service (\`java -jar target/quarkus-app/quarkus-run.jar\`, default JVM options) with
its embedded PostgreSQL 14, fresh data directory \`$DIR/data\`; $ENTERPRISES generated enterprises
(\`exec:java@generate\`, seed $SEED) loaded by COPY. wrk: $THREADS threads, $CONNECTIONS connections,
$DURATION per run, \`--timeout $TIMEOUT\` (a slower answer counts as a failed request), \`--latency\`,
script [\`scripts/bench-rest.lua\`](../scripts/bench-rest.lua) rotating over 4,000 valid applications
(53 service items of \`policy-data/service-items\`, generated applicants, 2026 working days, materials
split between submitted, pledged and missing) and 4,000 generated USCCs; it counts every non-2xx
answer. Warm-up first, in 15 s rounds (at least 4) until throughput settles (within 5 % of the round
before): decisions $WARM_DECISIONS requests/s; matches $WARM_MATCHES requests/s. Failed requests during the
warm-up (non-2xx + socket errors, mostly answers slower than $TIMEOUT while the JVM is cold): $WARM_FAILED.

## Throughput and latency

| run | requests | requests/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx | socket errors connect/read/write/timeout |
|---|---|---|---|---|---|---|---|---|
$(row "POST /api/v1/acceptance/decisions" "$D")
$(row "POST …/decisions paced at about 1,000/s ($PACED_DELAY ms between requests on each connection)" "$DP")
$(row "GET /api/v1/enterprises/{uscc}/matches (repository rule base: $POLICIES_BEFORE policies)" "$M")
$(row "decisions + matches (1:1, steady load) during upload and activation" "$A")
$(row "GET …/matches after activation ($POLICIES_AFTER policies; \`--timeout 30s\`)" "$M2")

One request at a time (curl, median of 9 after one unmeasured, after the warm-up; no other load from this script):
a decision $SINGLE_DECISION ms; an enterprise's matches $SINGLE_MATCH ms ($MATCH_BYTES bytes) with the repository's
$POLICIES_BEFORE policies, $SINGLE_MATCH_AFTER ms ($MATCH_BYTES_AFTER bytes) after the activation ($POLICIES_AFTER policies).

Where the CPU went (the machine has $(nproc) cores; "busy" counts every process on it, wrk and other builds included):

| run | service JVM, cores | PostgreSQL, cores | machine busy | CPU ms per request, JVM + PostgreSQL |
|---|---|---|---|---|
$(cpu_row "decisions" "$D")
$(cpu_row "decisions paced" "$DP")
$(cpu_row "matches" "$M")
$(cpu_row "decisions + matches during upload and activation" "$A")
$(cpu_row "matches after activation" "$M2")

Decisions stored during the decisions run: $STORED.

## A matching run of one policy over all $ENTERPRISES enterprises, grants written

Before the wrk runs: \`POST /api/v1/policies/$RUN_POLICY/runs\` (as of $AS_OF), polled until DONE. The run streams every
enterprise from PostgreSQL in USCC order, screens it on all cores, and commits each chunk's grants, their audit
events, inbox messages and the run's checkpoint in one transaction.

| enterprises read | eligible | offered | waitlisted (budget spent) | grant rows | seconds (startedAt → finishedAt) | enterprises/s | target |
|---|---|---|---|---|---|---|---|
| $(jq -r .done "$DIR/run.json") | $(jq -r .eligible "$DIR/run.json") | $(jq -r .offered "$DIR/run.json") | $(jq -r .waitlisted "$DIR/run.json") | $RUN_GRANTS | $RUN_SECONDS | $(awk -v n="$(jq -r .done "$DIR/run.json")" -v s="$RUN_SECONDS" 'BEGIN { printf "%.0f", n/s }') | ≤ 10 s for 1,000,000: $(awk -v s="$RUN_SECONDS" -v n="$ENTERPRISES" 'BEGIN { if (n < 1000000) print "not measured at 1,000,000"; else if (s <= 10) print "met"; else printf "**missed** (%.1f×)", s/10 }') |

Where the CPU went during the run: $(field "$(cat "$DIR/cpu-run")" svc_s) s in the service JVM ($(field "$(cat "$DIR/cpu-run")" svc_cores) cores), $(field "$(cat "$DIR/cpu-run")" pg_s) s in PostgreSQL ($(field "$(cat "$DIR/cpu-run")" pg_cores) cores); machine busy $(field "$(cat "$DIR/cpu-run")" busy_pct) %.

## Activation of a $POLICIES-policy rule base during load

The load: decisions and matches 1:1 on $CONNECTIONS connections, each waiting $DELAY_MS ms between requests,
offering about $OFFERED requests/s = $ACT_LOAD × the capacity measured above (\`BENCH_ACTIVATION_LOAD\`; 1 = as
fast as possible). While it was going, a \`policies\` version — the repository's rule files and policy
files plus $POLICIES policies from \`PolicyGenerator\` (seed $SEED), $VERSION_FILES files — was uploaded
through \`POST /api/v1/rulesets/policies/versions\` (the upload compiles, validates and runs the rule
tests before it answers) and activated through \`POST …/versions/$VERSION/activation\`.

| step | HTTP | seconds |
|---|---|---|
| upload: compile $RULES rules, validate, rule tests $TESTS passed → $VERSION_STATUS | $UPLOAD_CODE | $UPLOAD_SECONDS |
| activation (compiled rule base from the upload, no restart) | $ACTIVATE_CODE | $ACTIVATE_SECONDS |

Failed requests during the run (non-2xx + socket errors): **$A_FAILED**. Checked through the API afterwards: $ACTIVE_CHECK.

## Against the targets

| target | result |
|---|---|
| REST ≥ 1,000 decisions/s, each stored | $verdict_rps |
| decisions p99 ≤ 20 ms at 1,000/s (paced run) | $verdict_p99 |
| activation of a 1,000-policy rule base during load: 0 failed requests | $verdict_act |
| a run of one policy over 1,000,000 enterprises, grants written: ≤ 10 s | $verdict_run |

Service log lines with ERROR: $SERVICE_ERRORS (log: \`$DIR/service.log\`, not committed).
EOF
if [ -n "$NOTES" ]; then printf '\n%s\n' "$NOTES" >>"$REPORT"; fi
log "report written to $REPORT (total $TOTAL s)"
