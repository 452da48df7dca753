#!/usr/bin/env bash
# bench/pgbench.sh: pgbench throughput, connection churn, crash recovery and whole-server memory of
# Tusk next to PostgreSQL 15, in the same run (run through `./tusk bench [--quick]` after the
# connection and storage benchmarks, or `./tusk bench --pgbench-only`).
#
# Both servers get the same settings: shared_buffers=128MB, max_connections=250, fsync=on,
# synchronous_commit=on (Tusk's extra -c settings from BENCH_TUSK_OPTS). In interleaved rounds
# (order alternating), with pgbench 15 over TCP:
#   1. pgbench -i -s S (once per server, timed), then select-only with -M simple and -M prepared,
#      tpcb-like and simple-update, each at -c 1, 8 and 32 (-j 2, or 1 for one client), -T T:
#      TPS, average latency and p99 latency (from the per-transaction log, -l);
#   2. connection churn: pgbench -C -S -c 4: TPS and average connection time, with backend_reuse
#      off and on (a second Tusk server, started from a copy of the first after its pgbench -i);
#   3. crash recovery: under tpcb-like load (-c 4), kill -9 of one pgbench backend; the time to the
#      first successful `select 1` on a new connection, and the WAL replayed (server log);
#   4. memory: PSS of the whole server (postmaster and all its descendants, /proc/PID/smaps_rollup)
#      with 0, 10, 100 and 200 idle connections, and the slope per connection; and once, one idle
#      Tusk backend started with -XX:NativeMemoryTracking=summary: its NMT committed memory by kind
#      (heap, metaspace, code cache, class data, thread stacks, other) next to its PSS.
# A measure that fails on one server shows "error: <first line>" and the rest go on.
#
#   bench/pgbench.sh [--quick] [--pg-vs-pg]
#     --quick     -s 2, -c 1 and 8, -T 2 (+3 s to connect -c 8), no simple-update, memory at 0 and
#                 10 connections, 1 round
#     --pg-vs-pg  self-test: the "Tusk" side is a second PostgreSQL 15 (both columns should agree)
#
# Environment: JAVA_HOME, PGREF (as bench/run.sh), BENCH_ROUNDS, BENCH_TUSK_OPTS (more "-c name=value"
# for the Tusk servers, e.g. "-c backend_spares=4"), BENCH_KEEP=1 keeps the work directory.
# Results: printed, and written to bench/results/<date>-pgbench.md (…-pgbench-pg-vs-pg.md), with the
# chart bench/results/<date>-pgbench.png drawn by bench/chart (JFreeChart). Run as root.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MODE=full
PGVSPG=${BENCH_PG_VS_PG:-0}
for a in "$@"; do
  case $a in
    --quick) MODE=quick ;;
    --pg-vs-pg) PGVSPG=1 ;;
    -h|--help) sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench: unknown argument $a (try --help)" >&2; exit 2 ;;
  esac
done
# CONNECT_S: seconds added to -T for runs of more than one client, on both servers alike. pgbench's
# -T clock includes connecting its clients, and a Tusk backend without a ready spare is a JVM start
# (~0.5 s of CPU each, two at a time): eight clients need 2-3 s to connect, so a 2-s run of -c 8
# finished no transaction at all. The TPS pgbench prints leaves the initial connection time out,
# so the longer window changes what is measured only by letting every client run.
# --quick is one round of three scripts (simple-update, like tpcb-like, is in the full run): its
# share of the 5 minutes of `./tusk bench --quick` is about two of them.
if [ "$MODE" = quick ]; then
  SCALE=2 CLIENTS=(1 8) T=2 CONNECT_S=3 CHURN_T=3 IDLE_LEVELS=(0 10) ROUNDS=1 LOAD_S=2 BUDGET=150 MEM_ROUNDS=1
  KINDS=("select-only simple" "select-only prepared" "tpcb-like simple")
  STEADY_W=8 STEADY_M=3 STEADY_ROUNDS=1
  STEADY=("select-only simple 1" "churn S 4")
else
  # -T 6: 3 rounds x 12 throughput rows x 2 servers of -T 10 alone were 12 of the 30 minutes the
  # whole `./tusk bench` may take; 6 s still gives each run thousands of transactions at -c 1.
  SCALE=10 CLIENTS=(1 8 32) T=6 CONNECT_S=8 CHURN_T=6 IDLE_LEVELS=(0 10 100 200) ROUNDS=3 LOAD_S=5 BUDGET=1020 MEM_ROUNDS=3
  KINDS=("select-only simple" "select-only prepared" "tpcb-like simple" "simple-update simple")
  STEADY_W=20 STEADY_M=10 STEADY_ROUNDS=1
  STEADY=("select-only simple 1" "select-only prepared 1" "tpcb-like simple 1" "churn S 4")
fi
ROUNDS=${BENCH_ROUNDS:-$ROUNDS}
STEP_TIMEOUT=60      # a pgbench run beyond -T, or an initialization, before it counts as hung
RECOVERY_TIMEOUT=60

die() { echo "bench: $*" >&2; exit 1; }
log() { echo "[bench $(date +%T)] $*" >&2; }

PGBIN=/usr/lib/postgresql/15/bin
[ -x "$PGBIN/pgbench" ] || die "pgbench of PostgreSQL 15 not found in $PGBIN (apt-get install postgresql-15)"
PGREF=${PGREF:-}
if [ -z "$PGREF" ]; then
  if [ -x /work/shared/tools/pgref ]; then PGREF=/work/shared/tools/pgref; else PGREF=$(command -v pgref || true); fi
