package org.tusk.utils.adt;

import static org.tusk.utils.adt.RangeValue.*;

import org.tusk.utils.error.PgException;

/**
 * The range functions and operators of rangetypes.c on {@link RangeValue}s: make_range,
 * range_cmp_bounds, range_cmp, the containment, overlap, position and adjacency predicates,
 * union, intersection, difference and range_merge. Bound values compare with the subtype's
 * btree order ({@link Comparisons#compare}, the "C" collation for text subtypes).
 */
public final class Ranges {
    private Ranges() {}

    /** ERRCODE_DATA_EXCEPTION, which range errors use. */
    static final String DATA_EXCEPTION = "22000";

    /** The empty range of type {@code typeOid}. */
    public static RangeValue empty(int typeOid) { return new RangeValue(typeOid, EMPTY, null, null); }

    /**
     * make_range (range_serialize's checks and the canonical function): the range between two
     * bounds, empty if {@code empty} or if they meet without both being inclusive.
     */
    public static RangeValue make(int typeOid, RangeBound lower, RangeBound upper, boolean empty) {
        RangeTypes.Info info = RangeTypes.info(typeOid);
        if (!empty && !lower.infinite() && !upper.infinite()) {
            int c = Comparisons.compare(lower.value(), upper.value());
            if (c > 0)
                throw PgException.error(DATA_EXCEPTION, "range lower bound must be less than or equal to range upper bound");
            if (c == 0 && !(lower.inclusive() && upper.inclusive())) empty = true;
        }
        if (empty) return empty(typeOid);
        lower = RangeTypes.canonicalize(info.canonical(), lower);
        upper = RangeTypes.canonicalize(info.canonical(), upper);
        // a canonical function can make the range empty ([1,1) after (0,1) ...)
        if (!lower.infinite() && !upper.infinite() && info.canonical() != RangeTypes.Canonical.NONE) {
            int c = Comparisons.compare(lower.value(), upper.value());
            if (c > 0 || (c == 0 && !(lower.inclusive() && upper.inclusive()))) return empty(typeOid);
        }
        int flags = 0;
        if (lower.infinite()) flags |= LB_INF; else if (lower.inclusive()) flags |= LB_INC;
        if (upper.infinite()) flags |= UB_INF; else if (upper.inclusive()) flags |= UB_INC;
        return new RangeValue(typeOid, flags, lower.infinite() ? null : lower.value(), upper.infinite() ? null : upper.value());
    }

    /**
     * range_constructor2/3: bounds given as values (null: infinite) and the flags text "[)",
     * "[]", "(]" or "()".
     */
    public static RangeValue construct(int typeOid, Object lower, Object upper, String flags) {
        if (flags.length() != 2 || "[(".indexOf(flags.charAt(0)) < 0 || "])".indexOf(flags.charAt(1)) < 0)
            throw PgException.error(org.tusk.utils.error.SqlState.SYNTAX_ERROR, "invalid range bound flags")
                    .withHint("Valid values are \"[]\", \"[)\", \"(]\", and \"()\".");
        RangeBound lb = lower == null ? RangeBound.infinite(true) : new RangeBound(lower, false, flags.charAt(0) == '[', true);
        RangeBound ub = upper == null ? RangeBound.infinite(false) : new RangeBound(upper, false, flags.charAt(1) == ']', false);
        return make(typeOid, lb, ub, false);
    }

    /** range_cmp_bounds: orders bounds, lower and upper ones alike, by where they cut the subtype. */
    public static int cmpBounds(RangeBound b1, RangeBound b2) {
        if (b1.infinite() && b2.infinite()) return b1.lower() == b2.lower() ? 0 : b1.lower() ? -1 : 1;
        if (b1.infinite()) return b1.lower() ? -1 : 1;
        if (b2.infinite()) return b2.lower() ? 1 : -1;
        int r = Comparisons.compare(b1.value(), b2.value());
        if (r != 0) return r;
        if (!b1.inclusive() && !b2.inclusive()) return b1.lower() == b2.lower() ? 0 : b1.lower() ? 1 : -1;
        if (!b1.inclusive()) return b1.lower() ? 1 : -1;
        if (!b2.inclusive()) return b2.lower() ? -1 : 1;
        return 0;
    }

    /** range_cmp_bound_values: compares only the values (and infinities), not inclusivity. */
    static int cmpBoundValues(RangeBound b1, RangeBound b2) {
        if (b1.infinite() && b2.infinite()) return b1.lower() == b2.lower() ? 0 : b1.lower() ? -1 : 1;
        if (b1.infinite()) return b1.lower() ? -1 : 1;
        if (b2.infinite()) return b2.lower() ? 1 : -1;
        return Comparisons.compare(b1.value(), b2.value());
    }

