package org.tusk.utils.adt;

import java.util.function.IntPredicate;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;
import org.tusk.utils.time.Snapshot;

/**
 * The 64-bit transaction id functions (utils/adt/xid8funcs.c and xid.c's xid8 part): xid8
 * I/O, widening a snapshot's 32-bit xids to full ids (widen_snapshot_xid) and
 * pg_xact_status's TransactionIdInRecentPast. An xid8 value is a Java long holding the
 * unsigned 64-bit full transaction id (epoch in the high 32 bits). The session-dependent
 * inputs (the next full xid, the active snapshot, the ProcArray/CLOG answers) are passed in by
 * the caller, which reads them from the running backend.
 */
public final class Xid8Funcs {
    private Xid8Funcs() {}

    /**
     * xid8in: strtou64 with base 0, as xid8in reads it: decimal, 0x hex or 0 octal, after an
     * optional sign (a minus sign negates modulo 2^64, as strtoull does), nothing after.
     */
    public static long xid8in(String s) {
        String t = s.strip();
        try {
            boolean negative = false;
            if (!t.isEmpty() && (t.charAt(0) == '+' || t.charAt(0) == '-')) {
                negative = t.charAt(0) == '-';
                t = t.substring(1);
            }
            int radix = 10;
            if (t.length() > 2 && (t.startsWith("0x") || t.startsWith("0X"))) {
                radix = 16;
                t = t.substring(2);
            } else if (t.length() > 1 && t.charAt(0) == '0') {
                radix = 8;
                t = t.substring(1);
            }
            if (t.isEmpty() || !Character.isLetterOrDigit(t.charAt(0))) throw new NumberFormatException();
            long v = Long.parseUnsignedLong(t, radix);
            return negative ? -v : v;
        } catch (NumberFormatException e) {
            throw PgException.error(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type xid8: \"" + s + "\"");
        }
    }

    /** xid8out. */
    public static String xid8out(long v) {
        return Long.toUnsignedString(v);
    }

    /** xid8cmp: unsigned order. */
    public static int compare(long a, long b) {
        return Long.compareUnsigned(a, b);
    }

    /** xid(xid8): the low 32 bits, as a Long holding the unsigned xid (Tusk's xid form). */
    public static long toXid(long fxid) {
        return fxid & 0xFFFFFFFFL;
    }

    /**
     * widen_snapshot_xid: the full id of {@code xid} taken from a snapshot, using the next full
     * id read after the snapshot was taken: the snapshot's ids are of that epoch or the one
     * before; special ids are epoch 0.
     */
    public static long widen(int xid, long nextFxid) {
        if (Integer.compareUnsigned(xid, 3) < 0) return Integer.toUnsignedLong(xid);
        int nextXid = (int) nextFxid;
        long epoch = nextFxid >>> 32;
        if (Integer.compareUnsigned(xid, nextXid) > 0) epoch--;
        return (epoch << 32) | Integer.toUnsignedLong(xid);
    }

    /** pg_current_snapshot: the active snapshot's xmin, xmax and top-level xip, widened and sorted. */
    public static PgSnapshot currentSnapshot(Snapshot cur, long nextFxid) {
        long[] xip = new long[cur.xipCount()];
        for (int i = 0; i < xip.length; i++) xip[i] = widen(cur.xip(i), nextFxid);
        return PgSnapshot.sorted(widen(cur.xmin(), nextFxid), widen(cur.xmax(), nextFxid), xip);
    }

    /**
     * pg_xact_status: "in progress", "committed" or "aborted" for a recent id, null for an
     * invalid one or one too old to tell (wrapped around); 22023 for an id not yet assigned.
     * The ProcArray is asked before the CLOG, as in a visibility check, so that a transaction
     * whose commit is being recorded right now still reads as in progress.
     */
    public static String xactStatus(long fxid, long nextFxid, IntPredicate isInProgress, IntPredicate didCommit) {
        int xid = (int) fxid;
        if (!inRecentPast(fxid, nextFxid)) return null;
        if (isInProgress.test(xid)) return "in progress";
        return didCommit.test(xid) ? "committed" : "aborted";
    }

    /**
     * TransactionIdInRecentPast: whether the CLOG can still answer for {@code fxid}. Tusk does
     * not truncate the CLOG (no oldestClogXid), so only the epoch decides how old is too old.
     */
    static boolean inRecentPast(long fxid, long nextFxid) {
        int xid = (int) fxid;
        if (xid == 0) return false;
        if (Integer.compareUnsigned(xid, 3) < 0) return true;   // special ids: the epoch does not matter
        if (Long.compareUnsigned(fxid, nextFxid) >= 0)
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "transaction ID " + Long.toUnsignedString(fxid) + " is in the future");
        long epoch = fxid >>> 32, nowEpoch = nextFxid >>> 32;
        int nowNextXid = (int) nextFxid;
        return !(epoch + 1 < nowEpoch || epoch + 1 == nowEpoch && Integer.compareUnsigned(xid, nowNextXid) < 0);
    }
}
