#!/usr/bin/env python3
"""The warm-up ramp of one pgbench run against a Tusk server: transactions per 5-s interval, CPU
per transaction of the server's process tree over the whole run and over its second half, and how
many of the run's backends were processes that existed before it (reused, warm JVMs) rather than
fresh ones.

usage: bench/ramp.py POSTMASTER_PID SECONDS [pgbench args...]
       (it adds -P 5 -T SECONDS; give -S/-M/-c/-j/-h/-p/-U/dbname as usual)

Prints one line: ramp=[tps per 5 s...] tx=N cpu_us_per_tx=ALL/SECOND_HALF spares_before=S reused=K wall=T.
A backend counts as reused if its process (a child of the postmaster started as a spare,
`--forkchild=spare`, which every backend is) existed before pgbench started and still exists 3 s
into the run. With -c N at least N such processes serve the run; a spare that existed before and
stayed idle would also count, so read the figure as "of the processes before, how many survived
into the run" when the pool had more than N.
"""
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cpu_per_tx import tree  # noqa: E402


def children(root):
    out = set()
    for d in os.listdir('/proc'):
        if d.isdigit():
            try:
                s = open(f'/proc/{d}/stat').read()
            except OSError:
                continue
            if int(s.rsplit(')', 1)[1].split()[1]) == root:
                out.add(int(d))
    return out


def cmdline(pid):
    try:
        return open(f'/proc/{pid}/cmdline').read().replace('\0', ' ')
    except OSError:
        return ''


def main():
    root, secs = int(sys.argv[1]), int(sys.argv[2])
    before = {p for p in children(root) if '--forkchild=spare' in cmdline(p)}
    cmd = ['pgbench', '-P', '5', '-T', str(secs)] + sys.argv[3:]
    t0 = time.time()
    a = tree(root)
    p = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    time.sleep(3)
    during = {q for q in children(root) if '--forkchild=spare' in cmdline(q)}
    ramp, mid = [], None
    for line in p.stderr:
        m = re.match(r'progress: ([\d.]+) s, ([\d.]+) tps', line)
        if not m:
            continue
        ramp.append(float(m.group(2)))
        if mid is None and float(m.group(1)) >= secs / 2 - 0.01:
            mid = (tree(root), sum(ramp) * 5)
    p.wait()
    b = tree(root)
    hz = os.sysconf('SC_CLK_TCK')

    def cpu(x, y):
        return sum(v[2] - (x[pid][2] if pid in x else 0) for pid, v in y.items()) / hz

    tx = sum(ramp) * 5
    all_us = cpu(a, b) * 1e6 / max(tx, 1)
    half_us = cpu(mid[0], b) * 1e6 / max(tx - mid[1], 1) if mid else float('nan')
    reused = len(before & during)
    print(f'ramp={[round(x) for x in ramp]} tx={tx:.0f} cpu_us_per_tx={all_us:.0f}/{half_us:.0f} '
          f'spares_before={len(before)} reused={reused} wall={time.time() - t0:.0f}s', flush=True)


if __name__ == '__main__':
    main()
