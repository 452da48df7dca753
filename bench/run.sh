#!/usr/bin/env bash
# bench/run.sh: Tusk next to PostgreSQL 15, in the same run (run through `./tusk bench [--quick]`).
#
# Connect-to-first-query latency (median, p99) through a spare backend, through a cold JVM start
# (backend_spares=0), under churn (back-to-back connections, spares run out), and with
# backend_reuse=on (a backend whose client left cleanly becomes a spare again; paused and under
# churn), and the PSS of an idle backend, of a spare and of the postmaster (from
# /proc/PID/smaps_rollup), for Tusk and for PostgreSQL 15 from the machine's packages. Tusk and
# PostgreSQL are measured in interleaved rounds (the machine is noisy); the table gives medians over
# all rounds and the ratio Tusk/PG.
#
#   bench/run.sh [--quick]      --quick: fewer iterations, about 1.5 minutes; default under 12 minutes
#
# Environment: JAVA_HOME (a JDK 25; `./tusk bench` sets it), PGREF (default
# /work/shared/tools/pgref or pgref on PATH), BENCH_PAUSE_MS (pause between connections in the
# "through a spare", reuse and cold series, default 300), BENCH_KEEP=1 keeps the work directory.
# Results: printed, and written to bench/results/<date>-connect.md. Run as root (PostgreSQL runs
# as user postgres, and reading its /proc/PID/smaps_rollup needs root).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MODE=full
for a in "$@"; do
  case $a in
    --quick) MODE=quick ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench: unknown argument $a (try --help)" >&2; exit 2 ;;
  esac
done
# --quick's share of the 5 minutes of `./tusk bench --quick` is about 90 s. PostgreSQL's paused
# series was most of it (100 connections x 300 ms of pause = 30 s); 45 samples still give a steady
# median of a fork, which varies little, and the Tusk series keep a sample per round of each kind.
# The memory phase opens 4 idle sessions per server (10 cold JVMs on the backend_spares=0 server
# were ~20 s); the per-connection slope of the whole server is the pgbench part's.
# --quick runs 2 rounds instead of 3 (each ~30 s on a quiet machine), with the same samples per round.
if [ "$MODE" = quick ]; then N_SPARE=16 N_COLD=6 N_PG=30 IDLE=4 MEM_ROUNDS=1 ROUNDS=2; else N_SPARE=120 N_COLD=36 N_PG=300 IDLE=10 MEM_ROUNDS=3 ROUNDS=3; fi
PAUSE_MS=${BENCH_PAUSE_MS:-300}

die() { echo "bench: $*" >&2; exit 1; }
log() { echo "[bench $(date +%T)] $*" >&2; }