fi
[ -n "$PGREF" ] && [ -x "$PGREF" ] || die "pgref (runs the reference PostgreSQL 15) not found: set PGREF"
[ "$(id -u)" = 0 ] || log "warning: not root: PostgreSQL's processes (user postgres) may be out of reach"
H="$HERE/bench/pgbench_helper.py"
if [ "$PGVSPG" != 1 ]; then
  if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ]; then
    for c in /usr/lib/jvm/*25*; do [ -x "$c/bin/java" ] && { JAVA_HOME=$c; break; }; done
  fi
  [ -x "${JAVA_HOME:-}/bin/java" ] || die "no JDK 25: set JAVA_HOME or run ./tusk bench"
  export JAVA_HOME
  [ -f "$HERE/target/tusk.jar" ] || die "target/tusk.jar is missing: run ./tusk bench, which builds it"
fi

WORK=$(mktemp -d /tmp/tusk-bench-pgbench.XXXXXX)
chmod 755 "$WORK"
RAW="$WORK/raw.tsv"; : >"$RAW"
LABELS="$WORK/labels.tsv"; : >"$LABELS"
BG_PIDS=()
declare -A PORT DIR LOG DOWN STARTED KIND EXTRA
SIDES=(tusk tuskreuse pg)

stop_tusk() {
  local d=$1 pm
  [ -f "$d/postmaster.pid" ] || return 0
  pm=$(sed -n 1p "$d/postmaster.pid" 2>/dev/null || true)
  PGCTLTIMEOUT=30 "$TUSK" stop -D "$d" -m fast >/dev/null 2>&1 && return 0
  if [ -n "$pm" ] && kill -0 "$pm" 2>/dev/null; then
    log "Tusk in $d did not stop: killing postmaster $pm and its children"
    for c in $(ps -o pid= --ppid "$pm" 2>/dev/null); do kill -KILL "$c" 2>/dev/null || true; done
    kill -KILL "$pm" 2>/dev/null || true
  fi
}
stop_side() {
  local s=$1
  [ "${STARTED[$s]:-no}" = yes ] || return 0
  STARTED[$s]=no
  if [ "${KIND[$s]}" = tusk ]; then stop_tusk "${DIR[$s]}"
  else "$PGREF" stop "${DIR[$s]}" >/dev/null 2>&1 || log "could not stop PostgreSQL in ${DIR[$s]}"; fi
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  for p in ${BG_PIDS[@]+"${BG_PIDS[@]}"}; do kill -KILL "$p" 2>/dev/null; done
  for s in "${SIDES[@]}" tusknmt; do stop_side "$s"; done
  if [ "${BENCH_KEEP:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# shellcheck source=bench/common.sh
. "$HERE/bench/common.sh"

START=$(date +%s)
COMMON=(-c shared_buffers=128MB -c max_connections=250 -c fsync=on -c synchronous_commit=on)
# shellcheck disable=SC2206
TUSK_OPTS=(${BENCH_TUSK_OPTS:-})
if [ "$PGVSPG" = 1 ]; then
  # The second PostgreSQL plays both Tusk servers (backend_reuse means nothing to it).
  KIND[tusk]=pg; DIR[tusk]="$WORK/pg2"; LOG[tusk]="$WORK/pg2/server.log"
  KIND[tuskreuse]=alias
  TUSK_NAME="PostgreSQL 15 (as Tusk, --pg-vs-pg)" TUSK_SHORT="PG as Tusk"
  JAR_SUM=n/a
else
  # From a snapshot of the jar and the tusk script, as bench/run.sh does.
  SNAP="$WORK/snapshot"
  mkdir -p "$SNAP/src/main" "$SNAP/target"
  touch "$SNAP/pom.xml"
  cp "$HERE/tusk" "$SNAP/tusk"
  for try in 1 2 3 4 5 6 7 8 9 10; do
    cp "$HERE/target/tusk.jar" "$SNAP/target/tusk.jar" 2>/dev/null && "$JAVA_HOME/bin/jar" tf "$SNAP/target/tusk.jar" >/dev/null 2>&1 && break
    [ $try = 10 ] && die "could not copy a readable target/tusk.jar"
    sleep 3
  done
  [ -f "$HERE/target/tusk.aot" ] && [ "$HERE/target/tusk.aot" -nt "$HERE/target/tusk.jar" ] && cp "$HERE/target/tusk.aot" "$SNAP/target/tusk.aot"
  touch "$SNAP/target/tusk.jar"; [ -f "$SNAP/target/tusk.aot" ] && touch "$SNAP/target/tusk.aot"
  TUSK="$SNAP/tusk"
  JAR_SUM=$(sha256sum "$SNAP/target/tusk.jar" | cut -c1-12)
  KIND[tusk]=tusk; DIR[tusk]="$WORK/tusk"; LOG[tusk]="$WORK/tusk/log/postgresql.log"
  KIND[tuskreuse]=tusk; DIR[tuskreuse]="$WORK/tuskreuse"; LOG[tuskreuse]="$WORK/tuskreuse/log/postgresql.log"
  EXTRA[tuskreuse]="-c backend_reuse=on"
  TUSK_NAME=Tusk TUSK_SHORT=Tusk
fi
KIND[pg]=pg; DIR[pg]="$WORK/pg"; LOG[pg]="$WORK/pg/server.log"
PG_NAME="PostgreSQL 15"

# The server a side's measures go to (tuskreuse is the second PostgreSQL in --pg-vs-pg).
srv() { if [ "${KIND[$1]}" = alias ]; then echo tusk; else echo "$1"; fi; }

start_side() {
  local s=$1 d=${DIR[$1]} out="$WORK/$1-start.log"; shift
  [ "${KIND[$s]}" = alias ] && return 0
  [ -n "${PORT[$s]:-}" ] || PORT[$s]=$(free_port)
  STARTED[$s]=yes
  if [ "${KIND[$s]}" = tusk ]; then
    if [ ! -f "$d/PG_VERSION" ]; then
      tusk_initdb "$d" || { DOWN[$s]="initdb failed: $(grep -v '^$' "$WORK/template-initdb.log" | tail -1)"; return 1; }
    fi
    mkdir -p "$WORK/$s-sock"
    # shellcheck disable=SC2086
    "$TUSK" start -D "$d" -p "${PORT[$s]}" "${COMMON[@]}" ${TUSK_OPTS[@]+"${TUSK_OPTS[@]}"} ${EXTRA[$s]:-} \
      -c unix_socket_directories="$WORK/$s-sock" "$@" >"$out" 2>&1 \
      || { DOWN[$s]="server did not start: $(grep -v '^$' "$out" | tail -1)"; return 1; }
  else
    "$PGREF" start "$d" "${PORT[$s]}" "${COMMON[@]}" >"$out" 2>&1 \
      || { DOWN[$s]="server did not start: $(tail -1 "$d/server.log" 2>/dev/null)"; return 1; }
  fi
  DOWN[$s]=
}
# start_sides SIDE...: starts them all at once (nothing is measured meanwhile); each side's
# failure reason comes back through a file, since the starts run in subshells.
start_sides() {
  local s pids=() sides=()
  [ "$PGVSPG" = 1 ] || tusk_template || { for s in "$@"; do DOWN[$s]="initdb failed: $(grep -v '^$' "$WORK/template-initdb.log" | tail -1)"; done; return 0; }
  for s in "$@"; do
    [ "${KIND[$s]}" = alias ] && continue
    [ -n "${PORT[$s]:-}" ] || PORT[$s]=$(free_port)
    STARTED[$s]=yes; rm -f "$WORK/$s.down"
    ( if [ "$s" = tusknmt ]; then start_side "$s" "${NMT_ARGS[@]}"; else start_side "$s"; fi || { printf '%s' "${DOWN[$s]}" >"$WORK/$s.down"; exit 1; } ) & pids+=($!); sides+=("$s")
  done
  local i; for i in "${!pids[@]}"; do
    s=${sides[$i]}
    if wait "${pids[$i]}"; then DOWN[$s]=; log "started $s on port ${PORT[$s]}"
    else DOWN[$s]=$(cat "$WORK/$s.down" 2>/dev/null || echo "server did not start"); log "$s: ${DOWN[$s]}"; fi
  done
}
pm_pid() {
  local f="${DIR[$1]}/postmaster.pid"; [ "${KIND[$1]}" = tusk ] || f="${DIR[$1]}/data/postmaster.pid"
  sed -n 1p "$f" 2>/dev/null || true
}
q() { # q SIDE SQL: one psql command against the side
  PGCONNECT_TIMEOUT=10 timeout -k 5 30 "$PGBIN/psql" -X -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "${PORT[$(srv "$1")]}" -U postgres -d postgres -c "$2"
}
ensure_up() {
  local s; s=$(srv "$1")
  [ -z "${DOWN[$s]:-}" ] || return 1
  local i; for i in $(seq 1 60); do q "$s" 'select 1' >/dev/null 2>&1 && return 0; kill -0 "$(pm_pid "$s")" 2>/dev/null || break; sleep 1; done
  log "$s does not answer: restarting it"
  stop_side "$s"; start_side "$s" || return 1
  for i in $(seq 1 30); do q "$s" 'select 1' >/dev/null 2>&1 && return 0; sleep 1; done
  DOWN[$s]="server does not answer select 1"; return 1
}
now() { local t=$EPOCHREALTIME; echo "${t/,/.}"; }
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }
lsn_bytes() { [[ $1 =~ ^[0-9A-Fa-f]+/[0-9A-Fa-f]+$ ]] || return 1; echo $(( (16#${1%/*} << 32) + 16#${1#*/} )); }
log_size() { stat -c %s "$1" 2>/dev/null || echo 0; }
log_since() { tail -c +"$(( $2 + 1 ))" "$1" 2>/dev/null || true; }

