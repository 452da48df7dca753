package org.tusk.access.gist;

import java.util.ArrayList;
import java.util.List;

import org.tusk.utils.adt.RangeBound;
import org.tusk.utils.adt.RangeValue;
import org.tusk.utils.adt.Ranges;

/**
 * range_ops (rangetypes_gist.c) for every range type: keys are ranges, an inner key the smallest
 * range covering its subtree (range_super_union). The leaf test is the operator itself
 * (range_gist_consistent_leaf); an inner key is tested with range_gist_consistent_int_range's
 * rules. PostgreSQL marks an inner key whose subtree holds an empty range (RANGE_CONTAIN_EMPTY);
 * Tusk's keys do not carry that flag, so the two strategies that need it (&lt;@, and = with an
 * empty query) never prune an inner key. All answers are exact: no recheck.
 */
final class GistRangeOps implements GistOpclass {
    static final GistRangeOps INSTANCE = new GistRangeOps();

    private GistRangeOps() {}

    /** The range strategy numbers (rangetypes.h RANGESTRAT_*). */
    static final int BEFORE = 1, OVERLEFT = 2, OVERLAPS = 3, OVERRIGHT = 4, AFTER = 5, ADJACENT = 6, CONTAINS = 7,
            CONTAINED_BY = 8, CONTAINS_ELEM = 16, EQ = 18;

    @Override
    public Object compress(Object value) {
        return value;
    }

    @Override
    public Match consistent(Object key, Object query, int strategy, boolean leaf) {
        RangeValue k = (RangeValue) key;
        if (strategy == CONTAINS_ELEM) return Match.of(Ranges.containsElem(k, query), false);
        RangeValue q = (RangeValue) query;
        boolean r = leaf ? leafConsistent(k, q, strategy) : innerConsistent(k, q, strategy);
        return Match.of(r, false);
    }

    private static boolean leafConsistent(RangeValue k, RangeValue q, int strategy) {
        return switch (strategy) {
            case BEFORE -> Ranges.before(k, q);
            case OVERLEFT -> Ranges.overLeft(k, q);
            case OVERLAPS -> Ranges.overlaps(k, q);
            case OVERRIGHT -> Ranges.overRight(k, q);
            case AFTER -> Ranges.after(k, q);
            case ADJACENT -> Ranges.adjacent(k, q);
            case CONTAINS -> Ranges.contains(k, q);
            case CONTAINED_BY -> Ranges.contains(q, k);
            case EQ -> Ranges.eq(k, q);
            default -> throw new IllegalStateException("unrecognized range strategy: " + strategy);
        };
    }

    private static boolean innerConsistent(RangeValue k, RangeValue q, int strategy) {
        boolean empties = k.isEmpty() || q.isEmpty();
        return switch (strategy) {
            case BEFORE -> !empties && !Ranges.overRight(k, q);
            case OVERLEFT -> !empties && !Ranges.after(k, q);
            case OVERLAPS -> Ranges.overlaps(k, q);
            case OVERRIGHT -> !empties && !Ranges.before(k, q);
            case AFTER -> !empties && !Ranges.overLeft(k, q);
            case ADJACENT -> !empties && (Ranges.adjacent(k, q) || Ranges.overlaps(k, q));
            case CONTAINS -> Ranges.contains(k, q);
            case CONTAINED_BY -> true;   // the subtree may hold an empty range (RangeIsOrContainsEmpty)
            case EQ -> q.isEmpty() || Ranges.contains(k, q);
            default -> throw new IllegalStateException("unrecognized range strategy: " + strategy);
        };
    }

    @Override
    public Object union(List<Object> keys) {
        RangeValue u = (RangeValue) keys.get(0);
        for (int i = 1; i < keys.size(); i++) u = superUnion(u, (RangeValue) keys.get(i));
        return u;
    }

    /** range_super_union: the smallest range covering both (an empty one adds nothing). */
    static RangeValue superUnion(RangeValue a, RangeValue b) {
        if (a.isEmpty()) return b;
        if (b.isEmpty()) return a;
        RangeBound lower = Ranges.cmpBounds(a.lowerBound(), b.lowerBound()) <= 0 ? a.lowerBound() : b.lowerBound();
        RangeBound upper = Ranges.cmpBounds(a.upperBound(), b.upperBound()) >= 0 ? a.upperBound() : b.upperBound();
        if (lower == a.lowerBound() && upper == a.upperBound()) return a;
        if (lower == b.lowerBound() && upper == b.upperBound()) return b;
        return Ranges.make(a.typeOid(), lower, upper, false);
    }

    /**
     * A coarse range_gist_penalty: 0 when {@code orig} already covers {@code add}, otherwise the
     * number of bounds it has to move (and more for mixing empty and non-empty ranges).
     * PostgreSQL measures the growth with the subtype's difference function where it has one.
     */
    @Override
    public double penalty(Object orig, Object add) {
        RangeValue o = (RangeValue) orig, a = (RangeValue) add;
        if (o.isEmpty()) return a.isEmpty() ? 0 : 4;
        if (a.isEmpty()) return 3;
        double p = 0;
        if (Ranges.cmpBounds(a.lowerBound(), o.lowerBound()) < 0) p++;
        if (Ranges.cmpBounds(a.upperBound(), o.upperBound()) > 0) p++;
        return p;
    }

    /** range_gist_single_sorting_split's idea: empties apart, the others by lower bound, halves. */
    @Override
    public boolean[] pickSplit(List<Object> keys) {
        int n = keys.size();
        List<Integer> empty = new ArrayList<>(), other = new ArrayList<>();
        for (int i = 0; i < n; i++) ((((RangeValue) keys.get(i)).isEmpty()) ? empty : other).add(i);
        boolean[] left = new boolean[n];
        if (!empty.isEmpty() && !other.isEmpty()) {
            for (int i : empty) left[i] = true;
            return left;
        }
        List<Integer> order = new ArrayList<>(empty.isEmpty() ? other : empty);
        if (empty.isEmpty()) {
            order.sort((x, y) -> {
                RangeValue a = (RangeValue) keys.get(x), b = (RangeValue) keys.get(y);
                int c = Ranges.cmpBounds(a.lowerBound(), b.lowerBound());
                return c != 0 ? c : Ranges.cmpBounds(a.upperBound(), b.upperBound());
            });
        }
        for (int i = 0; i < n / 2; i++) left[order.get(i)] = true;
        return left;
    }

    @Override
    public boolean same(Object a, Object b) {
        RangeValue x = (RangeValue) a, y = (RangeValue) b;
        return x.isEmpty() == y.isEmpty() && Ranges.eq(x, y);
    }
}
