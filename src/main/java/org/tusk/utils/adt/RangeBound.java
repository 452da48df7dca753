package org.tusk.utils.adt;

/**
 * One bound of a range, rangetypes.h's RangeBound: its value (null when infinite), whether it is
 * infinite, inclusive, and whether it is the lower bound. Comparison is range_cmp_bounds.
 */
public record RangeBound(Object value, boolean infinite, boolean inclusive, boolean lower) {
    public static RangeBound infinite(boolean lower) { return new RangeBound(null, true, false, lower); }

    RangeBound with(boolean inclusive, boolean lower) { return new RangeBound(value, infinite, inclusive, lower); }
}