# The first line of pgbench's or psql's complaint, without the program's prefix.
first_error() {
  local line
  line=$(grep -v '^[[:space:]]*$' "$1" 2>/dev/null | grep -iE 'error|fatal|could not|abort|timed out' | head -1 || true)
  [ -n "$line" ] || line=$(grep -v '^[[:space:]]*$' "$1" 2>/dev/null | head -1 || true)
  line=$(printf '%s' "$line" | sed -e 's/^pgbench: error: //' -e 's/^pgbench: //' -e 's/^psql: error: //' -e 's/^psql:[^:]*:[0-9]*: //' -e 's/ERROR:  //' | cut -c1-140)
  echo "${line:-failed with no message}"
}

put() { printf '%s\t%s\t%s\tok\t%s\n' "$1" "$CUR_SIDE" "$CUR_ROUND" "$2" >>"$RAW"; }
label() { printf '%s\t%s\n' "$1" "$2" >>"$LABELS"; }

# run_measure NAME FUNCTION SIDE ROUND ARG KEYS...: as bench/storage.sh; samples recorded under the
# column "tusk" for both Tusk servers (the keys say which one), "pg" for PostgreSQL.
run_measure() {
  local name=$1 fn=$2 s=$3 r=$4 arg=$5; shift 5
  local keys=("$@") msg= col=tusk; [ "$s" = pg ] && col=pg
  CUR_SIDE=$col; CUR_ROUND=$r; ERRF="$WORK/err.$name.$s.$r"; : >"$ERRF"
  local before; before=$(wc -l <"$RAW")
  # The first round always runs to its end, so that every row has a figure even on a loaded
  # machine (which then takes longer than the budget); later rounds stop at the budget.
  if [ "$r" -gt 1 ] && [ $(( $(date +%s) - START )) -gt $(( BUDGET + BUDGET / 4 )) ]; then
    msg="not run: the time budget was spent"
  elif ! ensure_up "$s"; then
    msg="${DOWN[$(srv "$s")]}"
  else
    local t0; t0=$(date +%s)
    if ! "$fn" "$s" "$r" $arg; then msg=$(head -1 "$ERRF"); msg=${msg:-failed}; fi
    log "  $name on $s: $(( $(date +%s) - t0 )) s${msg:+ — error: $msg}"
  fi
  [ -z "$msg" ] && return 0
  local k; for k in "${keys[@]}"; do
    tail -n +"$(( before + 1 ))" "$RAW" | cut -f1 | grep -qx "$k" \
      || printf '%s\t%s\t%s\terror\t%s\n' "$k" "$col" "$r" "$(printf '%s' "$msg" | tr '\t\n' '  ')" >>"$RAW"
  done
}

