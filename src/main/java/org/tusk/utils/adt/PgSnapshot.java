package org.tusk.utils.adt;

import java.util.Arrays;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * A value of type pg_snapshot (and of its predecessor txid_snapshot), xid8funcs.c's
 * pg_snapshot: {@code xmin}, {@code xmax} and the in-progress ids {@code xip} as 64-bit full
 * transaction ids, the xip sorted and without duplicates. Text form "xmin:xmax:xip,xip,...".
 * Immutable.
 */
public record PgSnapshot(long xmin, long xmax, long[] xip) {
    public PgSnapshot {
        xip = xip.clone();
    }

    @Override
    public long[] xip() {
        return xip.clone();
    }

    /** pg_current_snapshot's sort_snapshot: ascending (unsigned), duplicates removed. */
    public static PgSnapshot sorted(long xmin, long xmax, long[] xip) {
        long[] s = xip.clone();
        for (int i = 0; i < s.length; i++) s[i] ^= Long.MIN_VALUE;   // unsigned order through signed sort
        Arrays.sort(s);
        int n = 0;
        for (int i = 0; i < s.length; i++) if (n == 0 || s[n - 1] != s[i]) s[n++] = s[i];
        long[] out = new long[n];
        for (int i = 0; i < n; i++) out[i] = s[i] ^ Long.MIN_VALUE;
        return new PgSnapshot(xmin, xmax, out);
    }

    /** parse_snapshot (pg_snapshot_in / txid_snapshot_in): errors name {@code typeName}. */
    public static PgSnapshot parse(String str, String typeName) {
        int p = 0;
        long[] xminOut = new long[1];
        p = number(str, p, xminOut, typeName);
        if (p >= str.length() || str.charAt(p) != ':') throw bad(str, typeName);
        long[] xmaxOut = new long[1];
        p = number(str, p + 1, xmaxOut, typeName);
        if (p >= str.length() || str.charAt(p) != ':') throw bad(str, typeName);
        p++;
        long xmin = xminOut[0], xmax = xmaxOut[0];
        if (xmin == 0 || xmax == 0 || Long.compareUnsigned(xmax, xmin) < 0) throw bad(str, typeName);
        long[] xip = new long[8];
        int n = 0;
        long last = 0;
        long[] v = new long[1];
        while (p < str.length()) {
            p = number(str, p, v, typeName);
            // the ids must be in order, within [xmin, xmax)
            if (Long.compareUnsigned(v[0], xmin) < 0 || Long.compareUnsigned(v[0], xmax) >= 0
                    || Long.compareUnsigned(v[0], last) < 0)
                throw bad(str, typeName);
            if (v[0] != last) {
                if (n == xip.length) xip = Arrays.copyOf(xip, n * 2);
                xip[n++] = v[0];
            }
            last = v[0];
            if (p < str.length()) {
                if (str.charAt(p) != ',') throw bad(str, typeName);
                p++;
            }
        }
        return new PgSnapshot(xmin, xmax, Arrays.copyOf(xip, n));
    }

    /** strtou64 base 10 from {@code p}: the index after the digits (leading blanks skipped). */
    private static int number(String s, int p, long[] out, String typeName) {
        while (p < s.length() && Character.isWhitespace(s.charAt(p))) p++;
        int start = p;
        long v = 0;
        while (p < s.length() && s.charAt(p) >= '0' && s.charAt(p) <= '9') {
            long d = s.charAt(p) - '0';
            if (Long.compareUnsigned(v, Long.divideUnsigned(-1L - d, 10)) > 0) throw bad(s, typeName);
            v = v * 10 + d;
            p++;
        }
        out[0] = start == p ? 0 : v;
        return p;
    }

    private static PgException bad(String str, String typeName) {
        return PgException.error(SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type " + typeName + ": \"" + str + "\"");
    }

    /** pg_snapshot_out. */
    public String out() {
        StringBuilder sb = new StringBuilder();
        sb.append(Long.toUnsignedString(xmin)).append(':').append(Long.toUnsignedString(xmax)).append(':');
        for (int i = 0; i < xip.length; i++) {
            if (i > 0) sb.append(',');
            sb.append(Long.toUnsignedString(xip[i]));
        }
        return sb.toString();
    }

    /** is_visible_fxid: committed before the snapshot, i.e. below xmin, or below xmax and not listed. */
    public boolean isVisible(long fxid) {
        if (Long.compareUnsigned(fxid, xmin) < 0) return true;
        if (Long.compareUnsigned(fxid, xmax) >= 0) return false;
        for (long x : xip) if (x == fxid) return false;
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PgSnapshot s && s.xmin == xmin && s.xmax == xmax && Arrays.equals(s.xip, xip);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(xmin) * 31 + Long.hashCode(xmax) * 17 + Arrays.hashCode(xip);
    }

    @Override
    public String toString() {
        return out();
    }
}
