#!/usr/bin/env python3
"""CPU per transaction of a whole server (postmaster and every descendant) in a steady window of
one pgbench run: a measure that holds on a busy machine, where TPS does not.

usage: bench/cpu_per_tx.py POSTMASTER_PID WARM_S MEASURE_S [pgbench args...]
       (it adds -P 1 -T WARM_S+MEASURE_S+3; give -S/-M/-c/-j/-h/-p/-U/dbname as usual)

It reads utime+stime of every process of the server's tree (/proc/PID/stat fields 14 and 15)
when pgbench reports second WARM_S and again at WARM_S+MEASURE_S, and divides the difference by
the transactions pgbench's per-second progress lines count in between. A child that ends
inside the window counts with the part of its CPU used in the window: the postmaster's
cutime+cstime (its reaped children) grows by the child's whole life, less what the window's start
already counted. So a server whose backends exit after each connection (PostgreSQL, or Tusk with
backend_reuse off under `pgbench -C`) is measured as well. Voluntary/involuntary context switches (summed over all threads) are printed per
process: one voluntary switch per transaction is the wait for the client's next message, more
means lock or I/O waits.
"""
import os
import re
import subprocess
import sys


def stat(pid):
    try:
        s = open(f'/proc/{pid}/stat').read()
    except OSError:
        return None
    head, rest = s.rsplit(')', 1)
    f = rest.split()
    # name, ppid, utime+stime, cutime+cstime (the CPU of its reaped children)
    return head[head.index('(') + 1:], int(f[1]), int(f[11]) + int(f[12]), int(f[13]) + int(f[14])


def switches(pid):
    vol = invol = 0
    try:
        tasks = os.listdir(f'/proc/{pid}/task')
    except OSError:
        return 0, 0
    for t in tasks:
        try:
            s = open(f'/proc/{pid}/task/{t}/status').read()
        except OSError:
            continue
        vol += int(re.search(r'\nvoluntary_ctxt_switches:\s+(\d+)', s).group(1))
        invol += int(re.search(r'nonvoluntary_ctxt_switches:\s+(\d+)', s).group(1))
    return vol, invol


def tree(root):
    procs = {}
    for d in os.listdir('/proc'):
        if d.isdigit():
            st = stat(int(d))
            if st:
                procs[int(d)] = st
    out, todo = {}, [root]
    while todo:
        p = todo.pop()
        if p in procs:
            out[p] = procs[p][:3] + switches(p) + procs[p][3:]
            todo += [c for c, v in procs.items() if v[1] == p]
    return out


def main():
    root, warm, measure = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    cmd = [os.environ.get('PGBENCH', 'pgbench'), '-P', '1', '-T', str(warm + measure + 3)] + sys.argv[4:]
    p = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    a = b = None
    ta = tb = prev = 0.0
    tx = 0.0
    for line in p.stderr:
        m = re.match(r'progress: ([\d.]+) s, ([\d.]+) tps', line)
        if not m:
            continue
        t = float(m.group(1))
        if a is None and t >= warm - 0.01:
            a, ta = tree(root), t
        elif a is not None and b is None:
            tx += float(m.group(2)) * (t - prev)
            if t >= warm + measure - 0.01:
                b, tb = tree(root), t
        prev = t
    p.wait()
    if b is None:
        sys.exit('pgbench ended before the window closed:\n' + p.stdout.read())
    hz = os.sysconf('SC_CLK_TCK')
    # A child reaped inside the window: its CPU up to the window's start was in a's tree, all of it
    # is in the root's cutime+cstime at b, so the difference of the root's reaped-children time
    # minus what a counted for those children is what they used in the window.
    reaped = b[root][5] - a[root][5] - sum(v[2] for q, v in a.items() if q not in b and v[1] == root)
    total, rows = max(reaped, 0), []
    for pid, v in b.items():
        old = a.get(pid)
        d = v[2] - (old[2] if old else 0)
        total += d
        if d > 0:
            rows.append((d, pid, v[0], v[3] - (old[3] if old else 0), v[4] - (old[4] if old else 0)))
    print(f'window {ta:.1f}-{tb:.1f} s: transactions {tx:.0f} ({tx / max(tb - ta, 0.1):.0f}/s), '
          f'CPU {total / hz:.2f} s, {total * 1e6 / hz / max(tx, 1):.1f} us per transaction; '
          f'processes started {len([q for q in b if q not in a])}, ended {len([q for q in a if q not in b])}')
    for r in sorted(rows, reverse=True)[:10]:
        print('   %5d ticks  pid %d %s  voluntary switches %d, involuntary %d' % r)


if __name__ == '__main__':
    main()
