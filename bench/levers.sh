#!/usr/bin/env bash
# bench/levers.sh: backend JVM flag sets side by side, with PostgreSQL 15 in the same run
# (`./tusk bench --levers [--quick]`).
#
# For each flag set: an AOT cache trained with exactly those flags (as the build does for the
# default), one Tusk server whose backend_jvm_options are the set plus -XX:AOTCache of that cache,
# and, in interleaved rounds:
#   - PSS of an idle backend (median of K idle sessions, 2 s after they connected), split into
#     anonymous and file-backed pages (Pss_Anon, Pss_File of /proc/PID/smaps_rollup);
#   - connect to first query through a spare (N sequential connections, 300 ms apart), median;
#   - per-query speed on a fresh session: one psql session creates a table, runs 2000 single-row
#     INSERTs in one transaction and 200 `select count(*)` over it (time between \! date markers).
# PostgreSQL 15 runs the same measures in every round.
#
#   bench/levers.sh [--quick]       --quick: 2 rounds, fewer sessions (about 3 minutes)
#
# Environment: JAVA_HOME, PGREF (as bench/run.sh), BENCH_LEVER_SETS (a file of "name|flags" lines
# replacing the built-in list), BENCH_KEEP=1 keeps the work directory. Results: printed and written
# to bench/results/<date>-levers.md. Run as root.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MODE=full
for a in "$@"; do
  case $a in
    --quick) MODE=quick ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench: unknown argument $a (try --help)" >&2; exit 2 ;;
  esac
done
if [ "$MODE" = quick ]; then ROUNDS=2 IDLE=5 NCONN=8; else ROUNDS=3 IDLE=10 NCONN=20; fi
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
PGBIN=/usr/lib/postgresql/15/bin
H="$HERE/bench/pgbench_helper.py"

