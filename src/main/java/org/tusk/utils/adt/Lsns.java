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

    /**
     * pg_lsn(numeric) (numeric.c numeric_pg_lsn): NaN and infinities are refused, the value is
     * rounded to an integer (numericvar_to_uint64) and must fit in an unsigned 64-bit number.
     */
    public static Long fromNumeric(java.math.BigDecimal n) {
        if (n == NumericSpecial.NAN)
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot convert NaN to pg_lsn");
        if (n instanceof NumericSpecial)
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot convert infinity to pg_lsn");
        java.math.BigInteger v = n.setScale(0, java.math.RoundingMode.HALF_UP).toBigIntegerExact();
        if (v.signum() < 0 || v.bitLength() > 64)
            throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "pg_lsn out of range");
        return v.longValue();
    }
}
