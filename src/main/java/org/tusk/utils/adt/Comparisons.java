package org.tusk.utils.adt;

import java.math.BigDecimal;

/**
 * Total ordering of non-null Datums of the same type, as the btree comparison support functions
 * (btint4cmp, float8_cmp_internal, numeric_cmp, bttextcmp, ...). Text compares by code point (the
 * "C" collation). Floats order NaN above every other value and treat -0 as equal to 0.
 *
 * <p>Most types' Datums say what they are, so {@link #compare(Object, Object)} needs no type; a
 * character(n) value is a String like text, but its default btree operator class (bpchar_ops)
 * compares it with trailing blanks insignificant (bpcharcmp) and its hash operator class hashes
 * it without them (hashbpchar). Where the values being ordered, grouped or hashed have a known
 * type (a sort key, a group key, an array's element type, a record's column type),
 * {@link #compare(int, Object, Object)} and {@link #hash(int, Object)} are the support functions
 * of that type's default operator classes.
 */
public final class Comparisons {
    private Comparisons() {}

    /** BPCHAROID: character(n), whose comparisons ignore trailing blanks. */
    public static final int BPCHAR = 1042;

    /**
     * The comparison of {@code type}'s default btree operator class (its BTORDER_PROC) on two
     * non-null Datums: bpcharcmp for character, otherwise {@link #compare(Object, Object)}
     * (arrays and records compare their elements and columns by their own types).
     */
    public static int compare(int type, Object a, Object b) {
        if (type == BPCHAR && a instanceof String x && b instanceof String y) return compareBpchar(x, y);
        if (isUnsigned32(type) && a instanceof Number x && b instanceof Number y) return Long.compare(unsigned32(x), unsigned32(y));
        int unsignedElement = unsigned32ArrayElement(type);
        if (unsignedElement != 0 && (isArray(a) || isArray(b))) {
            // an oid[] read from a tuple is an int[] of the uint32s' bits: compare as array_cmp does, by the element type
            return asElements(a, unsignedElement).compareTo(asElements(b, unsignedElement));
        }
        return compare(a, b);
    }

    /** {@code v} as an array of {@code elemType}, also when its form did not record an element type. */
    private static ArrayValue asElements(Object v, int elemType) {
        ArrayValue a = ArrayValue.of(v, elemType);
        return a.elemType() == 0 ? a.withElemType(elemType) : a;
    }

    /**
     * The element type of the array types of the 32-bit unsigned identifiers (oid[], oidvector,
     * xid[], cid[], regproc[], regclass[], regtype[]: pg_type.dat's typelem), 0 for any other type.
     */
    private static int unsigned32ArrayElement(int type) {
        return switch (type) {
            case 1028, 30 -> 26;
            case 1011 -> 28;
            case 1012 -> 29;
            case 1008 -> 24;
            case 2210 -> 2205;
            case 2211 -> 2206;
            default -> 0;
        };
    }

    /**
     * Whether {@code type} is one of the 32-bit unsigned identifier types (oid and the reg* types,
     * xid, cid): btoidcmp compares them unsigned, and their Datums come both as Integer holding the
     * uint32's bits (read from a tuple) and as Long (the executor's form), which must agree.
     */
    public static boolean isUnsigned32(int type) {
        return switch (type) {
            case 26, 28, 29, 24, 2202, 2203, 2204, 2205, 2206, 3734, 3769, 4089, 4096, 4191 -> true;
            default -> false;
        };
    }

    /** The value of a 32-bit unsigned identifier in either of its Java forms (Integer bits or Long). */
    public static long unsigned32(Number v) {
        return v instanceof Integer i ? Integer.toUnsignedLong(i) : v.longValue() & 0xFFFFFFFFL;
    }

    /** Whether two Datums of {@code type} are equal by its default equality operator, NULL equal to NULL. */
    public static boolean equal(int type, Object a, Object b) {
        if (a == null || b == null) return a == b;
        return compare(type, a, b) == 0;
    }

