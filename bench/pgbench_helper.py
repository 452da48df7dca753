#!/usr/bin/env python3
"""pgbench_helper.py: the parts of bench/pgbench.sh and bench/levers.sh that are easier in Python.

  pgbench_helper.py hold PORT N              open N sessions one after another (trust auth, user
                                             postgres, over TCP to 127.0.0.1), print each backend's
                                             pid (from BackendKeyData), then "ready"; keep them open
                                             until stdin closes. A failed connect prints
                                             "error: <message>" and stops opening more.
  pgbench_helper.py connect PORT N PAUSE_MS  N sequential connections, each to the ReadyForQuery after
                                             `select 1`; prints the milliseconds of each
  pgbench_helper.py tree-pss PID             PSS (KiB) of PID and all its descendants, summed, from
                                             /proc/*/smaps_rollup; then the number of processes
  pgbench_helper.py rollup PID               Pss, Pss_Anon, Pss_File, Pss_Shmem (KiB) of one process
  pgbench_helper.py nmt FILE                 `jcmd PID VM.native_memory summary` output -> committed KiB
                                             per group: heap metaspace code classdata threads other total
  pgbench_helper.py pgbench FILE [LOGPREFIX] tps, average latency (ms), p99 latency (ms, from the
                                             per-transaction logs LOGPREFIX.*, if given), average
                                             connection time (ms, with -C) of one pgbench run; "-" when
                                             pgbench did not print it
  pgbench_helper.py median                   median of the numbers on stdin
"""
import glob
import os
import socket
import statistics
import struct
import sys
import time


# ---------------------------------------------------------------- wire protocol

def _read_msg(sock_file):
    head = sock_file.read(5)
    if len(head) < 5:
        raise IOError("server closed the connection")
    typ, n = head[0:1], struct.unpack("!I", head[1:5])[0]
    body = sock_file.read(n - 4)
    return typ, body


def _error_text(body):
    fields = {}
    for part in body.split(b"\0"):
        if part:
            fields[part[0:1]] = part[1:].decode("utf-8", "replace")
    return fields.get(b"M", "error")