    /** range_cmp: the btree order; empty ranges sort before all others. */
    public static int cmp(RangeValue r1, RangeValue r2) {
        checkSameType(r1, r2);
        if (r1.isEmpty() || r2.isEmpty()) return r1.isEmpty() && r2.isEmpty() ? 0 : r1.isEmpty() ? -1 : 1;
        int c = cmpBounds(r1.lowerBound(), r2.lowerBound());
        return c != 0 ? c : cmpBounds(r1.upperBound(), r2.upperBound());
    }

    private static void checkSameType(RangeValue r1, RangeValue r2) {
        if (r1.typeOid() != r2.typeOid())
            throw PgException.error(org.tusk.utils.error.SqlState.INTERNAL_ERROR, "range types do not match");
    }

    public static boolean eq(RangeValue r1, RangeValue r2) { return cmp(r1, r2) == 0; }

    /** range_contains_internal: r1 @> r2. */
    public static boolean contains(RangeValue r1, RangeValue r2) {
        checkSameType(r1, r2);
        if (r2.isEmpty()) return true;
        if (r1.isEmpty()) return false;
        return cmpBounds(r1.lowerBound(), r2.lowerBound()) <= 0 && cmpBounds(r1.upperBound(), r2.upperBound()) >= 0;
    }

    /** range_contains_elem_internal: r @> value. */
    public static boolean containsElem(RangeValue r, Object v) {
        if (r.isEmpty()) return false;
        if ((r.flags() & LB_INF) == 0) {
            int c = Comparisons.compare(r.lower(), v);
            if (c > 0 || (c == 0 && (r.flags() & LB_INC) == 0)) return false;
        }
        if ((r.flags() & UB_INF) == 0) {
            int c = Comparisons.compare(r.upper(), v);
            if (c < 0 || (c == 0 && (r.flags() & UB_INC) == 0)) return false;
        }
        return true;
    }

    /** range_overlaps_internal: r1 &amp;&amp; r2. */
    public static boolean overlaps(RangeValue r1, RangeValue r2) {
        checkSameType(r1, r2);
        if (r1.isEmpty() || r2.isEmpty()) return false;
        RangeBound l1 = r1.lowerBound(), u1 = r1.upperBound(), l2 = r2.lowerBound(), u2 = r2.upperBound();
        return (cmpBounds(l1, l2) >= 0 && cmpBounds(l1, u2) <= 0) || (cmpBounds(l2, l1) >= 0 && cmpBounds(l2, u1) <= 0);
    }

    /** range_before_internal: r1 &lt;&lt; r2. */
    public static boolean before(RangeValue r1, RangeValue r2) {
        checkSameType(r1, r2);
        return !r1.isEmpty() && !r2.isEmpty() && cmpBounds(r1.upperBound(), r2.lowerBound()) < 0;
    }

    /** range_after_internal: r1 &gt;&gt; r2. */
    public static boolean after(RangeValue r1, RangeValue r2) {
        checkSameType(r1, r2);
        return !r1.isEmpty() && !r2.isEmpty() && cmpBounds(r1.lowerBound(), r2.upperBound()) > 0;
    }

    /** range_overleft_internal: r1 &amp;&lt; r2 (r1 does not extend to the right of r2). */
    public static boolean overLeft(RangeValue r1, RangeValue r2) {
        checkSameType(r1, r2);
        return !r1.isEmpty() && !r2.isEmpty() && cmpBounds(r1.upperBound(), r2.upperBound()) <= 0;
    }

    /** range_overright_internal: r1 &amp;&gt; r2 (r1 does not extend to the left of r2). */
    public static boolean overRight(RangeValue r1, RangeValue r2) {
        checkSameType(r1, r2);
        return !r1.isEmpty() && !r2.isEmpty() && cmpBounds(r1.lowerBound(), r2.lowerBound()) >= 0;
    }

    /**
     * bounds_adjacent: whether upper bound {@code a} and lower bound {@code b} touch with nothing
     * between them. For a discrete type, values between are detected by canonicalising the
     * range between the two bounds and seeing whether it is empty.
     */
    static boolean boundsAdjacent(int typeOid, RangeBound a, RangeBound b) {
        int c = cmpBoundValues(a, b);
        if (c < 0) {
            if (RangeTypes.info(typeOid).canonical() == RangeTypes.Canonical.NONE) return false;
            RangeValue between = make(typeOid, new RangeBound(a.value(), a.infinite(), !a.inclusive(), true),
                    new RangeBound(b.value(), b.infinite(), !b.inclusive(), false), false);
            return between.isEmpty();
        }
        if (c == 0) return a.inclusive() != b.inclusive();
        return false;
    }