if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ]; then
  for c in /usr/lib/jvm/*25*; do [ -x "$c/bin/java" ] && { JAVA_HOME=$c; break; }; done
fi
[ -x "${JAVA_HOME:-}/bin/java" ] || die "no JDK 25: set JAVA_HOME or run ./tusk bench"
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
[ -f "$HERE/target/tusk.jar" ] || die "target/tusk.jar is missing: run ./tusk bench, which builds it"
PGREF=${PGREF:-}
if [ -z "$PGREF" ]; then
  if [ -x /work/shared/tools/pgref ]; then PGREF=/work/shared/tools/pgref; else PGREF=$(command -v pgref || true); fi
fi
[ -n "$PGREF" ] && [ -x "$PGREF" ] || die "pgref (runs the reference PostgreSQL 15) not found: set PGREF"
[ "$(id -u)" = 0 ] || log "warning: not root, the PSS of PostgreSQL's processes (user postgres) cannot be read"

WORK=$(mktemp -d /tmp/tusk-bench.XXXXXX)
chmod 755 "$WORK" # pgref's server runs as postgres and must reach $WORK/pg
TUSK_DIRS=()
PG_STARTED=no
DRIVER=

stop_tusk() { # stop -m fast, and kill what is left if that does not work
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

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  [ -n "$DRIVER" ] && { kill "$DRIVER" 2>/dev/null; wait "$DRIVER" 2>/dev/null; }
  for d in ${TUSK_DIRS[@]+"${TUSK_DIRS[@]}"}; do stop_tusk "$d"; done
  [ $PG_STARTED = yes ] && { "$PGREF" stop "$WORK/pg" >/dev/null 2>&1 || log "could not stop PostgreSQL in $WORK/pg"; }
  if [ "${BENCH_KEEP:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# shellcheck source=bench/common.sh
. "$HERE/bench/common.sh"

START=$(date +%s)
# Run the servers from a snapshot of the jar and of the tusk script: others may rebuild target/ while
# this runs, and backends started from a half-written or newer jar would break or skew the run. The
# empty src/main and pom.xml, older than the jar, keep the copied script from rebuilding.
SNAP="$WORK/snapshot"
mkdir -p "$SNAP/src/main" "$SNAP/target"
touch "$SNAP/pom.xml"
cp "$HERE/tusk" "$SNAP/tusk"
for try in 1 2 3 4 5 6 7 8 9 10; do # a build may be rewriting it right now
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
# Same settings for all servers (these are also their defaults). fsync is irrelevant: no writes.
COMMON=(-c shared_buffers=128MB -c max_connections=100)

start_tusk() { # NAME PORT [more -c ...]
  local name=$1 port=$2; shift 2
  local d="$WORK/$name"
  tusk_initdb "$d" || die "tusk initdb failed: $(tail -3 "$WORK/template-initdb.log" 2>/dev/null)"
  mkdir -p "$WORK/$name-sock"
  "$TUSK" start -D "$d" -p "$port" "${COMMON[@]}" -c unix_socket_directories="$WORK/$name-sock" "$@" >"$WORK/$name-start.log" 2>&1 \
    || { cat "$WORK/$name-start.log" >&2; return 1; }
}

P_TUSK=$(free_port); P_COLD=$(free_port); P_REUSE=$(free_port); P_PG=$(free_port)
log "mode $MODE: starting Tusk on port $P_TUSK (backend_spares=2), Tusk on port $P_COLD (backend_spares=0), Tusk on port $P_REUSE (backend_spares=2, backend_reuse=on), PostgreSQL 15 on port $P_PG; work dir $WORK"
# One initdb (or the run's template), then the four servers start at once: nothing is measured yet.
tusk_template || die "tusk initdb failed: $(tail -3 "$WORK/template-initdb.log" 2>/dev/null)"
TUSK_DIRS+=("$WORK/tusk" "$WORK/tuskcold" "$WORK/tuskreuse")
PG_STARTED=yes
T0=$(date +%s)
start_tusk tusk "$P_TUSK" -c backend_spares=2 & S1=$!
start_tusk tuskcold "$P_COLD" -c backend_spares=0 & S2=$!
start_tusk tuskreuse "$P_REUSE" -c backend_spares=2 -c backend_reuse=on & S3=$!
"$PGREF" start "$WORK/pg" "$P_PG" "${COMMON[@]}" >/dev/null & S4=$!
for p in $S1 $S2 $S3; do wait "$p" || die "tusk start failed"; done
wait "$S4" || die "could not start PostgreSQL 15 (see $WORK/pg/server.log)"
log "servers started in $(( $(date +%s) - T0 )) s"

log "measuring: $ROUNDS interleaved rounds; Tusk $N_SPARE through a spare + $N_SPARE churn, $N_COLD cold, $N_SPARE with reuse + $N_SPARE reuse churn; PostgreSQL $N_PG paused + $N_PG churn; pause ${PAUSE_MS} ms"
TABLE="$WORK/table.md"
# In the background and waited for, so that a signal to this script runs the cleanup at once.
"$JAVA" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx64m "$HERE/bench/ConnectBench.java" \
  --server "tusk=$P_TUSK:$WORK/tusk" --server "tuskcold=$P_COLD:$WORK/tuskcold" --server "tuskreuse=$P_REUSE:$WORK/tuskreuse" --server "pg=$P_PG:$WORK/pg/data" \
  --spare "$N_SPARE" --cold "$N_COLD" --pg "$N_PG" --rounds "$ROUNDS" --memory-rounds "$MEM_ROUNDS" --pause-ms "$PAUSE_MS" --idle "$IDLE" --user postgres --raw "$WORK/raw.txt" >"$TABLE" &
DRIVER=$!
wait $DRIVER || die "the driver (bench/ConnectBench.java) failed"
DRIVER=

TODAY=$(date +%F)
mkdir -p "$HERE/bench/results"
OUT="$HERE/bench/results/$TODAY-connect.md"
COMMIT=$(cd "$HERE" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -n "$(cd "$HERE" && git status --porcelain -- src pom.xml 2>/dev/null)" ] && COMMIT="$COMMIT (with uncommitted changes)"
{
  echo "# Connection latency and backend memory: Tusk vs PostgreSQL 15"
  echo
  echo "\`./tusk bench$([ "$MODE" = quick ] && echo ' --quick')\` on $(date '+%F %T %Z'), Tusk commit $COMMIT, tusk.jar sha256 $JAR_SUM."
  echo
  cat "$TABLE"
  echo
  echo "How: each server is started fresh (\`./tusk initdb -U postgres --auth trust\` + \`./tusk start\` with"
  echo "\`${COMMON[*]}\`, once with \`backend_spares=2\`, once with \`backend_spares=0\` and once with"
  echo "\`backend_spares=2 backend_reuse=on\`, so that a backend whose client left cleanly becomes a spare"
  echo "again; PostgreSQL 15 by \`pgref\` with the same settings, trust auth). Latency: from \`connect()\` to the"
  echo "ReadyForQuery after the CommandComplete of \`select 1\`, over TCP to 127.0.0.1, by a client that speaks"
  echo "the protocol itself (\`bench/ConnectBench.java\`). \"Through a spare\", \"cold\" and the paused"
  echo "\`backend_reuse=on\` connections are sequential with a ${PAUSE_MS} ms pause after each (so spares refill;"
  echo "PostgreSQL's column is its own paused series in all these rows, since PostgreSQL forks for every"
  echo "connection); \"under churn\" connections are back to back (PostgreSQL's column: its own churn series)."
  echo "$ROUNDS interleaved rounds (Tusk spare, PostgreSQL, Tusk reuse, Tusk cold, Tusk churn, PostgreSQL"
  echo "churn, Tusk reuse churn, and memory in the last $MEM_ROUNDS of them), after 3 uncounted warm-up connections per server; the reuse"
  echo "server's processes keep serving sessions across rounds, and its pool only grows (to the most"
  echo "sessions open at once, plus spares). PSS: \`Pss:\` of \`/proc/PID/smaps_rollup\`, with $IDLE idle"
  echo "sessions open per server (backend pid from \`select pg_backend_pid()\`), 2 s after they connected;"
  echo "spares are read with no session open (on the \`backend_spares=2\` server only). p99 is nearest-rank"
  echo "(with few samples, it is close to the maximum)."
  echo
  echo "Machine: $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)), $(free -g | awk '/^Mem:/{print $2}') GiB RAM,"
  echo "Linux $(uname -r), $("$JAVA" -version 2>&1 | sed -n 2p), $(/usr/lib/postgresql/15/bin/postgres --version)."
  echo "Run took $(( $(date +%s) - START )) s."
} >"$OUT"
[ "${BENCH_KEEP:-0}" = 1 ] && log "every sample: $WORK/raw.txt"
cat "$OUT"
log "results written to ${OUT#$HERE/}"
