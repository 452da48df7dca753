package org.tusk.utils.adt;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/** int2, int4 and int8 (PostgreSQL's int.c and int8.c): input, output, arithmetic, casts. */
public final class Ints {
    private Ints() {}

    static PgException outOfRange(String what) {
        return PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, what + " out of range");
    }

    public static PgException divByZero() {
        return PgException.error(SqlState.DIVISION_BY_ZERO, "division by zero");
    }

    /** Parses as pg_strtoint64 does; {@code typeName} is the SQL name used in messages. */
    private static long parse(String s, String typeName, long min, long max) {
        String t = s.strip();
        int i = 0;
        boolean neg = false;
        if (i < t.length() && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            neg = t.charAt(i) == '-';
            i++;
        }
        if (i >= t.length()) throw badSyntax(typeName, s);
        long v = 0;
        boolean overflow = false;
        for (; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') throw badSyntax(typeName, s);
            if (!overflow) {
                long nv = v * 10 - (c - '0'); // accumulate negatively to reach MIN
                if (v < Long.MIN_VALUE / 10 || nv > v) overflow = true; else v = nv;
            }
        }
        if (!overflow && !neg) {
            if (v == Long.MIN_VALUE) overflow = true; else v = -v;
        }
        if (overflow || v < min || v > max)
            throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "value \"" + s + "\" is out of range for type " + typeName);
        return v;
    }

    static PgException badSyntax(String typeName, String s) {
        return PgException.error(SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type " + typeName + ": \"" + s + "\"");
    }

    public static Short int2in(String s) { return (short) parse(s, "smallint", Short.MIN_VALUE, Short.MAX_VALUE); }
    public static Integer int4in(String s) { return (int) parse(s, "integer", Integer.MIN_VALUE, Integer.MAX_VALUE); }
    public static Long int8in(String s) { return parse(s, "bigint", Long.MIN_VALUE, Long.MAX_VALUE); }
    /** oidout: the uint32 in decimal, whether held as Integer bits (read from a tuple) or as a Long. */
    public static String oidout(Object v) {
        return v instanceof Integer i ? Integer.toUnsignedString(i) : v.toString();
    }

    /** oid input: accepts the unsigned 32-bit range and negative int4 values, like oidin. */
    public static Long oidin(String s) {
        long v = parse(s, "oid", Integer.MIN_VALUE, 0xFFFFFFFFL);
        return v & 0xFFFFFFFFL;
    }

    public static String out(Object v) { return v.toString(); }

    // ---- checked narrowing, with PostgreSQL's messages ----
    public static short toInt2(long v) {
        if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) throw outOfRange("smallint");
        return (short) v;
    }

    public static int toInt4(long v) {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) throw outOfRange("integer");
        return (int) v;
    }

    public static Short int2(Object v) { return toInt2(((Number) v).longValue()); }
    public static Integer int4(Object v) { return toInt4(((Number) v).longValue()); }
    public static Long int8(Object v) { return ((Number) v).longValue(); }

    /** Float to integer conversion: rint() then range check (float8 -> int4 etc). */
    public static long fromDouble(double d, String typeName, long min, long max) {
        double r = Math.rint(d);
        if (Double.isNaN(r) || r < (double) min || r >= -(double) min) throw outOfRange(typeName);
        long l = (long) r;
        if (l < min || l > max) throw outOfRange(typeName);
        return l;
    }

    public static long fromNumeric(BigDecimal d, String typeName, long min, long max) {
        if (d instanceof NumericSpecial) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot convert "
                    + (d == NumericSpecial.NAN ? "NaN" : "infinity") + " to " + typeName);
        }
        BigDecimal r = d.setScale(0, RoundingMode.HALF_UP);
        if (r.compareTo(BigDecimal.valueOf(min)) < 0 || r.compareTo(BigDecimal.valueOf(max)) > 0)
            throw outOfRange(typeName);
        return r.longValueExact();
    }

    // ---- arithmetic; 'bits' selects the type (16, 32, 64) ----
    private static long check(long v, int bits) {
        return switch (bits) {
            case 16 -> toInt2(v);
            case 32 -> toInt4(v);
            default -> v;
        };
    }

    private static String name(int bits) { return bits == 16 ? "smallint" : bits == 32 ? "integer" : "bigint"; }

    public static long add(long a, long b, int bits) {
        if (bits == 64) {
            try { return Math.addExact(a, b); } catch (ArithmeticException e) { throw outOfRange("bigint"); }
        }
        return check(a + b, bits);
    }

    public static long sub(long a, long b, int bits) {
        if (bits == 64) {
            try { return Math.subtractExact(a, b); } catch (ArithmeticException e) { throw outOfRange("bigint"); }
        }
        return check(a - b, bits);
    }

    public static long mul(long a, long b, int bits) {
        if (bits == 64) {
            try { return Math.multiplyExact(a, b); } catch (ArithmeticException e) { throw outOfRange("bigint"); }
        }
        return check(a * b, bits);
    }

    public static long div(long a, long b, int bits) {
        if (b == 0) throw divByZero();
        long min = bits == 16 ? Short.MIN_VALUE : bits == 32 ? Integer.MIN_VALUE : Long.MIN_VALUE;
        if (b == -1 && a == min) throw outOfRange(name(bits));
        return a / b;
    }

    public static long mod(long a, long b, int bits) {
        if (b == 0) throw divByZero();
        if (b == -1) return 0;
        return a % b;
    }

    public static long neg(long a, int bits) {
        long min = bits == 16 ? Short.MIN_VALUE : bits == 32 ? Integer.MIN_VALUE : Long.MIN_VALUE;
        if (a == min) throw outOfRange(name(bits));
        return -a;
    }

    public static long abs(long a, int bits) { return a < 0 ? neg(a, bits) : a; }
}
