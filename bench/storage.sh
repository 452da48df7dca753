#!/usr/bin/env bash
# bench/storage.sh: storage figures of Tusk next to PostgreSQL 15, in the same run (run through
# `./tusk bench [--quick]` after bench/run.sh, or `./tusk bench --storage-only`).
#
# Measures, each on both servers with the same settings (shared_buffers=128MB, fsync=on,
# synchronous_commit=on, full_page_writes=on, max_wal_size default, autovacuum=off), in interleaved
# rounds (median and min-max):
#   1. insert rate, rows/s: (a) N single-row INSERTs in one transaction, one psql session reading a
#      generated file, into bench_ins(id int primary key, pad text) with a 100-byte pad, and into the
#      same table without primary key; (b) autocommit single-row INSERTs (a commit with fsync each)
#      for S seconds; (c) INSERT ... VALUES of 1000 rows per statement;
#   2. WAL bytes per inserted row in (a), from pg_current_wal_lsn() before and after;
#   3. the time of a CHECKPOINT, as the client sees it, after an UPDATE of all rows of a table;
#   4. recovery: under autocommit INSERTs from 4 clients, kill -9 of one loader's backend (pid from
#      pg_stat_activity); the time from the kill to the first successful `select 1` on a new
#      connection, and the WAL replayed ("redo starts at" / "redo done at" in the server log).
# A measure that fails on one server is reported as "error: <first line>" and the others go on.
#
#   bench/storage.sh [--quick] [--pg-vs-pg]
#     --quick     smaller counts and shorter runs (within about 2 minutes; the full run within 17)
#     --pg-vs-pg  self-test: the "Tusk" side is a second PostgreSQL 15 (no JDK or tusk.jar needed);
#                 results go to bench/results/<date>-storage-pg-vs-pg.md
#
# Environment: JAVA_HOME (a JDK 25; `./tusk bench` sets it), PGREF (default /work/shared/tools/pgref
# or pgref on PATH), BENCH_PG_VS_PG=1 (as --pg-vs-pg), BENCH_ROUNDS (default 3), BENCH_STEP_TIMEOUT
# (seconds, default 10 with --quick, else 120), BENCH_KEEP=1 keeps the work directory.
# Results: printed, and written to bench/results/<date>-storage.md. Run as root (PostgreSQL runs as
# user postgres; its server log and backends must be readable and killable).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MODE=full
PGVSPG=${BENCH_PG_VS_PG:-0}
for a in "$@"; do
  case $a in
    --quick) MODE=quick ;;
    --pg-vs-pg) PGVSPG=1 ;;
    -h|--help) sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench: unknown argument $a (try --help)" >&2; exit 2 ;;
  esac
done
# N_TX: rows of (a); N_MULTI: rows of (c); AUTO_S: seconds of (b); CKPT_ROWS: the table updated
# before the timed checkpoint; LOAD_S: seconds of load before the kill; T: timeout of one step (s);
# BUDGET: no new round starts after this many seconds; HARD: no measure starts after this many
# (together they keep `./tusk bench --quick` within 5 minutes and `./tusk bench` within 30).
if [ "$MODE" = quick ]; then
  N_TX=2000 N_MULTI=10000 AUTO_S=2 CKPT_ROWS=20000 LOAD_S=2 T=10 BUDGET=70 HARD=95
else
  N_TX=20000 N_MULTI=100000 AUTO_S=10 CKPT_ROWS=100000 LOAD_S=5 T=120 BUDGET=720 HARD=900
fi
# --quick runs one round: its share of the 5 minutes of `./tusk bench --quick` is about one.
if [ "$MODE" = quick ]; then ROUNDS=${BENCH_ROUNDS:-1}; else ROUNDS=${BENCH_ROUNDS:-3}; fi
T=${BENCH_STEP_TIMEOUT:-$T}
[[ $T =~ ^[1-9][0-9]*$ ]] || die "BENCH_STEP_TIMEOUT must be a whole number of seconds"
RECOVERY_TIMEOUT=$T
LOADERS=4
PER=1000

die() { echo "bench: $*" >&2; exit 1; }
log() { echo "[bench $(date +%T)] $*" >&2; }

PGBIN=/usr/lib/postgresql/15/bin
[ -x "$PGBIN/psql" ] || die "psql of PostgreSQL 15 not found in $PGBIN (apt-get install postgresql-15)"
PGREF=${PGREF:-}
if [ -z "$PGREF" ]; then
  if [ -x /work/shared/tools/pgref ]; then PGREF=/work/shared/tools/pgref; else PGREF=$(command -v pgref || true); fi
