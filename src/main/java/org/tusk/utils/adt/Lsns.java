package org.tusk.utils.adt;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/** The pg_lsn type (PostgreSQL's pg_lsn.c): a WAL position shown as two hexadecimal halves, "16/B374D848". */
public final class Lsns {
    private Lsns() {}

    public static Long lsnIn(String s) {
        int slash = s.indexOf('/');
        try {
            if (slash <= 0 || slash > 8 || s.length() - slash - 1 > 8 || s.length() - slash - 1 == 0) throw new NumberFormatException();
            long hi = Long.parseLong(s, 0, slash, 16);
            long lo = Long.parseLong(s, slash + 1, s.length(), 16);
            return (hi << 32) | lo;
        } catch (NumberFormatException e) {
            throw PgException.error(SqlState.INVALID_TEXT_REPRESENTATION,
                    "invalid input syntax for type pg_lsn: \"" + s + "\"");
        }
    }

    public static String lsnOut(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase();
    }
}
