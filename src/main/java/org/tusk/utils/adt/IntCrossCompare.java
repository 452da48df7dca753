package org.tusk.utils.adt;

/**
 * The comparisons between integers of different widths (int2, int4, int8) that PostgreSQL's
 * int.c (int24eq ... int42ge, btint24cmp, btint42cmp) and int8.c (int48eq ... int82ge,
 * btint48cmp, btint84cmp, btint28cmp, btint82cmp) define. Every value of the narrower type is a
 * value of the wider one, so each compares the two as int8: no overflow and no rounding, which
 * is what lets these operators share the btree integer_ops family with the same-type ones.
 */
public final class IntCrossCompare {
    private IntCrossCompare() {}

    /** btint48cmp and friends: the sign of {@code a} compared with {@code b}, -1, 0 or 1. */
    public static int cmp(Object a, Object b) {
        return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
    }

    /** The result of the comparison operator {@code op} (=, <>, <, >, <=, >=) on {@code a} and {@code b}. */
    public static boolean test(String op, Object a, Object b) {
        int c = cmp(a, b);
        return switch (op) {
            case "=" -> c == 0;
            case "<>" -> c != 0;
            case "<" -> c < 0;
            case ">" -> c > 0;
            case "<=" -> c <= 0;
            case ">=" -> c >= 0;
            default -> throw new IllegalArgumentException("not a comparison operator: " + op);
        };
    }
}