fi
[ -n "$PGREF" ] && [ -x "$PGREF" ] || die "pgref (runs the reference PostgreSQL 15) not found: set PGREF"
command -v python3 >/dev/null || die "python3 is needed (bench/storage_helper.py)"
[ "$(id -u)" = 0 ] || log "warning: not root: PostgreSQL's server log and backends (user postgres) may be out of reach"
HELPER="$HERE/bench/storage_helper.py"

if [ "$PGVSPG" != 1 ]; then
  if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ]; then
    for c in /usr/lib/jvm/*25*; do [ -x "$c/bin/java" ] && { JAVA_HOME=$c; break; }; done
  fi
  [ -x "${JAVA_HOME:-}/bin/java" ] || die "no JDK 25: set JAVA_HOME or run ./tusk bench"
  export JAVA_HOME
  [ -f "$HERE/target/tusk.jar" ] || die "target/tusk.jar is missing: run ./tusk bench, which builds it"
fi

WORK=$(mktemp -d /tmp/tusk-bench-storage.XXXXXX)
chmod 755 "$WORK" # pgref's servers run as postgres and must reach $WORK/pg
RAW="$WORK/raw.tsv"; : >"$RAW"
LABELS="$WORK/labels.tsv"; : >"$LABELS"
BG_PIDS=()   # loaders of the recovery measure, killed on exit if still there
declare -A PORT DIR LOG DOWN STARTED KIND
SIDES=(tusk pg)

# ---------------------------------------------------------------- servers

stop_tusk() { # stop -m fast, and kill what is left if that does not work (as bench/run.sh)
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
  if [ "${KIND[$s]}" = tusk ]; then stop_tusk "${DIR[$s]}"
  else "$PGREF" stop "${DIR[$s]}" >/dev/null 2>&1 || log "could not stop PostgreSQL in ${DIR[$s]}"; fi
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  for p in ${BG_PIDS[@]+"${BG_PIDS[@]}"}; do kill -KILL "$p" 2>/dev/null; done
  for s in "${SIDES[@]}"; do stop_side "$s"; done
  if [ "${BENCH_KEEP:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# shellcheck source=bench/common.sh
. "$HERE/bench/common.sh"

START=$(date +%s)
# The same storage settings on both servers; max_wal_size stays at its default. autovacuum is off on
# both so that no background vacuum or analyze runs into the timings.
COMMON=(-c shared_buffers=128MB -c max_connections=100 -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c autovacuum=off)

if [ "$PGVSPG" = 1 ]; then
  KIND[tusk]=pg; DIR[tusk]="$WORK/pg2"; LOG[tusk]="$WORK/pg2/server.log"
  TUSK_NAME="PostgreSQL 15 (as Tusk, --pg-vs-pg)" TUSK_SHORT="PG as Tusk"
  JAR_SUM=n/a
else
  # Run from a snapshot of the jar and of the tusk script, as bench/run.sh does: others may rebuild
  # target/ while this runs. The empty src/main and pom.xml, older than the jar, keep the copied
  # script from rebuilding.
  SNAP="$WORK/snapshot"
  mkdir -p "$SNAP/src/main" "$SNAP/target"
  touch "$SNAP/pom.xml"
  cp "$HERE/tusk" "$SNAP/tusk"
  for try in 1 2 3 4 5 6 7 8 9 10; do
    cp "$HERE/target/tusk.jar" "$SNAP/target/tusk.jar" 2>/dev/null && "$JAVA_HOME/bin/jar" tf "$SNAP/target/tusk.jar" >/dev/null 2>&1 && break
    [ $try = 10 ] && die "could not copy a readable target/tusk.jar"
    sleep 3
  done
  # The build's AOT cache too, if it belongs to this jar: without it, the snapshot's first
# `tusk start` would train one (a minute on a busy machine), and servers started at once would
# all train it into the same file.
[ -f "$HERE/target/tusk.aot" ] && [ "$HERE/target/tusk.aot" -nt "$HERE/target/tusk.jar" ] && cp "$HERE/target/tusk.aot" "$SNAP/target/tusk.aot"
touch "$SNAP/target/tusk.jar"; [ -f "$SNAP/target/tusk.aot" ] && touch "$SNAP/target/tusk.aot"
  TUSK="$SNAP/tusk"
  JAR_SUM=$(sha256sum "$SNAP/target/tusk.jar" | cut -c1-12)
  KIND[tusk]=tusk; DIR[tusk]="$WORK/tusk"; LOG[tusk]="$WORK/tusk/log/postgresql.log"
  TUSK_NAME=Tusk TUSK_SHORT=Tusk
fi
KIND[pg]=pg; DIR[pg]="$WORK/pg"; LOG[pg]="$WORK/pg/server.log"
PG_NAME="PostgreSQL 15"

# Starts (or restarts) a side; on failure DOWN[side] holds the reason.
start_side() {
  local s=$1 d=${DIR[$1]} out="$WORK/$1-start.log"
  [ -n "${PORT[$s]:-}" ] || PORT[$s]=$(free_port)
  STARTED[$s]=yes
  if [ "${KIND[$s]}" = tusk ]; then
    if [ ! -f "$d/PG_VERSION" ]; then
      tusk_initdb "$d" || { DOWN[$s]="initdb failed: $(grep -v '^$' "$WORK/template-initdb.log" | tail -1)"; return 1; }
    fi
    mkdir -p "$WORK/$s-sock"
    "$TUSK" start -D "$d" -p "${PORT[$s]}" "${COMMON[@]}" -c unix_socket_directories="$WORK/$s-sock" >"$out" 2>&1 \
      || { DOWN[$s]="server did not start: $(grep -v '^$' "$out" | tail -1)"; return 1; }
  else
    "$PGREF" start "$d" "${PORT[$s]}" "${COMMON[@]}" >"$out" 2>&1 \
      || { DOWN[$s]="server did not start: $(tail -1 "$d/server.log" 2>/dev/null)"; return 1; }
  fi
  DOWN[$s]=
}

# psql against a side, with a timeout: tq SIDE SECONDS [psql args...]
tq() {
  local s=$1 secs=$2; shift 2
  PGCONNECT_TIMEOUT=10 timeout -k 5 "$secs" "$PGBIN/psql" -X -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "${PORT[$s]}" -U postgres -d postgres "$@"
}

# Is the side's postmaster alive? (the data directory is DIR for Tusk, DIR/data for pgref)
pm_alive() {
  local f="${DIR[$1]}/postmaster.pid"; [ "${KIND[$1]}" = tusk ] || f="${DIR[$1]}/data/postmaster.pid"
  local pm; pm=$(sed -n 1p "$f" 2>/dev/null || true)
  [ -n "$pm" ] && kill -0 "$pm" 2>/dev/null
}

# Waits until the side answers `select 1` (it may be recovering, for up to a minute); restarts it
# once if it does not, or at once if its postmaster is gone.
ensure_up() {
  local s=$1 i
  [ -z "${DOWN[$s]:-}" ] || return 1
  for i in $(seq 1 60); do
    tq "$s" 5 -c 'select 1' >/dev/null 2>&1 && return 0
    pm_alive "$s" || break
    sleep 1
  done
  log "$s does not answer: restarting it"
  if [ "${KIND[$s]}" = tusk ]; then stop_tusk "${DIR[$s]}"; else "$PGREF" stop "${DIR[$s]}" >/dev/null 2>&1 || true; fi
  start_side "$s" || return 1
  for i in $(seq 1 30); do tq "$s" 5 -c 'select 1' >/dev/null 2>&1 && return 0; sleep 1; done
  DOWN[$s]="server does not answer select 1"; return 1
}

# ---------------------------------------------------------------- helpers for measures

lsn_bytes() { # X/Y (hex) -> byte position
  [[ $1 =~ ^[0-9A-Fa-f]+/[0-9A-Fa-f]+$ ]] || { echo "not an LSN: '$1'" >&2; return 1; }
  echo $(( (16#${1%/*} << 32) + 16#${1#*/} ))
}
now() { local t=$EPOCHREALTIME; echo "${t/,/.}"; }
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }
# The times of the "\! date +T%s.%N" markers in a psql output, one a line.
marks() { sed -n 's/^T\([0-9][0-9.]*\)$/\1/p' "$1"; }
log_size() { stat -c %s "$1" 2>/dev/null || echo 0; }
log_since() { tail -c +"$(( $2 + 1 ))" "$1" 2>/dev/null || true; }

