# bench/common.sh: what the benchmark scripts share (sourced by run.sh, pgbench.sh, storage.sh,
# levers.sh). Needs log() and die() of the sourcing script; tusk_initdb needs $TUSK and $WORK.

# A free TCP port from the kernel, but none of BENCH_AVOID_PORTS ("LO-HI[,LO-HI...]": ports that
# other servers on this machine were promised, which may be down at this moment).
free_port() { python3 -c '
import os, socket
avoid = [tuple(map(int, r.split("-"))) if "-" in r else (int(r), int(r)) for r in os.environ.get("BENCH_AVOID_PORTS", "").split(",") if r]
for _ in range(200):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close()
    if not any(lo <= p <= hi for lo, hi in avoid): print(p); break
else: raise SystemExit("no free port outside BENCH_AVOID_PORTS")'; }

# tusk_template: makes sure one freshly initialised data directory exists to copy every Tusk
# server's directory from (`./tusk initdb -U postgres --auth trust`, what each server used to get
# on its own): BENCH_TUSK_TEMPLATE if `./tusk bench` made one for all scripts of the run, else one
# in $WORK, made once. Every copy has the same catalogs and pg_control (also the same system
# identifier, which no measure looks at). Call it before starting servers in parallel.
tusk_template() {
  if [ -n "${BENCH_TUSK_TEMPLATE:-}" ] && [ -f "$BENCH_TUSK_TEMPLATE/PG_VERSION" ]; then TEMPLATE=$BENCH_TUSK_TEMPLATE; return 0; fi
  TEMPLATE="$WORK/template"
  [ -f "$TEMPLATE/PG_VERSION" ] && return 0
  local t0; t0=$(date +%s)
  "$TUSK" initdb -D "$TEMPLATE" -U postgres --auth trust >"$WORK/template-initdb.log" 2>&1 \
    || { rm -rf "$TEMPLATE"; return 1; }
  log "initdb of the template data directory: $(( $(date +%s) - t0 )) s"
}

# tusk_initdb DIR: DIR becomes a copy of the template.
tusk_initdb() {
  [ -n "${TEMPLATE:-}" ] || tusk_template || return 1
  cp -a "$TEMPLATE" "$1"
}