WORK=$(mktemp -d /tmp/tusk-bench-levers.XXXXXX)
chmod 755 "$WORK"
TUSK_DIRS=()
PG_STARTED=no
stop_tusk() {
  local d=$1 pm
  [ -f "$d/postmaster.pid" ] || return 0
  pm=$(sed -n 1p "$d/postmaster.pid" 2>/dev/null || true)
  PGCTLTIMEOUT=30 "$TUSK" stop -D "$d" -m fast >/dev/null 2>&1 && return 0
  if [ -n "$pm" ] && kill -0 "$pm" 2>/dev/null; then
    for c in $(ps -o pid= --ppid "$pm" 2>/dev/null); do kill -KILL "$c" 2>/dev/null || true; done
    kill -KILL "$pm" 2>/dev/null || true
  fi
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  for d in ${TUSK_DIRS[@]+"${TUSK_DIRS[@]}"}; do stop_tusk "$d"; done
  [ $PG_STARTED = yes ] && "$PGREF" stop "$WORK/pg" >/dev/null 2>&1
  if [ "${BENCH_KEEP:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# shellcheck source=bench/common.sh
. "$HERE/bench/common.sh"

START=$(date +%s)
SNAP="$WORK/snapshot"
mkdir -p "$SNAP/src/main" "$SNAP/target"
touch "$SNAP/pom.xml"
cp "$HERE/tusk" "$SNAP/tusk"
cp "$HERE/target/tusk.jar" "$SNAP/target/tusk.jar"
touch "$SNAP/target/tusk.jar"
TUSK="$SNAP/tusk"
JAR="$SNAP/target/tusk.jar"
DEFAULT=$("$JAVA" -cp "$JAR" org.tusk.main.Main backend-jvm-options)

# The flag sets: name|flags[|VAR=value ...], the last part environment variables of the server (its
# children inherit them). "default" is backend_jvm_options' default as built.
SETS=()
if [ -n "${BENCH_LEVER_SETS:-}" ]; then
  while IFS= read -r l; do [ -n "$l" ] && SETS+=("$l"); done <"$BENCH_LEVER_SETS"
else
  # The default maps the AOT cache unrelocated; BASE is the same without that (the JDK's own
  # behaviour, and Tusk's default before), and the other sets add one lever each to the default.
  NOREL="-XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0"
  BASE=${DEFAULT/ $NOREL/}
  SETS=(
    "default|$DEFAULT"
    "AOT cache relocated (JDK default; Tusk's default before)|$BASE"
    "C1 only (Tusk's default before session 19)|$DEFAULT -XX:TieredStopAtLevel=1"
    "+ native heap trim every 2 s|$DEFAULT -XX:TrimNativeHeapInterval=2000"
    "+ smaller limits (-Xss512k, code cache 16m, metaspace 64m, -Xmx256m)|${DEFAULT/-Xss1m/-Xss512k} -XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=64m -Xmx256m"
    "+ -Xint|$DEFAULT -Xint"
    "+ glibc MALLOC_ARENA_MAX=1|$DEFAULT|MALLOC_ARENA_MAX=1"
  )
fi
NSETS=${#SETS[@]}

COMMON=(-c shared_buffers=128MB -c max_connections=100 -c fsync=on -c synchronous_commit=on)
declare -a PORTS NAMES FLAGS ENVS
log "mode $MODE: $NSETS flag sets, $ROUNDS rounds; training an AOT cache for each (work dir $WORK)"
for i in $(seq 0 $((NSETS - 1))); do
  NAMES[$i]=${SETS[$i]%%|*}; FLAGS[$i]=${SETS[$i]#*|}; ENVS[$i]=
  if [[ ${FLAGS[$i]} == *"|"* ]]; then ENVS[$i]=${FLAGS[$i]#*|}; FLAGS[$i]=${FLAGS[$i]%%|*}; fi
  aot="$WORK/set$i.aot"
  # shellcheck disable=SC2086
  "$JAVA" --enable-native-access=ALL-UNNAMED ${FLAGS[$i]} -XX:AOTCacheOutput="$aot" -cp "$JAR" org.tusk.main.Main aot-train \
    >"$WORK/set$i-train.log" 2>&1 || log "set ${NAMES[$i]}: AOT training failed (runs without the cache): $(tail -1 "$WORK/set$i-train.log")"
  opts="${FLAGS[$i]}"; [ -f "$aot" ] && opts="$opts -XX:AOTCache=$aot"
  PORTS[$i]=$(free_port)
  d="$WORK/t$i"
  "$TUSK" initdb -D "$d" -U postgres --auth trust >"$WORK/t$i-initdb.log" 2>&1 || die "tusk initdb failed"
  TUSK_DIRS+=("$d")
  mkdir -p "$WORK/t$i-sock"
  # shellcheck disable=SC2086
  env ${ENVS[$i]} "$TUSK" start -D "$d" -p "${PORTS[$i]}" "${COMMON[@]}" -c backend_spares=2 -c unix_socket_directories="$WORK/t$i-sock" \
    -c "backend_jvm_options=$opts" >"$WORK/t$i-start.log" 2>&1 || die "tusk start failed for set ${NAMES[$i]}: $(tail -3 "$WORK/t$i-start.log")"
done
P_PG=$(free_port)
PG_STARTED=yes
"$PGREF" start "$WORK/pg" "$P_PG" "${COMMON[@]}" >/dev/null || die "could not start PostgreSQL 15"
python3 "$HERE/bench/storage_helper.py" tx 2000 "$WORK/tx.sql"
for i in $(seq 1 200); do echo "select count(*) from :tbl;"; done >"$WORK/sel.sql"

RAW="$WORK/raw.tsv"; : >"$RAW"
put() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$RAW"; } # KEY SIDE ROUND VALUE|error: ...

# measure SIDE PORT ROUND
measure() {
  local s=$1 port=$2 r=$3 o="$WORK/m-$1-$3"
  # connect latency through a spare (PostgreSQL: a fork)
  python3 "$H" connect "$port" "$NCONN" 300 >"$o.conn" 2>&1 || true
  local m; m=$(grep -v '^error' "$o.conn" | python3 "$H" median)
  if [ -n "$m" ]; then put conn "$s" "$r" "$m"; else put conn "$s" "$r" "error: $(head -1 "$o.conn")"; fi
  # idle backends
  mkfifo "$o.fifo"
  python3 "$H" hold "$port" "$IDLE" <"$o.fifo" >"$o.hold" 2>&1 &
  local hp=$!
  exec 9>"$o.fifo"
  local i; for i in $(seq 1 600); do grep -q '^ready' "$o.hold" 2>/dev/null && break; sleep 0.1; done
  sleep 2
  local pss=() anon=() file=() p
  for p in $(grep -E '^[0-9]+$' "$o.hold"); do
    read -r a b c _ < <(python3 "$H" rollup "$p")
    pss+=("$a"); anon+=("$b"); file+=("$c")
  done
  exec 9>&-
  wait $hp 2>/dev/null || true
  if [ ${#pss[@]} -gt 0 ]; then
    put pss "$s" "$r" "$(printf '%s\n' "${pss[@]}" | python3 "$H" median | awk '{printf "%.2f", $1/1024}')"
    put anon "$s" "$r" "$(printf '%s\n' "${anon[@]}" | python3 "$H" median | awk '{printf "%.2f", $1/1024}')"
    put file "$s" "$r" "$(printf '%s\n' "${file[@]}" | python3 "$H" median | awk '{printf "%.2f", $1/1024}')"
  else
    for k in pss anon file; do put $k "$s" "$r" "error: $(grep '^error' "$o.hold" | head -1)"; done
  fi
  # per-query speed on a fresh session
  local tbl="lever_r$r"
  if PGCONNECT_TIMEOUT=10 timeout 120 "$PGBIN/psql" -X -At -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres \
      -v tbl="$tbl" -c "create table $tbl(id int primary key, pad text)" -c '\! date +T%s.%N' -f "$WORK/tx.sql" \
      -c '\! date +T%s.%N' -f "$WORK/sel.sql" -c '\! date +T%s.%N' >"$o.q" 2>"$o.q.err"; then
    local t; t=($(sed -n 's/^T\([0-9][0-9.]*\)$/\1/p' "$o.q"))
    put ins "$s" "$r" "$(awk "BEGIN{printf \"%.1f\", (${t[1]}-${t[0]})*1000}")"
    put sel "$s" "$r" "$(awk "BEGIN{printf \"%.1f\", (${t[2]}-${t[1]})*1000}")"
  else
    local e; e=$(grep -v '^$' "$o.q.err" | head -1 | sed -e 's/^psql:[^:]*:[0-9]*: //' -e 's/^ERROR:  //' | cut -c1-100)
    put ins "$s" "$r" "error: $e"; put sel "$s" "$r" "error: $e"
  fi
}

for r in $(seq 1 "$ROUNDS"); do
  log "round $r of $ROUNDS"
  order=(); for i in $(seq 0 $((NSETS - 1))); do order+=("$i"); done
  [ $((r % 2)) = 0 ] && order=($(printf '%s\n' "${order[@]}" | tac))
  measure pg "$P_PG" "$r"
  for i in "${order[@]}"; do measure "set$i" "${PORTS[$i]}" "$r"; done
done

TABLE="$WORK/table.md"
python3 - "$RAW" "$NSETS" "${NAMES[@]}" >"$TABLE" <<'EOF'
import statistics, sys
raw, n, names = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
vals = {}
for line in open(raw):
    k, s, r, v = line.rstrip("\n").split("\t", 3)
    vals.setdefault((k, s), []).append(v)
def cell(k, s):
    vs = vals.get((k, s), [])
    ok = [float(v) for v in vs if not v.startswith("error")]
    if not ok:
        return (vs[0] if vs else "n/a"), None
    m = statistics.median(ok)
    return ("%.1f (%.1f–%.1f)" % (m, min(ok), max(ok)) if len(ok) > 1 else "%.1f" % m), m
keys = [("pss", "PSS of an idle backend (MiB)"), ("anon", "… of which anonymous (MiB)"), ("file", "… of which file-backed (MiB)"),
        ("conn", "connect to first query through a spare, median (ms)"),
        ("ins", "2000 INSERTs in one transaction, fresh session (ms)"), ("sel", "then 200 × select count(*) over them (ms)")]
print("| flag set | " + " | ".join(label for _, label in keys) + " |")
print("|---" * (len(keys) + 1) + "|")
pgm = {k: cell(k, "pg")[1] for k, _ in keys}
for i, name in enumerate(["PostgreSQL 15"] + names):
    side = "pg" if i == 0 else "set%d" % (i - 1)
    cells = []
    for k, _ in keys:
        text, m = cell(k, side)
        if side != "pg" and m is not None and pgm[k]:
            text += " = %.1f× PG" % (m / pgm[k])
        cells.append(text.replace("|", "\\|"))
    print("| %s | %s |" % (name, " | ".join(cells)))
EOF

TODAY=$(date +%F)
mkdir -p "$HERE/bench/results"
OUT="$HERE/bench/results/$TODAY-levers.md"
[ "$MODE" = quick ] && OUT="$HERE/bench/results/$TODAY-levers-quick.md"
COMMIT=$(cd "$HERE" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
{
  echo "# Backend JVM flag sets: idle memory, connect latency and query speed (Tusk vs PostgreSQL 15)"
  echo
  echo "\`bench/levers.sh$([ "$MODE" = quick ] && echo ' --quick')\` on $(date '+%F %T %Z'), commit $COMMIT; $ROUNDS interleaved rounds, median (min–max) over rounds."
  echo
  cat "$TABLE"
  echo
  echo "Flag sets (each with \`--enable-native-access=ALL-UNNAMED\` and an AOT cache trained with exactly these flags):"
  echo
  for i in $(seq 0 $((NSETS - 1))); do
    e=; [ -n "${ENVS[$i]}" ] && e=", environment \`${ENVS[$i]}\`"
    echo "- ${NAMES[$i]}: \`${FLAGS[$i]}\`$e"
  done
  echo
  echo "How: one Tusk server per flag set (\`backend_spares=2\`) and one PostgreSQL 15, all with \`${COMMON[*]}\`,"
  echo "started at once; each round measures PostgreSQL, then every set (order reversed in even rounds). PSS:"
  echo "$IDLE idle sessions opened one after another, read 2 s after the last one connected; the median backend."
  echo "Connect: $NCONN sequential connections 300 ms apart, connect() to the ReadyForQuery after \`select 1\`."
  echo "Query speed: one psql session (a fresh backend), times between \`\\! date\` markers."
  echo
  echo "Machine: $(nproc) cores, Linux $(uname -r), $("$JAVA" -version 2>&1 | sed -n 2p). Run took $(( $(date +%s) - START )) s."
} >"$OUT"
cat "$OUT"
log "results written to ${OUT#$HERE/}"