def open_session(port, timeout=60):
    """Connects and authenticates (trust); returns (socket, file, backend pid)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    params = b"".join(k + b"\0" + v + b"\0" for k, v in (
        (b"user", b"postgres"), (b"database", b"postgres"), (b"application_name", b"bench_idle"))) + b"\0"
    s.sendall(struct.pack("!II", len(params) + 8, 196608) + params)
    f = s.makefile("rb")
    pid = 0
    while True:
        typ, body = _read_msg(f)
        if typ == b"R" and struct.unpack("!I", body[:4])[0] != 0:
            raise IOError("server asks for a password; the benchmark uses trust")
        if typ == b"E":
            raise IOError(_error_text(body))
        if typ == b"K":
            pid = struct.unpack("!I", body[:4])[0]
        if typ == b"Z":
            return s, f, pid


def simple_query(s, f, sql):
    q = sql.encode() + b"\0"
    s.sendall(b"Q" + struct.pack("!I", len(q) + 4) + q)
    err = None
    while True:
        typ, body = _read_msg(f)
        if typ == b"E":
            err = _error_text(body)
        if typ == b"Z":
            if err:
                raise IOError(err)
            return


def hold(port, n):
    sessions = []
    for _ in range(n):
        try:
            s, f, pid = open_session(port)
        except (OSError, IOError) as e:
            print("error: %s" % str(e).splitlines()[0] if str(e) else "error: connection failed", flush=True)
            break
        sessions.append(s)
        print(pid, flush=True)
    print("ready", flush=True)
    sys.stdin.read()
    for s in sessions:
        try:
            s.sendall(b"X\0\0\0\4")
            s.close()
        except OSError:
            pass


def connect(port, n, pause_ms):
    for _ in range(n):
        t0 = time.perf_counter()
        try:
            s, f, _ = open_session(port)
            simple_query(s, f, "select 1")
            ms = (time.perf_counter() - t0) * 1000
            s.sendall(b"X\0\0\0\4")
            s.close()
            print("%.3f" % ms, flush=True)
        except (OSError, IOError) as e:
            print("error: %s" % (str(e).splitlines()[0] if str(e) else "connection failed"), flush=True)
        time.sleep(pause_ms / 1000.0)


# ---------------------------------------------------------------- memory

def rollup(pid):
    """The Pss* lines of /proc/PID/smaps_rollup, in KiB; {} if the process is gone."""
    out = {}
    try:
        with open("/proc/%d/smaps_rollup" % pid) as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 2 and parts[0].startswith("Pss") and parts[0].endswith(":"):
                    out[parts[0][:-1]] = int(parts[1])
    except OSError:
        pass
    return out


def children(pid):
    kids = []
    for task in glob.glob("/proc/%d/task/*/children" % pid):
        try:
            with open(task) as f:
                kids += [int(x) for x in f.read().split()]
        except OSError:
            pass
    return kids


def tree_pss(pid):
    total, count, todo = 0, 0, [pid]
    while todo:
        p = todo.pop()
        r = rollup(p)
        if r:
            total += r.get("Pss", 0)
            count += 1
        todo += children(p)
    return total, count


# NMT summary categories -> the breakdown's groups. "Class" is metaspace (class metadata and the
# compressed class space); "Shared class space" is the CDS/AOT archive.
NMT_GROUPS = {
    "Java Heap": "heap",
    "Class": "metaspace",
    "Metaspace": "metaspace",
    "Code": "code",
    "Shared class space": "classdata",
    "Thread": "threads",
}


def nmt(path):
    groups = dict.fromkeys(["heap", "metaspace", "code", "classdata", "threads", "other"], 0)
    total = None
    with open(path) as f:
        for line in f:
            s = line.strip()
            if s.startswith("Total:") and "committed=" in s:
                total = int(s.split("committed=")[1].split("KB")[0])
            if not s.startswith("-") or "committed=" not in s:
                continue
            name = s[1:].split("(")[0].strip()
            kb = int(s.split("committed=")[1].split("KB")[0])
            groups[NMT_GROUPS.get(name, "other")] += kb
    if total is None:
        raise SystemExit("no NMT summary in %s" % path)
    # Thread stacks are also counted under "Thread"; NMT's totals add up to Total.
    print(" ".join(str(groups[g]) for g in ["heap", "metaspace", "code", "classdata", "threads", "other"]), total)


# ---------------------------------------------------------------- pgbench output

def pgbench(path, logprefix=None):
    tps = lat = conn = "-"
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith("tps = "):
                tps = line.split()[2]
            elif line.startswith("latency average = "):
                lat = line.split()[3]
            elif line.startswith("average connection time = "):
                conn = line.split()[4]
    p99 = "-"
    if logprefix:
        lats = []
        for name in glob.glob(logprefix + ".*"):
            with open(name) as f:
                for line in f:
                    parts = line.split()
                    if len(parts) >= 3 and parts[2].isdigit():
                        lats.append(int(parts[2]))  # microseconds
        if lats:
            lats.sort()
            p99 = "%.3f" % (lats[max(0, -(-len(lats) * 99 // 100) - 1)] / 1000.0)  # nearest rank
    print(tps, lat, p99, conn)


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "hold":
        hold(int(argv[2]), int(argv[3]))
    elif cmd == "connect":
        connect(int(argv[2]), int(argv[3]), float(argv[4]))
    elif cmd == "tree-pss":
        total, count = tree_pss(int(argv[2]))
        print(total, count)
    elif cmd == "rollup":
        r = rollup(int(argv[2]))
        print(*(r.get(k, 0) for k in ("Pss", "Pss_Anon", "Pss_File", "Pss_Shmem")))
    elif cmd == "nmt":
        nmt(argv[2])
    elif cmd == "pgbench":
        pgbench(argv[2], argv[3] if len(argv) > 3 else None)
    elif cmd == "median":
        vals = [float(x) for x in sys.stdin.read().split()]
        print(statistics.median(vals) if vals else "")
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