# The first meaningful line of a failed step's stderr, for the table.
first_error() {
  local line
  line=$(grep -v '^[[:space:]]*$' "$1" 2>/dev/null | grep -v '^\(LINE\|HINT\|DETAIL\|CONTEXT\)' | head -1 || true)
  line=$(printf '%s' "$line" | sed -e 's/^psql:[^:]*:[0-9]*: //' -e 's/^psql: error: //' -e 's/^ERROR:  //' | cut -c1-140)
  echo "${line:-failed with no message}"
}

# One psql step of a measure, with the step timeout: step SIDE OUTFILE [psql args...]. Fails if
# psql does; OUTFILE.err then holds psql's messages or "timed out after T s".
step() {
  local s=$1 out=$2 rc=0; shift 2
  tq "$s" "$T" "$@" >"$out" 2>"$out.err" || rc=$?
  if [ $rc = 124 ] || [ $rc = 137 ]; then echo "timed out after $T s" >"$out.err"; return 1; fi
  [ $rc = 0 ] || return 1
}

# put KEY VALUE: a sample of the measure now running (SIDE, ROUND from run_measure).
put() { printf '%s\t%s\t%s\tok\t%s\n' "$1" "$CUR_SIDE" "$CUR_ROUND" "$2" >>"$RAW"; }
label() { printf '%s\t%s\n' "$1" "$2" >>"$LABELS"; }