pgb() { # pgb SIDE SECONDS OUT [pgbench args...]: pgbench with a timeout; OUT.err has its stderr
  local s; s=$(srv "$1"); local secs=$2 out=$3; shift 3
  local rc=0
  (cd "$WORK" && PGCONNECT_TIMEOUT=10 timeout -k 5 "$secs" "$PGBIN/pgbench" -h 127.0.0.1 -p "${PORT[$s]}" -U postgres "$@" postgres) \
    >"$out" 2>"$out.err" || rc=$?
  [ $rc = 124 ] || [ $rc = 137 ] && echo "timed out after $secs s" >>"$out.err"
  return $rc
}

# ---------------------------------------------------------------- measures

m_init() {
  local s=$1 o="$WORK/$1-init" t0 t1
  t0=$(now)
  pgb "$s" $(( STEP_TIMEOUT * 5 )) "$o" -i -s "$SCALE" -q || { first_error "$o.err" >"$ERRF"; return 1; }
  t1=$(now)
  put init_s "$(calc "$t1 - $t0")"
}

# m_tps SIDE ROUND "KIND MODE CLIENTS": one pgbench run; KIND select-only|tpcb-like|simple-update
m_tps() {
  local s=$1 r=$2 kind=$3 mode=$4 c=$5 j=2
  [ "$c" -lt 2 ] && j=1
  local key="${kind}_${mode}_c$c" o="$WORK/$1-$kind-$mode-$c-$2" t=$T
  [ "$c" -gt 1 ] && t=$(( T + CONNECT_S ))
  pgb "$s" $(( t + STEP_TIMEOUT )) "$o" -n -b "$kind" -M "$mode" -c "$c" -j "$j" -T "$t" -l --log-prefix="$o.log" \
    || { first_error "$o.err" >"$ERRF"; return 1; }
  local tps lat p99 conn
  read -r tps lat p99 conn < <(python3 "$H" pgbench "$o" "$o.log")
  # pgbench's -T clock includes connecting: clients whose backends all start later than that do nothing.
  if [ "$tps" = - ] && grep -q 'number of transactions actually processed: 0' "$o"; then
    echo "no transaction within -T $t s (pgbench's -T includes connecting the $c clients)" >"$ERRF"; return 1
  fi
  [ "$tps" != - ] || { echo "pgbench printed no tps: $(first_error "$o.err")" >"$ERRF"; return 1; }
  # A run whose clients all failed prints tps = 0 and says so in stderr.
  grep -q 'aborted' "$o.err" && { first_error "$o.err" >"$ERRF"; return 1; }
  put "${key}_tps" "$tps"; put "${key}_lat" "$lat"; [ "$p99" != - ] && put "${key}_p99" "$p99"
  rm -f "$o.log".*
}

# m_churn SIDE ROUND WHAT: pgbench -C -c 4; WHAT is S (built-in select-only, the only one now)
m_churn() {
  local s=$1 r=$2 what=$3 o="$WORK/$1-churn-$3-$2"
  local reuse=off; [ "$s" = tuskreuse ] && reuse=on
  local args=(-n -C -c 4 -j 2 -T "$CHURN_T")
  args+=(-S)
  pgb "$s" $(( CHURN_T + STEP_TIMEOUT )) "$o" "${args[@]}" || { first_error "$o.err" >"$ERRF"; return 1; }
  grep -q 'aborted' "$o.err" && { first_error "$o.err" >"$ERRF"; return 1; }
  local tps lat p99 conn
  read -r tps lat p99 conn < <(python3 "$H" pgbench "$o")
  [ "$tps" != - ] || { echo "pgbench printed no tps: $(first_error "$o.err")" >"$ERRF"; return 1; }
  put "churn_${what}_${reuse}_tps" "$tps"
  [ "$conn" != - ] && put "churn_${what}_${reuse}_conn" "$conn"
  return 0
}

# Steady state: the rows above measure what a user of a freshly started server sees, and with
# backend_reuse off every pgbench run is served by new backend JVMs, which spend their first
# seconds interpreting and compiling (docs/performance.md). These rows measure the other regime:
# the reuse server (backend_reuse=on), whose backends keep their compiled code from session to
# session, and PostgreSQL, each after STEADY_W s of the same workload. bench/cpu_per_tx.py runs
# pgbench -P 1 for STEADY_W+STEADY_M s and counts the transactions and the whole server's CPU (every
# process of it, children reaped in the window included) between second STEADY_W and the end.
# m_steady SIDE ROUND "KIND MODE CLIENTS": KIND a built-in script, or churn (MODE S: pgbench -C -S)
m_steady() {
  local s=$1 r=$2 kind=$3 mode=$4 c=$5 srvname; srvname=$(srv "$1")
  local key="steady_${kind}_${mode}_c$c" o="$WORK/$1-steady-$kind-$mode-$c-$2" args=(-n -c "$c")
  [ "$c" -gt 1 ] && args+=(-j 2)
  if [ "$kind" = churn ]; then args+=(-C -S); else args+=(-b "$kind" -M "$mode"); fi
  PGBENCH="$PGBIN/pgbench" PGCONNECT_TIMEOUT=10 timeout -k 5 $(( STEADY_W + STEADY_M + STEP_TIMEOUT )) \
    python3 "$HERE/bench/cpu_per_tx.py" "$(pm_pid "$srvname")" "$STEADY_W" "$STEADY_M" "${args[@]}" \
    -h 127.0.0.1 -p "${PORT[$srvname]}" -U postgres postgres >"$o" 2>&1 || { first_error "$o" >"$ERRF"; return 1; }
  local line; line=$(grep '^window' "$o" | head -1)
  [[ $line =~ \(([0-9]+)/s\),\ CPU\ [0-9.]+\ s,\ ([0-9.]+)\ us ]] || { echo "no steady window: $(first_error "$o")" >"$ERRF"; return 1; }
  put "${key}_tps" "${BASH_REMATCH[1]}"; put "${key}_cpu" "${BASH_REMATCH[2]}"
}

