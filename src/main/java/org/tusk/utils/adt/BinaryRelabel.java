package org.tusk.utils.adt;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * A binary-coercible cast (castmethod 'b', PostgreSQL's RelabelType) between types whose values
 * Tusk holds in different Java classes: the Datum's bits stay what they are and are read as the
 * other type, as PostgreSQL reads the same Datum under another type OID. Only pass-by-value types
 * of equal length can differ in their Java class this way (CreateCast refuses physically
 * incompatible types), so the bits of the value are its whole representation.
 */
public final class BinaryRelabel {
    private BinaryRelabel() {}

    /** The Datum bits of a pass-by-value value (its Java class decides how they are laid out). */
    public static long bits(Object v) {
        return switch (v) {
            case Long l -> l;
            case Double d -> Double.doubleToRawLongBits(d);
            case Integer i -> i;
            case Float f -> Float.floatToRawIntBits(f);
            case Short s -> s;
            case Boolean b -> b ? 1 : 0;
            case Byte b -> b;
            default -> throw PgException.error(SqlState.INTERNAL_ERROR,
                    "cannot relabel a value of " + v.getClass().getSimpleName());
        };
    }

    /** The value of class {@code target} whose Datum bits are {@code bits} (truncated to its length). */
    public static Object fromBits(long bits, Class<?> target) {
        if (target == Long.class) return bits;
        if (target == Double.class) return Double.longBitsToDouble(bits);
        if (target == Integer.class) return (int) bits;
        if (target == Float.class) return Float.intBitsToFloat((int) bits);
        if (target == Short.class) return (short) bits;
        if (target == Boolean.class) return (bits & 0xFF) != 0;
        if (target == Byte.class) return (byte) bits;
        throw PgException.error(SqlState.INTERNAL_ERROR, "cannot relabel a value as " + target.getSimpleName());
    }

    /** {@code v} read as a value of class {@code target}: itself when the class is already that. */
    public static Object relabel(Object v, Class<?> target) {
        if (v == null || target.isInstance(v)) return v;
        return fromBits(bits(v), target);
    }
}