# ---------------------------------------------------------------- measures
# Each prints nothing, records samples with put, and on failure writes the reason to $ERRF and
# returns non-zero. Tables are new in every round (names with the round), so no DROP is needed.

declare -A TIMED_OUT

gen_files() {
  python3 "$HELPER" tx "$N_TX" "$WORK/tx.sql"
  python3 "$HELPER" multi "$N_MULTI" "$PER" "$WORK/multi.sql"
  python3 "$HELPER" multi "$CKPT_ROWS" "$PER" "$WORK/ckpt.sql"
}

# (a) and the WAL per row: one session: LSN, marker, the file (one transaction), marker, LSN.
m_tx() { # SIDE ROUND pk|noidx
  local s=$1 r=$2 kind=$3 tbl="bench_ins_${3}_r$2" o="$WORK/$1-tx-$3-$2"
  local def="id int primary key, pad text"; [ "$kind" = noidx ] && def="id int, pad text"
  step "$s" "$o.create" -c "create table $tbl($def)" || { first_error "$o.create.err" >"$ERRF"; return 1; }
  step "$s" "$o" -v tbl="$tbl" -c 'select pg_current_wal_lsn()' -c '\! date +T%s.%N' -f "$WORK/tx.sql" \
    -c '\! date +T%s.%N' -c 'select pg_current_wal_lsn()' || { first_error "$o.err" >"$ERRF"; return 1; }
  local t; t=($(marks "$o")); local l; l=($(grep -E '^[0-9A-Fa-f]+/[0-9A-Fa-f]+$' "$o" || true))
  [ ${#t[@]} = 2 ] || { echo "no timing markers in psql's output" >"$ERRF"; return 1; }
  put "tx_${kind}_rate" "$(calc "$N_TX / (${t[1]} - ${t[0]})")"
  [ ${#l[@]} = 2 ] || { echo "pg_current_wal_lsn() gave no LSN: $(head -c 100 "$o" | tr '\n' ' ')" >"$ERRF"; return 1; }
  local b0 b1; b0=$(lsn_bytes "${l[0]}" 2>"$ERRF") && b1=$(lsn_bytes "${l[1]}" 2>"$ERRF") || return 1
  local diff=$(( b1 - b0 ))
  # On PostgreSQL, pg_wal_lsn_diff must agree with the script's own arithmetic (used for Tusk).
  if [ "$s" = pg ]; then
    step "$s" "$o.diff" -c "select pg_wal_lsn_diff('${l[1]}', '${l[0]}')" || { first_error "$o.diff.err" >"$ERRF"; return 1; }
    [ "$(cat "$o.diff")" = "$diff" ] || { echo "pg_wal_lsn_diff says $(cat "$o.diff"), the script $diff" >"$ERRF"; return 1; }
  fi
  put "tx_${kind}_wal" "$(calc "$diff / $N_TX")"
}

# (b): a stream of autocommit INSERTs for AUTO_S seconds, rows = INSERT tags psql printed between
# its two markers.
m_auto() {
  local s=$1 r=$2 tbl="bench_ins_auto_r$2" o="$WORK/$1-auto-$2"
  step "$s" "$o.create" -c "create table $tbl(id int primary key, pad text)" || { first_error "$o.create.err" >"$ERRF"; return 1; }
  local rc=0
  python3 "$HELPER" stream 1 "$AUTO_S" | tq "$s" "$(( AUTO_S + T ))" -v tbl="$tbl" >"$o" 2>"$o.err" || rc=$?
  [ $rc = 0 ] || { if [ $rc = 124 ] || [ $rc = 137 ]; then echo "timed out after $(( AUTO_S + T )) s" >"$ERRF"; else first_error "$o.err" >"$ERRF"; fi; return 1; }
  local t; t=($(marks "$o"))
  [ ${#t[@]} = 2 ] || { echo "no timing markers in psql's output" >"$ERRF"; return 1; }
  local n; n=$(grep -c '^INSERT 0 1$' "$o" || true)
  [ "$n" -gt 0 ] || { echo "no row inserted" >"$ERRF"; return 1; }
  put auto_rate "$(calc "$n / (${t[1]} - ${t[0]})")"
}

# (c): INSERT ... VALUES of PER rows per statement, each statement its own transaction.
m_multi() {
  local s=$1 r=$2 tbl="bench_ins_multi_r$2" o="$WORK/$1-multi-$2"
  step "$s" "$o.create" -c "create table $tbl(id int primary key, pad text)" || { first_error "$o.create.err" >"$ERRF"; return 1; }
  step "$s" "$o" -q -v tbl="$tbl" -c '\! date +T%s.%N' -f "$WORK/multi.sql" -c '\! date +T%s.%N' || { first_error "$o.err" >"$ERRF"; return 1; }
  local t; t=($(marks "$o"))
  [ ${#t[@]} = 2 ] || { echo "no timing markers in psql's output" >"$ERRF"; return 1; }
  put multi_rate "$(calc "$N_MULTI / (${t[1]} - ${t[0]})")"
}

# Checkpoint: fill a table (one transaction), CHECKPOINT (untimed, so that only the UPDATE's pages
# are dirty), UPDATE all rows, then the timed CHECKPOINT, all in one session.
m_ckpt() {
  local s=$1 r=$2 tbl="bench_ckpt_r$2" o="$WORK/$1-ckpt-$2"
  step "$s" "$o.create" -c "create table $tbl(id int primary key, pad text)" || { first_error "$o.create.err" >"$ERRF"; return 1; }
  step "$s" "$o.fill" -q -v tbl="$tbl" -c begin -f "$WORK/ckpt.sql" -c commit || { first_error "$o.fill.err" >"$ERRF"; return 1; }
  local off; off=$(log_size "${LOG[$s]}")
  step "$s" "$o" -q -c checkpoint -c '\! date +T%s.%N' \
    -c "update $tbl set pad = 'updated-$(printf '%092d' 0)'" -c '\! date +T%s.%N' -c checkpoint -c '\! date +T%s.%N' \
    || { first_error "$o.err" >"$ERRF"; return 1; }
  local t; t=($(marks "$o"))
  [ ${#t[@]} = 3 ] || { echo "no timing markers in psql's output" >"$ERRF"; return 1; }
  put ckpt_update "$(calc "$CKPT_ROWS / (${t[1]} - ${t[0]})")"
  put ckpt_ms "$(calc "(${t[2]} - ${t[1]}) * 1000")"
  # "checkpoint complete: wrote N buffers" of the last checkpoint (the timed one), if the server
  # logs it (PostgreSQL 15 does: log_checkpoints is on by default).
  local w; w=$(log_since "${LOG[$s]}" "$off" | sed -n 's/.*checkpoint complete: wrote \([0-9]*\) buffers.*/\1/p' | tail -1)
  [ -n "$w" ] && put ckpt_bufs "$w"
  return 0
}

# Recovery: LOADERS clients insert (autocommit) for LOAD_S seconds after a checkpoint; kill -9 of
# one loader's backend; poll `select 1` on new connections. A success counts only when the log
# already showed the crash being handled ("terminating any other active server processes") before
# that attempt began, so that a connection to the server before it noticed the crash does not count.
m_recovery() {
  local s=$1 r=$2 tbl="bench_rec_r$2" o="$WORK/$1-rec-$2"
  step "$s" "$o.create" -c "create table $tbl(id int primary key, pad text)" -c checkpoint || { first_error "$o.create.err" >"$ERRF"; return 1; }
  local c gpids=() ppids=() t0
  t0=$(now)
  for c in $(seq 1 $LOADERS); do
    mkfifo "$o.fifo$c"
    python3 "$HELPER" stream $(( c * 100000000 + 1 )) $(( LOAD_S + RECOVERY_TIMEOUT + 60 )) >"$o.fifo$c" 2>/dev/null &
    gpids+=($!)
    PGAPPNAME=bench_loader tq "$s" $(( LOAD_S + RECOVERY_TIMEOUT + 60 )) -v tbl="$tbl" <"$o.fifo$c" >"$o.load$c" 2>"$o.load$c.err" &
    ppids+=($!)
  done
  BG_PIDS+=("${gpids[@]}" "${ppids[@]}")
  sleep "$LOAD_S"
  local pid rc=0
  pid=$(tq "$s" 10 -c "select pid from pg_stat_activity where application_name = 'bench_loader' and backend_type = 'client backend' order by pid limit 1" 2>"$o.pid.err") || rc=$?
  if [ $rc != 0 ] || ! [[ $pid =~ ^[0-9]+$ ]]; then
    if [ $rc != 0 ]; then first_error "$o.pid.err" >"$ERRF"
    else echo "no loader backend in pg_stat_activity; loader: $(first_error "$o.load1.err")" >"$ERRF"; fi
    kill "${gpids[@]}" "${ppids[@]}" 2>/dev/null; wait "${gpids[@]}" "${ppids[@]}" 2>/dev/null
    return 1
  fi
  local off; off=$(log_size "${LOG[$s]}")
  local tk; tk=$(now)
  if ! kill -KILL "$pid"; then
    echo "could not kill backend $pid" >"$ERRF"
    kill "${gpids[@]}" "${ppids[@]}" 2>/dev/null; wait "${gpids[@]}" "${ppids[@]}" 2>/dev/null
    return 1
  fi
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
  # The loaders lost their connections with the crash; the generators end on the broken pipe.
  local i; for i in $(seq 1 50); do
    local left=0; for p in "${ppids[@]}"; do kill -0 "$p" 2>/dev/null && left=1; done
    [ $left = 0 ] && break; sleep 0.1
  done
  kill "${gpids[@]}" "${ppids[@]}" 2>/dev/null; wait "${gpids[@]}" "${ppids[@]}" 2>/dev/null
  if [ $ok = no ]; then
    if [ $seen = no ]; then echo "the server log shows no crash handling within $RECOVERY_TIMEOUT s after kill -9 of backend $pid" >"$ERRF"
    else echo "no successful select 1 within $RECOVERY_TIMEOUT s after kill -9 of backend $pid" >"$ERRF"; fi
    return 1
  fi
  local n=0; for c in $(seq 1 $LOADERS); do n=$(( n + $(grep -c '^INSERT 0 1$' "$o.load$c" || true) )); done
  put rec_load "$(calc "$n / ($tk - $t0)")"
  put rec_ms "$(calc "($tend - $tk) * 1000")"
  local since; since=$(log_since "${LOG[$s]}" "$off")
  local a b
  a=$(printf '%s\n' "$since" | sed -n 's/.*redo starts at \([0-9A-Fa-f]*\/[0-9A-Fa-f]*\).*/\1/p' | head -1)
  b=$(printf '%s\n' "$since" | sed -n 's/.*redo done at \([0-9A-Fa-f]*\/[0-9A-Fa-f]*\).*/\1/p' | head -1)
  if [ -n "$a" ] && [ -n "$b" ]; then
    local ba bb; ba=$(lsn_bytes "$a" 2>"$ERRF") && bb=$(lsn_bytes "$b" 2>"$ERRF") || return 1
    put rec_wal "$(calc "($bb - $ba) / 1024")"
  elif printf '%s\n' "$since" | grep -q 'redo is not required'; then
    put rec_wal 0
  else
    echo "no \"redo starts at\" / \"redo done at\" lines in the server log" >"$ERRF"; return 1
  fi
}

# run_measure NAME FUNCTION SIDE ROUND [args] KEYS...: runs it unless the side is down or timed out
# before; records an error sample for every key of the measure that got no sample.
run_measure() {
  local name=$1 fn=$2 s=$3 r=$4 arg=$5; shift 5
  local keys=("$@") msg=
  CUR_SIDE=$s; CUR_ROUND=$r; ERRF="$WORK/err.$name.$s.$r"; : >"$ERRF"
  local before; before=$(wc -l <"$RAW")
  # The first round always runs to its end (every row gets a figure, even on a loaded machine,
  # which then takes longer than the budget); later rounds stop at the budget.
  if [ "$r" -gt 1 ] && [ $(( $(date +%s) - START )) -gt $HARD ]; then
    msg="not run: the time budget of $HARD s was spent"
  elif [ -n "${TIMED_OUT[$name.$s]:-}" ]; then
    msg="${TIMED_OUT[$name.$s]} (in an earlier round; not run again)"
  elif ! ensure_up "$s"; then
    msg="${DOWN[$s]}"
  else
    local t0; t0=$(date +%s)
    if ! "$fn" "$s" "$r" $arg; then
      msg=$(head -1 "$ERRF"); msg=${msg:-failed}
      [[ $msg == *"timed out"* ]] && TIMED_OUT[$name.$s]=$msg
    fi
    log "  $name on $s: $(( $(date +%s) - t0 )) s${msg:+ — error: $msg}"
  fi
  [ -z "$msg" ] && return 0
  local k; for k in "${keys[@]}"; do
    tail -n +"$(( before + 1 ))" "$RAW" | cut -f1 | grep -qx "$k" \
      || printf '%s\t%s\t%s\terror\t%s\n' "$k" "$s" "$r" "$(printf '%s' "$msg" | tr '\t\n' '  ')" >>"$RAW"
  done
}

# ---------------------------------------------------------------- the run

label tx_pk_rate "(a) $N_TX single-row INSERTs in one transaction, one psql session, \`id int primary key\` (rows/s)"
label tx_noidx_rate "(a) same, table without primary key or index (rows/s)"
label auto_rate "(b) autocommit single-row INSERTs (one commit with fsync each) for $AUTO_S s (rows/s)"
label multi_rate "(c) INSERT ... VALUES of $PER rows per statement (each its own transaction), $N_MULTI rows (rows/s)"
label tx_pk_wal "WAL per inserted row in (a), primary key (bytes)"
label tx_noidx_wal "WAL per inserted row in (a), no index (bytes)"
label ckpt_ms "CHECKPOINT after an UPDATE of all rows of a $CKPT_ROWS-row table, as the client sees it (ms)"
label ckpt_bufs "… buffers that checkpoint wrote (server log \"checkpoint complete: wrote N buffers\")"
label ckpt_update "… the UPDATE itself (rows/s)"
label rec_ms "recovery: kill -9 of a loader's backend to the first successful \`select 1\` (ms)"
label rec_wal "… WAL replayed (\"redo starts at\" to \"redo done at\" in the server log) (KiB)"
label rec_load "… insert rate of the $LOADERS autocommit loaders in the $LOAD_S s before the kill (rows/s)"

log "mode $MODE$([ "$PGVSPG" = 1 ] && echo ', pg-vs-pg self-test'): work dir $WORK"
gen_files
for s in "${SIDES[@]}"; do
  if start_side "$s"; then log "started $s on port ${PORT[$s]}"; else log "$s: ${DOWN[$s]}"; fi
done

ROUNDS_DONE=0
for r in $(seq 1 "$ROUNDS"); do
  if [ $r -gt 1 ] && [ $(( $(date +%s) - START )) -gt $BUDGET ]; then
    log "time budget of $BUDGET s spent: no round $r"; break
  fi
  if [ $(( r % 2 )) = 1 ]; then order=(tusk pg); else order=(pg tusk); fi
  log "round $r of $ROUNDS (order: ${order[*]})"
  for s in "${order[@]}"; do run_measure tx_pk m_tx "$s" "$r" pk tx_pk_rate tx_pk_wal; done
  for s in "${order[@]}"; do run_measure tx_noidx m_tx "$s" "$r" noidx tx_noidx_rate tx_noidx_wal; done
  for s in "${order[@]}"; do run_measure auto m_auto "$s" "$r" "" auto_rate; done
  for s in "${order[@]}"; do run_measure multi m_multi "$s" "$r" "" multi_rate; done
  for s in "${order[@]}"; do run_measure ckpt m_ckpt "$s" "$r" "" ckpt_ms ckpt_bufs ckpt_update; done
  for s in "${order[@]}"; do run_measure recovery m_recovery "$s" "$r" "" rec_ms rec_wal rec_load; done
  ROUNDS_DONE=$r
done

# Settings as each server reports them.
SETTINGS=(server_version shared_buffers fsync synchronous_commit full_page_writes wal_sync_method max_wal_size checkpoint_timeout autovacuum wal_level)
SETTINGS_TABLE="$WORK/settings.md"
{
  echo "| setting | $TUSK_NAME | $PG_NAME |"
  echo "|---|---|---|"
  for g in "${SETTINGS[@]}"; do
    row="| $g |"
    for s in "${SIDES[@]}"; do
      v=$(ensure_up "$s" >/dev/null 2>&1 && tq "$s" 10 -c "show $g" 2>/dev/null | head -1 || true)
      row="$row ${v:-n/a} |"
    done
    echo "$row"
  done
} >"$SETTINGS_TABLE"

TABLE="$WORK/table.md"
python3 "$HELPER" table "$RAW" "$LABELS" "$TUSK_NAME" "$PG_NAME" "$TUSK_SHORT" PG >"$TABLE"

TODAY=$(date +%F)
mkdir -p "$HERE/bench/results"
if [ "$PGVSPG" = 1 ]; then OUT="$HERE/bench/results/$TODAY-storage-pg-vs-pg.md"; else OUT="$HERE/bench/results/$TODAY-storage.md"; fi
COMMIT=$(cd "$HERE" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -n "$(cd "$HERE" && git status --porcelain -- src pom.xml 2>/dev/null)" ] && COMMIT="$COMMIT (with uncommitted changes)"
{
  if [ "$PGVSPG" = 1 ]; then
    echo "# Storage: PostgreSQL 15 vs PostgreSQL 15 (self-test of bench/storage.sh, --pg-vs-pg)"
  else
    echo "# Storage: Tusk vs PostgreSQL 15"
  fi
  echo
  echo "\`bench/storage.sh$([ "$MODE" = quick ] && echo ' --quick')$([ "$PGVSPG" = 1 ] && echo ' --pg-vs-pg')\` on $(date '+%F %T %Z'), commit $COMMIT, tusk.jar sha256 $JAR_SUM;"
  echo "$ROUNDS_DONE interleaved rounds (of $ROUNDS). Settings on both servers: **fsync=on**, synchronous_commit=on,"
  echo "full_page_writes=on, shared_buffers=128MB, max_wal_size default, autovacuum=off (as they report them below)."
  echo
  cat "$TABLE"
  echo
  echo "Settings as the servers report them (\`SHOW\`):"
  echo
  cat "$SETTINGS_TABLE"
  echo
  echo "How: one server of each kind, started fresh (Tusk by \`./tusk initdb -U postgres --auth trust\` +"
  echo "\`./tusk start\`, PostgreSQL 15 by \`pgref\`, both with \`${COMMON[*]}\`), driven by psql 15 over"
  echo "TCP to 127.0.0.1. Each round runs every measure on both servers (order alternating by round) into"
  echo "new tables \`(id int primary key, pad text)\` with a 100-character pad. Times come from"
  echo "\`\\! date\` markers that psql runs inside the session, so they leave out psql's start and the"
  echo "connection. (a): a generated file \`BEGIN; $N_TX x INSERT ...; COMMIT\`. WAL per row:"
  echo "\`pg_current_wal_lsn()\` before and after (a), difference computed by the script from the X/Y"
  echo "texts (checked against \`pg_wal_lsn_diff\` on PostgreSQL), divided by $N_TX. (b): INSERTs"
  echo "streamed to psql for $AUTO_S s, rows counted from psql's \`INSERT 0 1\` tags. (c): $((N_MULTI / PER))"
  echo "statements of $PER rows. Checkpoint: the table is filled in one transaction, an untimed"
  echo "CHECKPOINT, \`UPDATE\` of every row's pad, then the timed \`CHECKPOINT\`. Recovery: after a"
  echo "CHECKPOINT, $LOADERS psql sessions stream autocommit INSERTs for $LOAD_S s; \`kill -9\` of the"
  echo "lowest loader pid in \`pg_stat_activity\`; from the kill, \`select 1\` on a new connection is"
  echo "tried every ~10 ms, and counts once the server log has shown \"terminating any other active"
  echo "server processes\"; WAL replayed = \"redo done at\" − \"redo starts at\" (start of the last"
  echo "record replayed). A measure that fails reports its first error line; a step that times out"
  echo "($T s) is not run again in later rounds; no round after the first starts after $BUDGET s, no measure of those after $HARD s."
  echo "\"n/a\": the server did not say (no \"checkpoint complete\" line in its log)."
  echo
  echo "Machine: $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)), $(free -g | awk '/^Mem:/{print $2}') GiB RAM,"
  echo "Linux $(uname -r), $(df -PT "$WORK" | awk 'NR==2{print $2}') file system for the data directories,"
  echo "$([ "$PGVSPG" = 1 ] || "$JAVA_HOME/bin/java" -version 2>&1 | sed -n 2p | sed 's/$/, /')$("$PGBIN/postgres" --version)."
  echo "Run took $(( $(date +%s) - START )) s."
} >"$OUT"
cat "$OUT"
log "results written to ${OUT#$HERE/}"
