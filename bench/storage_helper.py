#!/usr/bin/env python3
"""storage_helper.py: the parts of bench/storage.sh that are easier in Python than in bash.

  storage_helper.py tx N FILE             BEGIN; N single-row INSERTs into :tbl; COMMIT (a psql file)
  storage_helper.py multi N PER FILE      N rows as INSERT ... VALUES of PER rows per statement, autocommit
  storage_helper.py stream FIRST SECONDS  autocommit single-row INSERTs into :tbl on stdout, ids FIRST,
                                          FIRST+1, ..., until SECONDS have passed (0: until stdout closes),
                                          between two "\\! date +T%s.%N" markers that psql runs as it
                                          reaches them, so the reader can time exactly what psql did
  storage_helper.py table RAW LABELS NAME_A NAME_B SHORT_A SHORT_B
                                          the markdown results table from the raw samples

The SQL uses the psql variable :tbl for the table name, so one file serves every round and server.
Rows are (id int, pad text) with a 100-character pad, as in the benchmark's table definition.
"""
import fcntl
import os
import statistics
import sys
import time

MARK = "\\! date +T%s.%N\n"


def pad(i):
    # 100 characters: the id, so that rows differ, then filler.
    s = "%010d" % i
    return s + "x" * (100 - len(s))


def row(i):
    return "(%d, '%s')" % (i, pad(i))


def gen_tx(n, path):
    with open(path, "w") as f:
        f.write("begin;\n")
        for i in range(1, n + 1):
            f.write("insert into :tbl values %s;\n" % row(i))
        f.write("commit;\n")


def gen_multi(n, per, path):
    with open(path, "w") as f:
        for start in range(1, n + 1, per):
            end = min(n, start + per - 1)
            f.write("insert into :tbl values %s;\n" % ", ".join(row(i) for i in range(start, end + 1)))


def stream(first, seconds):
    out = sys.stdout
    try:
        # A small pipe, so that the writer is never far ahead of what psql has executed: the run
        # then ends soon after the deadline, and the end marker is close to the last INSERT.
        fcntl.fcntl(out.fileno(), fcntl.F_SETPIPE_SZ, 4096)
    except (OSError, AttributeError):
        pass
    deadline = time.monotonic() + seconds if seconds > 0 else None
    try:
        out.write(MARK)
        out.flush()
        i = first
        while deadline is None or time.monotonic() < deadline:
            out.write("insert into :tbl values %s;\n" % row(i))
            out.flush()
            i += 1
        out.write(MARK)
        out.flush()
    except BrokenPipeError:
        # psql went away (the server crashed under it, in the recovery measure): not an error here.
        try:
            sys.stdout = None
            os.close(1)
        except OSError:
            pass


def fmt(v):
    if v is None:
        return "n/a"
    a = abs(v)
    if a >= 100:
        return "{:,.0f}".format(v)
    if a >= 10:
        return "%.1f" % v
    return "%.2f" % v


def table(raw, labels, side_a, side_b, short_a, short_b):
    """raw: lines KEY<TAB>SIDE<TAB>ROUND<TAB>ok|error<TAB>VALUE; labels: lines KEY<TAB>LABEL."""
    samples = {}
    with open(raw) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t", 4)
            if len(parts) < 5:
                continue
            key, side, rnd, status, value = parts
            samples.setdefault((key, side), []).append((int(rnd), status, value))
    print("| measure | %s: median (min–max) | %s: median (min–max) | ratio (%s/%s) |" % (side_a, side_b, short_a, short_b))
    print("|---|---|---|---|")
    with open(labels) as f:
        for line in f:
            if "\t" not in line:
                continue
            key, label = line.rstrip("\n").split("\t", 1)
            cells, medians = [], []
            for side in ("tusk", "pg"):
                got = sorted(samples.get((key, side), []))
                ok = [float(v) for _, s, v in got if s == "ok"]
                errs = [v for _, s, v in got if s != "ok"]
                med = statistics.median(ok) if ok else None
                medians.append(med)
                if ok:
                    cell = "%s (%s–%s)" % (fmt(med), fmt(min(ok)), fmt(max(ok)))
                    if len(ok) != len(got):
                        cell += ", %d of %d rounds failed: %s" % (len(errs), len(got), errs[0])
                    elif len(ok) == 1:
                        cell = fmt(med)
                elif errs:
                    cell = "error: " + errs[0]
                else:
                    cell = "n/a"
                cells.append(cell.replace("|", "\\|"))
            a, b = medians
            if a is None or b is None or b == 0:
                ratio = "—"
            else:
                ratio = ("%.3f×" if a / b < 0.1 else "%.2f×") % (a / b)
            print("| %s | %s | %s | %s |" % (label, cells[0], cells[1], ratio))


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "tx":
        gen_tx(int(argv[2]), argv[3])
    elif cmd == "multi":
        gen_multi(int(argv[2]), int(argv[3]), argv[4])
    elif cmd == "stream":
        stream(int(argv[2]), float(argv[3]))
    elif cmd == "table":
        table(argv[2], argv[3], argv[4], argv[5], argv[6], argv[7])
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
