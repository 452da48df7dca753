package org.tusk.nodes;

import java.util.AbstractList;
import java.util.List;

/**
 * {@link Query#groupingSets()} as parse analysis makes it: the expanded grouping sets (each a
 * list of resnos, in PostgreSQL's order), which the planner reads, together with the GROUP BY
 * as it was written, which is what PostgreSQL's Query.groupingSets holds (the ROLLUP, CUBE and
 * GROUPING SETS nodes before the planner's expand_grouping_sets) and what ruleutils prints
 * (get_rule_groupingset), so that a view's definition keeps its ROLLUP. Equality is the list's:
 * the sets alone.
 */
public final class GroupingSetList extends AbstractList<List<Integer>> {
    /** parsenodes.h GroupingSetKind. */
    public enum Kind { EMPTY, SIMPLE, ROLLUP, CUBE, SETS }

    /**
     * One GroupingSet node of the written GROUP BY: SIMPLE holds resnos ({@code refs}), ROLLUP,
     * CUBE and SETS hold sets ({@code content}), EMPTY nothing.
     */
    public record Written(Kind kind, List<Integer> refs, List<Written> content) {
        public static Written simple(List<Integer> refs) {
            return new Written(Kind.SIMPLE, List.copyOf(refs), List.of());
        }
    }

    private final List<List<Integer>> sets;
    private final List<Written> written;
    private final boolean distinct;

    /**
     * {@code sets} expanded from the top-level items {@code written} (transformGroupClause's
     * gsets); {@code distinct} for GROUP BY DISTINCT.
     */
    public GroupingSetList(List<List<Integer>> sets, List<Written> written, boolean distinct) {
        this.sets = List.copyOf(sets);
        this.written = List.copyOf(written);
        this.distinct = distinct;
    }

    /** The top-level items of the GROUP BY as written. */
    public List<Written> written() {
        return written;
    }

    /** GROUP BY DISTINCT (Query.groupDistinct). */
    public boolean distinct() {
        return distinct;
    }

    @Override
    public List<Integer> get(int index) {
        return sets.get(index);
    }

    @Override
    public int size() {
        return sets.size();
    }
}
