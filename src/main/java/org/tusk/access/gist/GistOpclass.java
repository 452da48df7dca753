package org.tusk.access.gist;

import java.util.List;

/**
 * The support functions of one GiST operator class (gist.h's GIST_CONSISTENT_PROC ...
 * GIST_FETCH_PROC), over keys as the index stores them: a {@code Box} for the geometric classes
 * (box_ops, point_ops, poly_ops, circle_ops), the range itself for range_ops. Implementations are
 * stateless singletons ({@link GistOpclasses}).
 */
interface GistOpclass {
    /** What consistent (and distance) answer: whether the entry may match, and whether the heap row must be rechecked. */
    record Match(boolean matches, boolean recheck) {
        static final Match NO = new Match(false, false), EXACT = new Match(true, false), LOSSY = new Match(true, true);

        static Match of(boolean matches, boolean recheck) {
            return !matches ? NO : recheck ? LOSSY : EXACT;
        }
    }

    /** A distance and whether it is only a lower bound of the heap row's (recheck of the ORDER BY). */
    record Distance(double value, boolean recheck) {}

    /** compress of a leaf value (the column's value, not null): the key to store. */
    Object compress(Object value);

    /** fetch: the column's value back from a leaf key, for index-only scans; null when the class has no fetch. */
    default Object fetch(Object key) {
        return null;
    }

    /** Whether the class has a fetch function (amcanreturn). */
    default boolean canFetch() {
        return false;
    }

    /** consistent(entry, query, strategy): may the entry (a leaf key, or the union of a subtree) satisfy {@code key op query}? */
    Match consistent(Object key, Object query, int strategy, boolean leaf);

    /** union: the key covering every key of {@code keys} (none null). */
    Object union(List<Object> keys);

    /** penalty: how much {@code orig} grows to take {@code add}. */
    double penalty(Object orig, Object add);

    /**
     * picksplit: which of {@code keys} (at least two) go to the left page; both sides end up
     * non-empty.
     */
    boolean[] pickSplit(List<Object> keys);

    /** same: whether two keys are equal (no update of a downlink is needed). */
    boolean same(Object a, Object b);

    /** distance(entry, query, strategy), for ORDER BY key op query; null when the class has no distance for it. */
    default Distance distance(Object key, Object query, int strategy, boolean leaf) {
        return null;
    }

    /** Whether the class has a sortsupport function (gistbuild's sorted build order), and the sort key. */
    default long sortKey(Object key) {
        return 0;
    }

    default boolean hasSortSupport() {
        return false;
    }
}
