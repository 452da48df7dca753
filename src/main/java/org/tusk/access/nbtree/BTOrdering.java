package org.tusk.access.nbtree;

import org.tusk.access.common.DatumType;
import org.tusk.utils.adt.Comparisons;

import java.util.Arrays;

/**
 * The B-tree support function 1 (BTORDER_PROC) of each key type's default operator family,
 * comparing an index value (left) with a value of the same or another type of the family (right):
 * btint2cmp/btint24cmp/btint48cmp ... (the integer family, cross-type), btoidcmp (unsigned),
 * btfloat48cmp and friends (NaN above everything, -0 = 0), btboolcmp, bttextcmp and btnamecmp in
 * the "C" collation (byte-wise on UTF-8, which is code point order), byteacmp (memcmp, then
 * length). Values of other types the executor knows are compared by
 * {@link Comparisons#compare}. Nulls are not compared here: they sort after every value
 * (NULLS LAST, the B-tree default) and the callers handle them.
 */
final class BTOrdering {
    private BTOrdering() {}

    private static long unsignedOid(Object v) {
        return v instanceof Integer i ? Integer.toUnsignedLong(i) : (Long) v;
    }

    /** The sign of (index value {@code a} of type {@code type}) compared with {@code b}. */
    static int compare(DatumType type, Object a, Object b) {
        switch (type) {
            case INT2, INT4, INT8 -> {
                if (b instanceof Short || b instanceof Integer || b instanceof Long) {
                    return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
                }
            }
            case OID -> {
                // An index value is an Integer (the 32 bits, unsigned); a scan key's may be a Long
                // (an oid[] literal's elements), and array keys are compared with each other too.
                if ((a instanceof Integer || a instanceof Long) && (b instanceof Integer || b instanceof Long)) {
                    return Long.compare(unsignedOid(a), unsignedOid(b));
                }
            }
            case FLOAT4, FLOAT8 -> {
                if (b instanceof Float || b instanceof Double) {
                    return floatCmp(((Number) a).doubleValue(), ((Number) b).doubleValue());
                }
            }
            case BOOL -> {
                if (b instanceof Boolean y) return Boolean.compare((Boolean) a, y);
            }
            case TEXT, NAME -> {
                if (b instanceof String y) return Integer.signum(Comparisons.compare(a, y));
            }
            case BPCHAR -> {
                // bpcharcmp (bpchar_ops; bpchar_pattern_ops's comparison also ignores trailing blanks)
                if (b instanceof String y) return Integer.signum(Comparisons.compareBpchar((String) a, y));
            }
            case BYTEA -> {
                if (b instanceof byte[] y) return Integer.signum(Arrays.compareUnsigned((byte[]) a, y));
            }
        }
        return Integer.signum(Comparisons.compare(a, b));
    }

    /** float8_cmp_internal: NaN equals NaN and is above every other value. */
    private static int floatCmp(double x, double y) {
        if (Double.isNaN(x)) return Double.isNaN(y) ? 0 : 1;
        if (Double.isNaN(y)) return -1;
        return x < y ? -1 : x > y ? 1 : 0;
    }
}
