package org.tusk.access.transam;

/**
 * Helpers for WAL positions (PostgreSQL's {@code XLogRecPtr} in xlogdefs.h): a 64-bit byte
 * offset into the endless WAL stream, carried in a Java {@code long} and compared unsigned.
 *
 * <p>An LSN prints as two 32-bit halves in upper-case hex without leading zeros,
 * {@code "%X/%X"} (e.g. {@code 0/16B3D18}), the form PostgreSQL uses everywhere: in messages, in
 * {@code pg_lsn} output, in pg_controldata and pg_waldump.
 */
public final class XLogRecPtr {
    /** {@code InvalidXLogRecPtr}: no position. Zero is never a valid record start, it lies in a page header. */
    public static final long INVALID = 0L;

    private XLogRecPtr() {}

    public static boolean isValid(long lsn) {
        return lsn != INVALID;
    }

    /** {@code LSN_FORMAT_ARGS} with {@code "%X/%X"}. */
    public static String format(long lsn) {
        return Integer.toHexString((int) (lsn >>> 32)).toUpperCase() + "/" + Integer.toHexString((int) lsn).toUpperCase();
    }

    /**
     * Parses {@code "%X/%X"} as pg_lsn_in does: each half is 1 to 8 hex digits, case-insensitive.
     *
     * @throws IllegalArgumentException with PostgreSQL's message for a malformed input
     */
    public static long parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 1 || slash > 8 || text.length() - slash - 1 < 1 || text.length() - slash - 1 > 8
                || !isHex(text, 0, slash) || !isHex(text, slash + 1, text.length())) {
            throw new IllegalArgumentException("invalid input syntax for type pg_lsn: \"" + text + "\"");
        }
        long hi = Long.parseLong(text, 0, slash, 16);
        long lo = Long.parseLong(text, slash + 1, text.length(), 16);
        return hi << 32 | lo;
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) return false;
        }
        return true;
    }
}