# Recovery under tpcb-like load: pgbench -c 4 for LOAD_S s, kill -9 of one of its backends, then
# `select 1` on new connections every ~10 ms; it counts once the log shows the crash being handled.
m_recovery() {
  local s=$1 r=$2 o="$WORK/$1-rec-$2"
  q "$s" checkpoint >/dev/null 2>"$o.ckpt.err" || true
  local off; off=$(log_size "${LOG[$s]}")
  (cd "$WORK" && PGCONNECT_TIMEOUT=10 PGAPPNAME=bench_rec timeout -k 5 $(( LOAD_S + RECOVERY_TIMEOUT + 30 )) "$PGBIN/pgbench" -h 127.0.0.1 \
    -p "${PORT[$s]}" -U postgres -n -c 4 -j 2 -T $(( LOAD_S + RECOVERY_TIMEOUT )) postgres >"$o.load" 2>"$o.load.err") &
  local lp=$!
  BG_PIDS+=("$lp")
  sleep "$LOAD_S"
  local pid
  pid=$(q "$s" "select pid from pg_stat_activity where application_name = 'bench_rec' and backend_type = 'client backend' order by pid limit 1" 2>"$o.pid.err" || true)
  if ! [[ $pid =~ ^[0-9]+$ ]]; then
    if kill -0 "$lp" 2>/dev/null; then echo "no pgbench backend in pg_stat_activity: $(first_error "$o.pid.err")" >"$ERRF"
    else echo "pgbench: $(first_error "$o.load.err")" >"$ERRF"; fi
    kill "$lp" 2>/dev/null; wait "$lp" 2>/dev/null
    return 1
  fi
  local tk; tk=$(now)
  kill -KILL "$pid" || { echo "could not kill backend $pid" >"$ERRF"; kill "$lp" 2>/dev/null; wait "$lp" 2>/dev/null; return 1; }
  local seen=no ok=no tend
  while :; do
    local saw=$seen
    if [ $saw = no ] && log_since "${LOG[$s]}" "$off" | grep -q 'terminating any other active server processes'; then seen=yes; saw=yes; fi
    if PGCONNECT_TIMEOUT=2 timeout 5 "$PGBIN/psql" -X -At -h 127.0.0.1 -p "${PORT[$s]}" -U postgres -d postgres -c 'select 1' >/dev/null 2>&1 && [ $saw = yes ]; then
      tend=$(now); ok=yes; break
    fi
    [ "$(awk "BEGIN { print ($(now) - $tk > $RECOVERY_TIMEOUT) ? 1 : 0 }")" = 1 ] && break
    sleep 0.005
  done
  kill "$lp" 2>/dev/null; wait "$lp" 2>/dev/null
  if [ $ok = no ]; then
    if [ $seen = no ]; then echo "the server log shows no crash handling within $RECOVERY_TIMEOUT s after kill -9 of backend $pid" >"$ERRF"
    else echo "no successful select 1 within $RECOVERY_TIMEOUT s after kill -9 of backend $pid" >"$ERRF"; fi
    return 1
  fi
  put rec_ms "$(calc "($tend - $tk) * 1000")"
  local since a b; since=$(log_since "${LOG[$s]}" "$off")
  a=$(printf '%s\n' "$since" | sed -n 's/.*redo starts at \([0-9A-Fa-f]*\/[0-9A-Fa-f]*\).*/\1/p' | head -1)
  b=$(printf '%s\n' "$since" | sed -n 's/.*redo done at \([0-9A-Fa-f]*\/[0-9A-Fa-f]*\).*/\1/p' | head -1)
  if [ -n "$a" ] && [ -n "$b" ]; then put rec_wal "$(calc "($(lsn_bytes "$b") - $(lsn_bytes "$a")) / 1024")"
  elif printf '%s\n' "$since" | grep -q 'redo is not required'; then put rec_wal 0
  else echo "no \"redo starts at\" / \"redo done at\" lines in the server log" >"$ERRF"; return 1; fi
}

# Memory: PSS of the whole server with 0, 10, 100, 200 idle sessions (opened one after another by
# holders that keep them open), 8 s after the last one connected (spares refill meanwhile, and
# count: they are part of the server), and the least-squares slope per connection. 8 s, not less:
# Tusk's processes give their JIT's freed memory back 6 s into an idle period (port/NativeHeap);
# measured sooner, a session that has just connected still holds ~9 MiB it is about to return.
# PostgreSQL's figure does not move with the wait.
m_memory() {
  local s=$1 r=$2 o="$WORK/$1-mem-$2" pm holders=() fifos=() have=0 n
  pm=$(pm_pid "$(srv "$s")")
  local xs=() ys=()
  for n in "${IDLE_LEVELS[@]}"; do
    if [ "$n" -gt "$have" ]; then
      local f="$o.fifo$n"; mkfifo "$f"
      python3 "$H" hold "${PORT[$(srv "$s")]}" $(( n - have )) <"$f" >"$o.hold$n" 2>&1 &
      holders+=($!); BG_PIDS+=($!)
      exec {fd}>"$f"; fifos+=("$fd")
      local i; for i in $(seq 1 3000); do grep -q '^ready' "$o.hold$n" 2>/dev/null && break; sleep 0.1; done
      if grep -q '^error' "$o.hold$n"; then
        echo "at $n connections: $(grep '^error' "$o.hold$n" | head -1 | sed 's/^error: //')" >"$ERRF"; break
      fi
      have=$n
    fi
    sleep 8
    local kb; read -r kb _ < <(python3 "$H" tree-pss "$pm")
    put "mem_$n" "$(calc "$kb / 1024")"
    xs+=("$n"); ys+=("$(calc "$kb / 1024")")
  done
  for fd in ${fifos[@]+"${fifos[@]}"}; do exec {fd}>&-; done
  for p in ${holders[@]+"${holders[@]}"}; do wait "$p" 2>/dev/null || true; done
  [ -s "$ERRF" ] && return 1
  put mem_slope "$(python3 -c 'import sys
xs=[float(x) for x in sys.argv[1].split()]; ys=[float(y) for y in sys.argv[2].split()]
mx=sum(xs)/len(xs); my=sum(ys)/len(ys)
print("%.3f" % (sum((x-mx)*(y-my) for x,y in zip(xs,ys))/sum((x-mx)**2 for x in xs)))' "${xs[*]}" "${ys[*]}")"
}

