package org.tusk.utils.adt;

import java.math.BigDecimal;

/**
 * Total ordering of non-null Datums of the same type, as the btree comparison support functions
 * (btint4cmp, float8_cmp_internal, numeric_cmp, bttextcmp, ...). Text compares by code point (the
 * "C" collation). Floats order NaN above every other value and treat -0 as equal to 0.
 */
public final class Comparisons {
    private Comparisons() {}

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
