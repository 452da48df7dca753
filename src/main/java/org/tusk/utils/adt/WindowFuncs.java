package org.tusk.utils.adt;

import org.tusk.utils.error.PgException;

/**
 * The built-in window functions (PostgreSQL's utils/adt/windowfuncs.c), written against the
 * {@link WindowObject} interface. Ranking functions keep their running rank in the
 * per-partition state, relying (as PostgreSQL does) on being called for every row in order.
 */
public final class WindowFuncs {
    private WindowFuncs() {}

    /** row_number(): the current row's position, from 1. */
    public static Object rowNumber(WindowObject w) {
        return w.currentPosition() + 1;
    }

    /** rank_up: whether the current row starts a new peer group; keeps the rank of its first row. */
    private static boolean rankUp(WindowObject w, long[] ctx) {
        long pos = w.currentPosition();
        boolean up = false;
        if (pos == 0) {
            up = true;
        } else if (!w.rowsArePeers(pos - 1, pos)) {
            up = true;
        }
        if (up) ctx[0] = pos + 1;
        return up;
    }

    private static long[] rankContext(WindowObject w) {
        long[] ctx = (long[]) w.localState();
        if (ctx == null) {
            ctx = new long[] {1};
            w.setLocalState(ctx);
        }
        return ctx;
    }

    /** rank(): the position of the first peer of the current row, from 1 (gaps after ties). */
    public static Object rank(WindowObject w) {
        long[] ctx = rankContext(w);
        rankUp(w, ctx);
        return ctx[0];
    }

    /** dense_rank(): the number of the current peer group, from 1. */
    public static Object denseRank(WindowObject w) {
        long[] ctx = (long[]) w.localState();
        long pos = w.currentPosition();
        if (ctx == null) {
            ctx = new long[] {0};
            w.setLocalState(ctx);
        }
        if (pos == 0 || !w.rowsArePeers(pos - 1, pos)) ctx[0]++;
        return ctx[0];
    }

    /** percent_rank(): (rank - 1) / (rows - 1), 0 for a single-row partition. */
    public static Object percentRank(WindowObject w) {
        long[] ctx = rankContext(w);
        rankUp(w, ctx);
        long total = w.partitionRowCount();
        if (total <= 1) return 0.0;
        return (double) (ctx[0] - 1) / (double) (total - 1);
    }

    /** cume_dist(): the number of rows up to the current row's last peer, divided by the rows. */
    public static Object cumeDist(WindowObject w) {
        long[] ctx = rankContext(w);
        long total = w.partitionRowCount();
        long pos = w.currentPosition();
        if (pos == 0 || !w.rowsArePeers(pos - 1, pos)) {
            long last = pos;
            while (last + 1 < total && w.rowsArePeers(pos, last + 1)) last++;
            ctx[0] = last + 1;
        }
        return (double) ctx[0] / (double) total;
    }

    /** ntile's per-partition state (ntile_context). */
    private static final class NtileContext {
        int ntile;
        long rowsPerBucket;
        long boundary;
        long remainder;
        boolean isNull;
    }

    /** ntile(n): the bucket, 1 to n, dividing the partition as equally as possible. */
    public static Object ntile(WindowObject w) {
        NtileContext c = (NtileContext) w.localState();
        if (c == null) {
            c = new NtileContext();
            w.setLocalState(c);
            Object arg = w.argCurrent(0);
            if (arg == null) {
                c.isNull = true;
            } else {
                int buckets = (Integer) arg;
                if (buckets <= 0)
                    throw PgException.error("22014", "argument of ntile must be greater than zero");
                long total = w.partitionRowCount();
                c.ntile = 1;
                c.boundary = total / buckets;
                if (c.boundary <= 0) {
                    c.boundary = 1;
                } else {
                    c.remainder = total % buckets;
                    if (c.remainder != 0) c.boundary++;
                }
            }
        }
        if (c.isNull) return null;
        c.rowsPerBucket++;
        if (c.boundary < c.rowsPerBucket) {
            if (c.remainder != 0 && c.ntile == c.remainder) {
                c.remainder = 0;
                c.boundary -= 1;
            }
            c.ntile += 1;
            c.rowsPerBucket = 1;
        }
        return c.ntile;
    }

    /**
     * leadlag_common: the value {@code offset} rows after (lead) or before (lag) the current row
     * in the partition; beyond the partition the default (third argument) or NULL.
     */
    public static Object leadLag(WindowObject w, boolean forward, boolean withOffset, boolean withDefault) {
        long offset = 1;
        if (withOffset) {
            Object o = w.argCurrent(1);
            if (o == null) return null;
            offset = ((Number) o).longValue();
        }
        boolean[] out = new boolean[1];
        Object v = w.argInPartition(0, forward ? offset : -offset, WindowObject.Seek.CURRENT, out);
        if (out[0]) return withDefault ? w.argCurrent(2) : null;
        return v;
    }

    /** first_value(v): v over the frame's first row. */
    public static Object firstValue(WindowObject w) {
        return w.argInFrame(0, 0, WindowObject.Seek.HEAD, new boolean[1]);
    }

    /** last_value(v): v over the frame's last row. */
    public static Object lastValue(WindowObject w) {
        return w.argInFrame(0, 0, WindowObject.Seek.TAIL, new boolean[1]);
    }

    /** nth_value(v, n): v over the frame's n-th row (from 1), NULL if the frame is shorter. */
    public static Object nthValue(WindowObject w) {
        Object n = w.argCurrent(1);
        if (n == null) return null;
        int nth = (Integer) n;
        if (nth <= 0) throw PgException.error("22016", "argument of nth_value must be greater than zero");
        return w.argInFrame(0, nth - 1, WindowObject.Seek.HEAD, new boolean[1]);
    }
}