# One idle backend with Native Memory Tracking (a separate Tusk server whose backend_jvm_options are
# the default plus -XX:NativeMemoryTracking=summary, and the build's AOT cache named explicitly, so
# that class data is as with the default); PostgreSQL: its backend's PSS only.
NMT_TABLE="$WORK/nmt.md"
NMT_ARGS=()
nmt_setup() {
  local aot="$SNAP/target/tusk.aot" opts
  opts="$("$JAVA_HOME/bin/java" -cp "$SNAP/target/tusk.jar" org.tusk.main.Main backend-jvm-options) -XX:NativeMemoryTracking=summary"
  [ -f "$aot" ] && opts="$opts -XX:AOTCache=$aot"
  KIND[tusknmt]=tusk; DIR[tusknmt]="$WORK/tusknmt"
  NMT_ARGS=(-c backend_spares=1 -c "backend_jvm_options=$opts")
}
nmt_breakdown() {
  local pgpss=n/a line
  if ensure_up pg; then
    local f="$WORK/nmt-pg.fifo"; mkfifo "$f"
    python3 "$H" hold "${PORT[pg]}" 1 <"$f" >"$WORK/nmt-pg.hold" 2>&1 & local hp=$!
    exec {fd}>"$f"; local i; for i in $(seq 1 100); do grep -q '^ready' "$WORK/nmt-pg.hold" && break; sleep 0.1; done
    sleep 2
    local p; p=$(grep -E '^[0-9]+$' "$WORK/nmt-pg.hold" | head -1)
    [ -n "$p" ] && pgpss=$(python3 "$H" rollup "$p")
    exec {fd}>&-; wait $hp 2>/dev/null || true
  fi
  if [ "$PGVSPG" = 1 ]; then
    { echo "(--pg-vs-pg: no JVM, no breakdown.) PostgreSQL 15 idle backend: Pss, Pss_Anon, Pss_File, Pss_Shmem (KiB) = $pgpss"; } >"$NMT_TABLE"
    return 0
  fi
  # The server was started with the others (nmt_setup), while nothing was measured.
  if ! ensure_up tusknmt; then
    echo "error: ${DOWN[tusknmt]}" >"$NMT_TABLE"; return 0
  fi
  local f="$WORK/nmt.fifo"; mkfifo "$f"
  python3 "$H" hold "${PORT[tusknmt]}" 1 <"$f" >"$WORK/nmt.hold" 2>&1 & local hp=$!
  exec {fd}>"$f"; local i; for i in $(seq 1 300); do grep -q '^ready' "$WORK/nmt.hold" && break; sleep 0.1; done
  sleep 8   # idle long enough for the backend's C-heap trim (see m_memory)
  local p; p=$(grep -E '^[0-9]+$' "$WORK/nmt.hold" | head -1)
  if [ -z "$p" ]; then
    echo "error: $(head -1 "$WORK/nmt.hold")" >"$NMT_TABLE"
  elif ! "$JAVA_HOME/bin/jcmd" "$p" VM.native_memory summary >"$WORK/nmt.txt" 2>&1 || ! line=$(python3 "$H" nmt "$WORK/nmt.txt"); then
    echo "error: jcmd $p VM.native_memory summary: $(grep -v '^$' "$WORK/nmt.txt" | tail -1)" >"$NMT_TABLE"
  else
    local heap meta code cds thr other total pss anon file shm
    read -r heap meta code cds thr other total <<<"$line"
    read -r pss anon file shm < <(python3 "$H" rollup "$p")
    mib() { awk "BEGIN{printf \"%.1f\", $1/1024}"; }
    {
      echo "| one idle Tusk backend | MiB |"
      echo "|---|---|"
      echo "| NMT committed: Java heap | $(mib "$heap") |"
      echo "| NMT committed: metaspace (class metadata and class space) | $(mib "$meta") |"
      echo "| NMT committed: code cache | $(mib "$code") |"
      echo "| NMT committed: class data (CDS/AOT archive, \"Shared class space\") | $(mib "$cds") |"
      echo "| NMT committed: threads (stacks and thread structures) | $(mib "$thr") |"
      echo "| NMT committed: other (GC, compiler, symbols, internal, arena chunks, NMT itself…) | $(mib "$other") |"
      echo "| NMT committed: total | $(mib "$total") |"
      echo "| PSS of that process | $(mib "$pss") |"
      echo "| … anonymous (Pss_Anon) / file-backed (Pss_File) / shared memory (Pss_Shmem) | $(mib "$anon") / $(mib "$file") / $(mib "$shm") |"
      if [ "$pgpss" != n/a ]; then
        local pp pa pf ps; read -r pp pa pf ps <<<"$pgpss"
        echo "| PostgreSQL 15 idle backend: PSS (anonymous / file-backed / shared memory) | $(mib "$pp") ($(mib "$pa") / $(mib "$pf") / $(mib "$ps")) |"
      fi
    } >"$NMT_TABLE"
  fi
  exec {fd}>&-; wait $hp 2>/dev/null || true
  stop_side tusknmt
}

