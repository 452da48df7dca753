package org.tusk.utils.adt;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The integer functions of int.c and int8.c beyond plain arithmetic: gcd/lcm (int4gcd_internal,
 * int4lcm, int8gcd_internal, int8lcm) and the bitwise operators (int4and, int4or, int4xor,
 * int4not, int4shl, int4shr and their int2/int8 twins). {@code bits} (16, 32, 64) selects the
 * type; values are carried as long and the result is narrowed as the C code's return type does.
 */
public final class IntMath {
    private IntMath() {}

    private static long min(int bits) {
        return bits == 16 ? Short.MIN_VALUE : bits == 32 ? Integer.MIN_VALUE : Long.MIN_VALUE;
    }

    private static PgException outOfRange(int bits) {
        return PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                (bits == 16 ? "smallint" : bits == 32 ? "integer" : "bigint") + " out of range");
    }

    /**
     * int4gcd_internal/int8gcd_internal: Euclid on the values as given, with the greater absolute
     * value first; INT_MIN has no positive counterpart, so gcd(INT_MIN, 0) and gcd(INT_MIN, INT_MIN)
     * are out of range.
     */
    public static long gcd(long a, long b, int bits) {
        long min = min(bits);
        // compare absolute values in the negative range, where every value is representable
        long na = a < 0 ? a : -a, nb = b < 0 ? b : -b;
        if (na > nb) {
            long t = a;
            a = b;
            b = t;
        }
        if (a == min) {
            if (b == 0 || b == min) throw outOfRange(bits);
            if (b == -1) return 1; // INT_MIN % -1 traps on some machines
        }
        while (b != 0) {
            long t = b;
            b = a % b;
            a = t;
        }
        return a < 0 ? -a : a;
    }

    /** int4lcm/int8lcm: |a / gcd(a, b) * b|, 0 when either is 0; INT_MIN as a result is out of range. */
    public static long lcm(long a, long b, int bits) {
        if (a == 0 || b == 0) return 0;
        long g = gcd(a, b, bits);
        a = a / g;
        long r;
        if (bits == 64) {
            try {
                r = Math.multiplyExact(a, b);
            } catch (ArithmeticException e) {
                throw outOfRange(bits);
            }
        } else {
            r = a * b;
            if (r < min(bits) || r > -(min(bits) + 1)) throw outOfRange(bits);
        }
        if (r == min(bits)) throw outOfRange(bits);
        return r < 0 ? -r : r;
    }

    /** int2shl/int4shl/int8shl: C's shift on the promoted operand, masked like the hardware does. */
    public static long shl(long a, int n, int bits) {
        return switch (bits) {
            case 16 -> (short) ((int) a << n);
            case 32 -> (int) a << n;
            default -> a << n;
        };
    }

    /** int2shr/int4shr/int8shr: arithmetic right shift. */
    public static long shr(long a, int n, int bits) {
        return switch (bits) {
            case 16 -> (short) ((int) a >> n);
            case 32 -> (int) a >> n;
            default -> a >> n;
        };
    }
}
