package org.tusk.utils.adt;

import java.util.Objects;

/**
 * A value of a range type, PostgreSQL's RangeType after range_deserialize: the range type's OID
 * (rangetypid, which the stored form carries too), the flags byte and the two bound values.
 * A bound value is null when that bound is infinite, and both are null for an empty range.
 * Values are made only by {@link Ranges#make} (make_range), so they are always normalised: an
 * empty range has flags {@link #EMPTY} alone, infinite bounds are exclusive, and a discrete
 * range is in its canonical form. Equality and ordering are range_eq and range_cmp (the
 * subtype's btree order), so values hash, group and sort as PostgreSQL's do.
 */
public record RangeValue(int typeOid, int flags, Object lower, Object upper) implements Comparable<RangeValue> {
    /** rangetypes.h RANGE_EMPTY ... RANGE_UB_INF. */
    public static final int EMPTY = 0x01, LB_INC = 0x02, UB_INC = 0x04, LB_INF = 0x08, UB_INF = 0x10;

    public boolean isEmpty() { return (flags & EMPTY) != 0; }

    /** The lower bound (lower = true) or the upper one, as range_deserialize returns it. */
    public RangeBound lowerBound() {
        return new RangeBound(lower, (flags & LB_INF) != 0, (flags & LB_INC) != 0, true);
    }

    public RangeBound upperBound() {
        return new RangeBound(upper, (flags & UB_INF) != 0, (flags & UB_INC) != 0, false);
    }

    @Override
    public int compareTo(RangeValue o) {
        return Ranges.cmp(this, o);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RangeValue r && r.typeOid == typeOid && Ranges.cmp(this, r) == 0;
    }

    /** Consistent with equals: numeric bounds hash by their normalised value. */
    @Override
    public int hashCode() {
        return Objects.hash(typeOid, flags, norm(lower), norm(upper));
    }

    private static Object norm(Object v) {
        return v instanceof java.math.BigDecimal d ? (d.signum() == 0 ? java.math.BigDecimal.ZERO : d.stripTrailingZeros()) : v;
    }

    @Override
    public String toString() {
        return RangeIO.out(this, String::valueOf);
    }
}
