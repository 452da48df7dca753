#!/usr/bin/env bash
# bench/spares-before-after.sh BEFORE_TREE: the spare pool of another Tusk tree (e.g. an older
# commit, built: `git archive OLD | tar -x -C /tmp/old && (cd /tmp/old && mvn -q -o -DskipTests package)`)
# next to this tree's, and PostgreSQL 15, in the same run. Servers: "before" (BEFORE_TREE,
# backend_spares=2), "after" (this tree, backend_spares=2), "after4" (this tree, backend_spares=4),
# PostgreSQL 15; all with shared_buffers=128MB, max_connections=100, fsync=on, synchronous_commit=on.
# 3 interleaved rounds of: pgbench -n -C -c 4 -j 2 -T 10 of `select 1` (TPS, average connection
# time); then 30 s without connections and the PSS of each whole Tusk server with its number of
# spares. Prints one line per measure (raw figures: the machine is noisy, compare within a round).
set -euo pipefail
[ $# = 1 ] && [ -x "$1/tusk" ] || { echo "usage: $0 BEFORE_TREE (a Tusk tree with a built target/tusk.jar)" >&2; exit 2; }
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
for c in "${JAVA_HOME:-}" /usr/lib/jvm/*25*; do [ -n "$c" ] && [ -x "$c/bin/java" ] && { export JAVA_HOME=$c; break; }; done
PGREF=${PGREF:-/work/shared/tools/pgref}
W=$(mktemp -d /tmp/tusk-bench-spares.XXXX); chmod 755 "$W"
H="$HERE/bench/pgbench_helper.py"
PGB=/usr/lib/postgresql/15/bin/pgbench
echo 'select 1;' >"$W/s1.sql"
fp() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
declare -A PORT TREE OPTS
TREE[before]=$1; TREE[after]=$HERE; TREE[after4]=$HERE
OPTS[before]="-c backend_spares=2"; OPTS[after]="-c backend_spares=2"; OPTS[after4]="-c backend_spares=4"
C=(-c shared_buffers=128MB -c max_connections=100 -c fsync=on -c synchronous_commit=on)
trap 'for s in before after after4; do "${TREE[$s]}/tusk" stop -D "$W/$s" >/dev/null 2>&1; done; "$PGREF" stop "$W/pg" >/dev/null 2>&1; rm -rf "$W"' EXIT
for s in before after after4; do
  PORT[$s]=$(fp); mkdir -p "$W/$s-sock"
  "${TREE[$s]}/tusk" initdb -D "$W/$s" -U postgres --auth trust >/dev/null 2>&1
  # shellcheck disable=SC2086
  "${TREE[$s]}/tusk" start -D "$W/$s" -p "${PORT[$s]}" "${C[@]}" ${OPTS[$s]} -c unix_socket_directories="$W/$s-sock" >/dev/null
done
PORT[pg]=$(fp); "$PGREF" start "$W/pg" "${PORT[pg]}" "${C[@]}" >/dev/null
for r in 1 2 3; do
  order=(before after after4 pg); [ $((r % 2)) = 0 ] && order=(pg after4 after before)
  for s in "${order[@]}"; do
    (cd "$W" && "$PGB" -h 127.0.0.1 -p "${PORT[$s]}" -U postgres -n -C -c 4 -j 2 -T 10 -f "$W/s1.sql" postgres) >"$W/o" 2>/dev/null || true
    read -r tps _ _ conn < <(python3 "$H" pgbench "$W/o")
    echo "round $r $s churn: tps $tps, average connection time $conn ms"
  done
  sleep 30
  for s in before after after4; do
    pm=$(sed -n 1p "$W/$s/postmaster.pid"); read -r kb n < <(python3 "$H" tree-pss "$pm")
    sp=$(ps -o args= --ppid "$pm" | grep -c forkchild=spare || true)
    echo "round $r $s after 30 s without connections: server PSS $((kb / 1024)) MiB, $n processes, $sp idle backends"
  done
done