    /** range_adjacent_internal: r1 -|- r2. */
    public static boolean adjacent(RangeValue r1, RangeValue r2) {
        checkSameType(r1, r2);
        if (r1.isEmpty() || r2.isEmpty()) return false;
        return boundsAdjacent(r1.typeOid(), r1.upperBound(), r2.lowerBound())
                || boundsAdjacent(r1.typeOid(), r2.upperBound(), r1.lowerBound());
    }

    /** range_union_internal: r1 + r2, or range_merge (strict = false) which may fill a gap. */
    public static RangeValue union(RangeValue r1, RangeValue r2, boolean strict) {
        checkSameType(r1, r2);
        if (r1.isEmpty()) return r2;
        if (r2.isEmpty()) return r1;
        if (strict && !overlaps(r1, r2) && !adjacent(r1, r2))
            throw PgException.error(DATA_EXCEPTION, "result of range union would not be contiguous");
        RangeBound l = cmpBounds(r1.lowerBound(), r2.lowerBound()) < 0 ? r1.lowerBound() : r2.lowerBound();
        RangeBound u = cmpBounds(r1.upperBound(), r2.upperBound()) > 0 ? r1.upperBound() : r2.upperBound();
        return make(r1.typeOid(), l, u, false);
    }

    /** range_intersect_internal: r1 * r2. */
    public static RangeValue intersect(RangeValue r1, RangeValue r2) {
        checkSameType(r1, r2);
        if (r1.isEmpty() || r2.isEmpty() || !overlaps(r1, r2)) return empty(r1.typeOid());
        RangeBound l = cmpBounds(r1.lowerBound(), r2.lowerBound()) >= 0 ? r1.lowerBound() : r2.lowerBound();
        RangeBound u = cmpBounds(r1.upperBound(), r2.upperBound()) <= 0 ? r1.upperBound() : r2.upperBound();
        return make(r1.typeOid(), l, u, false);
    }

    /** range_minus_internal: r1 - r2, an error if the result would be two pieces. */
    public static RangeValue minus(RangeValue r1, RangeValue r2) {
        checkSameType(r1, r2);
        if (r1.isEmpty() || r2.isEmpty()) return r1;
        RangeBound l1 = r1.lowerBound(), u1 = r1.upperBound(), l2 = r2.lowerBound(), u2 = r2.upperBound();
        int cl1l2 = cmpBounds(l1, l2), cl1u2 = cmpBounds(l1, u2), cu1l2 = cmpBounds(u1, l2), cu1u2 = cmpBounds(u1, u2);
        if (cl1l2 < 0 && cu1u2 > 0) throw PgException.error(DATA_EXCEPTION, "result of range difference would not be contiguous");
        if (cl1u2 > 0 || cu1l2 < 0) return r1;
        if (cl1l2 >= 0 && cu1u2 <= 0) return empty(r1.typeOid());
        if (cl1l2 <= 0 && cu1l2 >= 0 && cu1u2 <= 0)
            return make(r1.typeOid(), l1, l2.with(!l2.inclusive(), false), false);
        if (cl1l2 >= 0 && cu1u2 >= 0 && cl1u2 <= 0)
            return make(r1.typeOid(), u2.with(!u2.inclusive(), true), u1, false);
        throw PgException.error(org.tusk.utils.error.SqlState.INTERNAL_ERROR, "unexpected case in range_minus");
    }

    /** lower(): the lower bound's value, null when empty or infinite. */
    public static Object lower(RangeValue r) { return r.isEmpty() || (r.flags() & LB_INF) != 0 ? null : r.lower(); }

    public static Object upper(RangeValue r) { return r.isEmpty() || (r.flags() & UB_INF) != 0 ? null : r.upper(); }

    /**
     * hash_range: the flags byte hashed, the lower bound's hash mixed in, rotated one bit, and
     * the upper bound's hash mixed in; {@code subHash} is the subtype's hash function.
     */
    public static int hash(RangeValue r, java.util.function.ToIntFunction<Object> subHash) {
        int h = (int) HashFuncs.hashUint32Extended(r.flags() & 0xFF, 0);
        int lh = r.isEmpty() || (r.flags() & LB_INF) != 0 ? 0 : subHash.applyAsInt(r.lower());
        int uh = r.isEmpty() || (r.flags() & UB_INF) != 0 ? 0 : subHash.applyAsInt(r.upper());
        h ^= lh;
        h = Integer.rotateLeft(h, 1);
        return h ^ uh;
    }
}