    /**
     * A hash of a Datum of {@code type} that agrees with {@link #compare(int, Object, Object)}
     * (its hash operator class's support function): a character value is hashed without its
     * trailing blanks, as hashbpchar does.
     */
    public static int hash(int type, Object v) {
        if (type == BPCHAR && v instanceof String s) return Texts.bpcharTrim(s).hashCode();
        if (isUnsigned32(type) && v instanceof Number n) return Long.hashCode(unsigned32(n));
        int unsignedElement = unsigned32ArrayElement(type);
        if (unsignedElement != 0 && isArray(v)) return asElements(v, unsignedElement).hashCode();
        return hash(v);
    }

    /**
     * A hash that agrees with {@link #compare(Object, Object)}: integers of any width, numerics of
     * any scale and -0/+0 floats that compare equal hash alike; arrays and records hash as they
     * compare (by their element and column types).
     */
    public static int hash(Object v) {
        return switch (v) {
            case null -> 0;
            case Short s -> Long.hashCode(s);
            case Integer i -> Long.hashCode(i);
            case Long l -> Long.hashCode(l);
            case BigDecimal d -> d.signum() == 0 ? 0 : d.stripTrailingZeros().hashCode();
            case Double d -> d == 0.0 ? 0 : d.isNaN() ? 1 : Double.hashCode(d);
            case Float f -> f == 0.0f ? 0 : f.isNaN() ? 1 : Double.hashCode(f.doubleValue());
            case byte[] b -> java.util.Arrays.hashCode(b);
            case Object[] a -> ArrayValue.of(a, 0).hashCode();
            case Interval iv -> iv.cmpValue().hashCode();
            default -> v.hashCode();
        };
    }

    public static int compare(Object a, Object b) {
        if (isArray(a) || isArray(b)) return ArrayValue.of(a, 0).compareTo(ArrayValue.of(b, 0));
        if (a instanceof java.util.UUID x && b instanceof java.util.UUID y) return Uuids.compare(x, y);
        if (a instanceof Double x && b instanceof Double y) return cmpDouble(x, y);
        if (a instanceof Float x && b instanceof Float y) return cmpDouble(x, y);
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) return Numerics.cmp(x, y);
        if (a instanceof String x && b instanceof String y) return cmpText(x, y);
        if (a instanceof Interval x && b instanceof Interval y) return x.cmpValue().compareTo(y.cmpValue());
        if (a instanceof byte[] x && b instanceof byte[] y) return java.util.Arrays.compareUnsigned(x, y);
        if (a instanceof Number x && b instanceof Number y && !(a instanceof BigDecimal) && !(b instanceof BigDecimal))
            return Long.compare(x.longValue(), y.longValue());
        @SuppressWarnings("unchecked")
        Comparable<Object> c = (Comparable<Object>) a;
        return c.compareTo(b);
    }

    /**
     * bpcharcmp: two character(n) values compared without their trailing blanks (bcTruelen), so
     * 'a' and 'a  ' are equal whatever their declared lengths.
     */
    public static int compareBpchar(String a, String b) {
        return cmpText(Texts.bpcharTrim(a), Texts.bpcharTrim(b));
    }

    private static int cmpDouble(double x, double y) {
        if (Double.isNaN(x)) return Double.isNaN(y) ? 0 : 1;
        if (Double.isNaN(y)) return -1;
        return x < y ? -1 : x > y ? 1 : 0;
    }

    private static int cmpText(String x, String y) {
        int i = 0, j = 0;
        while (i < x.length() && j < y.length()) {
            int cx = x.codePointAt(i), cy = y.codePointAt(j);
            if (cx != cy) return Integer.compare(cx, cy);
            i += Character.charCount(cx);
            j += Character.charCount(cy);
        }
        return Integer.compare(x.length() - i, y.length() - j);
    }

    /** Whether {@code v} is an array value in one of its Java forms ({@link ArrayValue#of}). */
    private static boolean isArray(Object v) {
        return v instanceof ArrayValue || v instanceof Object[] || v instanceof short[] || v instanceof int[];
    }
}