# ---------------------------------------------------------------- the run

label init_s "pgbench -i -s $SCALE (s)"
for k in "${KINDS[@]}"; do
  set -- $k
  for c in "${CLIENTS[@]}"; do
    label "${1}_${2}_c${c}_tps" "$1 -M $2, -c $c: TPS"
    label "${1}_${2}_c${c}_lat" "… average latency (ms)"
    label "${1}_${2}_c${c}_p99" "… p99 latency (ms)"
  done
done
label churn_S_off_tps "churn: pgbench -C -S -c 4, backend_reuse off: TPS"
label churn_S_off_conn "… average connection time (ms)"
label churn_S_on_tps "churn: pgbench -C -S -c 4, backend_reuse on: TPS"
label churn_S_on_conn "… average connection time (ms)"
for k in "${STEADY[@]}"; do
  set -- $k
  if [ "$1" = churn ]; then what="churn \`pgbench -C -S -c $3\`"; else what="$1 -M $2, -c $3"; fi
  label "steady_${1}_${2}_c${3}_tps" "steady state ($TUSK_NAME: backend_reuse on), after $STEADY_W s: $what: TPS"
  label "steady_${1}_${2}_c${3}_cpu" "… server CPU per transaction (µs)"
done
label rec_ms "recovery: kill -9 of a backend under tpcb-like load (-c 4) to the first successful \`select 1\` (ms)"
label rec_wal "… WAL replayed (KiB)"
for n in "${IDLE_LEVELS[@]}"; do label "mem_$n" "PSS of the whole server, $n idle connections (MiB)"; done
label mem_slope "PSS per idle connection (slope, MiB)"

log "mode $MODE$([ "$PGVSPG" = 1 ] && echo ', pg-vs-pg self-test'): work dir $WORK"
T0=$(date +%s)
start_sides tusk pg
for s in tusk pg; do run_measure init m_init "$s" 1 "" init_s; done
# The reuse server serves the churn rows only, but `pgbench -C -S` needs the pgbench tables: it
# starts from a copy of the Tusk server's directory after that server's (timed) pgbench -i, taken
# with the server stopped (fast shutdown: the shutdown checkpoint leaves every page in the files),
# instead of a second pgbench -i. Both then start together.
if [ "${KIND[tuskreuse]}" = tusk ]; then
  stop_side tusk
  rm -rf "${DIR[tuskreuse]}"; cp -a "${DIR[tusk]}" "${DIR[tuskreuse]}"
  rm -f "${DIR[tuskreuse]}/postmaster.pid" "${DIR[tuskreuse]}"/log/*
  nmt_setup
  start_sides tusk tuskreuse tusknmt
fi
log "servers started and pgbench tables made in $(( $(date +%s) - T0 )) s"

ROUNDS_DONE=0
for r in $(seq 1 "$ROUNDS"); do
  if [ $r -gt 1 ] && [ $(( $(date +%s) - START )) -gt $BUDGET ]; then log "time budget of $BUDGET s spent: no round $r"; break; fi
  if [ $(( r % 2 )) = 1 ]; then order=(tusk pg); else order=(pg tusk); fi
  log "round $r of $ROUNDS (order: ${order[*]})"
  for k in "${KINDS[@]}"; do
    set -- $k
    for c in "${CLIENTS[@]}"; do
      for s in "${order[@]}"; do run_measure "$1-$2-$c" m_tps "$s" "$r" "$1 $2 $c" "${1}_${2}_c${c}_tps" "${1}_${2}_c${c}_lat" "${1}_${2}_c${c}_p99"; done
    done
  done
  # Only -S: the `select 1` churn (pgbench -C of a script) was there while Tusk could not run
  # pgbench -i; bench/run.sh measures select-1 churn, with and without reuse, connection by connection.
  for w in S; do
    for s in "${order[@]}"; do
      if [ "$s" = tusk ]; then
        run_measure "churn-$w-off" m_churn tusk "$r" "$w" "churn_${w}_off_tps" "churn_${w}_off_conn"
        run_measure "churn-$w-on" m_churn tuskreuse "$r" "$w" "churn_${w}_on_tps" "churn_${w}_on_conn"
      else # PostgreSQL has no backend_reuse: one series serves both rows
        run_measure "churn-$w" m_churn pg "$r" "$w" "churn_${w}_off_tps" "churn_${w}_off_conn"
        awk -F'\t' -v r="$r" -v w="churn_${w}_off_" '$2=="pg" && $3==r && index($1,w)==1 {sub("_off_","_on_",$1); print}' OFS='\t' "$RAW" >>"$RAW.on"
        cat "$RAW.on" >>"$RAW"; : >"$RAW.on"
      fi
    done
  done
  for s in "${order[@]}"; do run_measure recovery m_recovery "$s" "$r" "" rec_ms rec_wal; done
  # Memory varies little between rounds (spread ~0.3%) and costs a JVM start per Tusk connection:
  # --quick measures it in the first round only (the first, so that the time budget cannot skip it).
  if [ "$r" -le "$MEM_ROUNDS" ]; then
    for s in "${order[@]}"; do run_measure memory m_memory "$s" "$r" "" $(for n in "${IDLE_LEVELS[@]}"; do echo "mem_$n"; done) mem_slope; done
  fi
  ROUNDS_DONE=$r
done
log "steady state: $STEADY_ROUNDS interleaved round(s)"
for r in $(seq 1 "$STEADY_ROUNDS"); do
  if [ $(( r % 2 )) = 1 ]; then order=(tuskreuse pg); else order=(pg tuskreuse); fi
  for k in "${STEADY[@]}"; do
    set -- $k
    for s in "${order[@]}"; do run_measure "steady-$1-$2-$3" m_steady "$s" "$r" "$1 $2 $3" "steady_${1}_${2}_c${3}_tps" "steady_${1}_${2}_c${3}_cpu"; done
  done
done
log "one idle backend with Native Memory Tracking"
nmt_breakdown

SETTINGS=(server_version shared_buffers max_connections fsync synchronous_commit backend_spares backend_reuse backend_jvm_options)
SETTINGS_TABLE="$WORK/settings.md"
{
  echo "| setting | $TUSK_NAME | $TUSK_NAME (reuse) | $PG_NAME |"
  echo "|---|---|---|---|"
  for g in "${SETTINGS[@]}"; do
    row="| $g |"
    for s in "${SIDES[@]}"; do
      v=$(ensure_up "$s" >/dev/null 2>&1 && q "$s" "show $g" 2>/dev/null | head -1 || true)
      row="$row ${v:-n/a} |"
    done
    echo "$row"
  done
} >"$SETTINGS_TABLE"

TABLE="$WORK/table.md"
python3 "$HERE/bench/storage_helper.py" table "$RAW" "$LABELS" "$TUSK_NAME" "$PG_NAME" "$TUSK_SHORT" PG >"$TABLE"

TODAY=$(date +%F)
mkdir -p "$HERE/bench/results"
BASE="$HERE/bench/results/$TODAY-pgbench"
[ "$MODE" = quick ] && BASE="$BASE-quick"
[ "$PGVSPG" = 1 ] && BASE="$BASE-pg-vs-pg"
OUT="$BASE.md"
COMMIT=$(cd "$HERE" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -n "$(cd "$HERE" && git status --porcelain -- src pom.xml 2>/dev/null)" ] && COMMIT="$COMMIT (with uncommitted changes)"
{
  if [ "$PGVSPG" = 1 ]; then echo "# pgbench, churn, recovery, memory: PostgreSQL 15 vs PostgreSQL 15 (self-test, --pg-vs-pg)"
  else echo "# pgbench, churn, recovery, memory: Tusk vs PostgreSQL 15"; fi
  echo
  echo "\`bench/pgbench.sh$([ "$MODE" = quick ] && echo ' --quick')$([ "$PGVSPG" = 1 ] && echo ' --pg-vs-pg')\` on $(date '+%F %T %Z'), commit $COMMIT, tusk.jar sha256 $JAR_SUM;"
  extra=; [ ${#TUSK_OPTS[@]} -gt 0 ] && extra=" Tusk's extra settings: \`${TUSK_OPTS[*]}\`."
  echo "$ROUNDS_DONE interleaved rounds (of $ROUNDS), median (min–max) over rounds.$extra"
  echo
  echo "![chart: ratios Tusk/PostgreSQL and memory against connections]($(basename "$BASE").png)"
  echo
  cat "$TABLE"
  echo
  echo "Breakdown of one idle backend (Native Memory Tracking; committed memory is what the JVM asked the"
  echo "kernel for, PSS what the process really costs, shared pages divided among their users):"
  echo
  cat "$NMT_TABLE"
  echo
  echo "Settings as the servers report them (\`SHOW\`):"
  echo
  cat "$SETTINGS_TABLE"
  echo
  echo "How: each server started fresh (Tusk: \`./tusk initdb -U postgres --auth trust\` + \`./tusk start\`;"
  echo "PostgreSQL 15: \`pgref\`), all with \`${COMMON[*]}\`; the second Tusk server adds \`backend_reuse=on\`."
  echo "pgbench 15 over TCP to 127.0.0.1, \`-n\` (no vacuum: Tusk has none yet, and both sides run alike),"
  echo "\`-T $T\` with one client and \`-T $(( T + CONNECT_S ))\` with more (pgbench's clock includes connecting them; its TPS"
  echo "leaves the initial connection time out), churn \`-T $CHURN_T\`, \`-j 2\` (1 with one client); p99 is nearest-rank over the"
  echo "per-transaction log (\`-l\`). Each round runs every measure on both sides, order alternating. The"
  echo "PostgreSQL column of the \`backend_reuse on\` rows is its one churn series (it has no such setting)."
  echo "Steady state: the reuse server (\`backend_reuse=on\`) and PostgreSQL, each row's pgbench \`-P 1 -T $(( STEADY_W + STEADY_M + 3 ))\`"
  echo "through bench/cpu_per_tx.py: TPS and the whole server's CPU (all its processes, children reaped"
  echo "meanwhile included) per transaction between second $STEADY_W and second $(( STEADY_W + STEADY_M )), the first $STEADY_W s being"
  echo "the warm-up; $STEADY_ROUNDS round(s), order alternating. The rows above measure new backends' first seconds"
  echo "(with backend_reuse off every pgbench run gets new JVMs)."
  echo "Recovery: after a CHECKPOINT, pgbench tpcb-like \`-c 4\` for $LOAD_S s; \`kill -9\` of its lowest backend"
  echo "pid; \`select 1\` on a new connection tried every ~10 ms counts once the log shows \"terminating any"
  echo "other active server processes\"; WAL replayed: \"redo done at\" − \"redo starts at\". Memory: idle"
  echo "sessions opened one after another and kept open; PSS summed over the postmaster and all its"
  echo "descendants, read 8 s after the last session connected; the slope is least squares over the levels."
  echo
  echo "Machine: $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)), $(free -g | awk '/^Mem:/{print $2}') GiB RAM,"
  echo "Linux $(uname -r), $([ "$PGVSPG" = 1 ] || "$JAVA_HOME/bin/java" -version 2>&1 | sed -n 2p | sed 's/$/, /')$("$PGBIN/postgres" --version)."
  echo "Run took $(( $(date +%s) - START )) s."
} >"$OUT"
if "$HERE/bench/chart/draw.sh" "$OUT" "$BASE.png" >"$WORK/chart.log" 2>&1; then
  log "chart written to ${BASE#$HERE/}.png"
else
  log "no chart: $(tail -1 "$WORK/chart.log")"
fi
cat "$OUT"
log "results written to ${OUT#$HERE/}"
