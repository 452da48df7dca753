package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import org.tusk.nodes.Expr;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;
import org.tusk.utils.error.PgException;

/**
 * How an Agg computes its grouping sets: planner.c's preprocess_grouping_sets (sets with an
 * unsortable column must be hashed, a set that can be neither sorted nor hashed as a whole is
 * an error, the rest are divided into rollups) and consider_groupingsets_paths (the all-hashed
 * HashAggregate/MixedAggregate path, the sorted path with the later rollups hashed, and the
 * plain sorted path).
 *
 * <p>PostgreSQL chooses among those paths by cost; here the choice is the one the costs make
 * for the paths that exist: everything hashed when every rollup can be hashed and all the hash
 * tables fit in hash_mem, else the later rollups that the knapsack fits into hash_mem hashed
 * beside the sorted first one, else all sorted; with enable_hashagg off (disable_cost on the
 * hashed paths) the sorted path wins whenever it exists.
 */
final class GroupingSetStrategy {
    private GroupingSetStrategy() {}

    /** One rollup (RollupData): its keys (group clause resnos) in sort order, the set lengths (largest first). */
    record Rollup(List<Integer> keys, List<Integer> lengths, boolean hashed) {}

    /** The chosen path: the Agg's strategy and its rollups, hashed ones first (as create_groupingsets_plan chains them). */
    record Choice(Plan.AggStrategy strategy, List<Rollup> rollups) {}

    /**
     * What sizes the hash tables: {@code limitBytes} is get_hash_memory_limit (work_mem times
     * hash_mem_multiplier), {@code entryBytes} hash_agg_entry_size (the memory of one group),
     * {@code numGroups} the estimated groups of a grouping set (its resnos).
     */
    record HashSizing(double limitBytes, double entryBytes, ToDoubleFunction<List<Integer>> numGroups) {
        /** estimate_hashagg_tablesize for the groups of {@code sets}. */
        double tableBytes(List<List<Integer>> sets) {
            double groups = 0;
            for (List<Integer> set : sets) groups += numGroups.applyAsDouble(set);
            return entryBytes * groups;
        }

        /**
         * hash_agg_entry_size: the hash table entry, the group's key tuple (a minimal tuple of
         * the input's width) and its per-group transition states, each palloc'd chunk with its
         * header; {@code transitionSpace} is the by-reference transition values' estimated size.
         */
        static double entrySize(int numTrans, int tupleWidth, int transitionSpace) {
            int tupleChunk = CHUNK_HEADER + MINIMAL_TUPLE_HEADER + tupleWidth;
            int pergroupChunk = numTrans > 0 ? CHUNK_HEADER + numTrans * PER_GROUP_STATE : 0;
            int transitionChunk = transitionSpace > 0 ? CHUNK_HEADER + transitionSpace : 0;
            return TUPLE_HASH_ENTRY + tupleChunk + pergroupChunk + transitionChunk;
        }

        /** sizeof(TupleHashEntryData), CHUNKHDRSZ, MAXALIGN(SizeofMinimalTupleHeader), sizeof(AggStatePerGroupData). */
        private static final int TUPLE_HASH_ENTRY = 24, CHUNK_HEADER = 16, MINIMAL_TUPLE_HEADER = 16, PER_GROUP_STATE = 16;
    }

    /**
     * {@code sets}: the expanded grouping sets (resno lists, smallest first); {@code keyExprs}:
     * the group clause's expressions in its order; {@code canHash}: no aggregate needs ordered
     * input (numOrderedAggs == 0).
     */
    static Choice choose(Query q, List<List<Integer>> sets, List<Expr> keyExprs, boolean canHash, boolean enableHashagg,
                         HashSizing sizing) {
        Set<Integer> unsortableRefs = new HashSet<>(), unhashableRefs = new HashSet<>();
        for (int k = 0; k < keyExprs.size(); k++) {
            int type = keyExprs.get(k).type();
            if (!GroupingOperators.sortable(type)) unsortableRefs.add(q.groupClause().get(k));
            if (!GroupingOperators.hashable(type)) unhashableRefs.add(q.groupClause().get(k));
        }
        List<List<Integer>> unsortableSets = new ArrayList<>(), sortableSets = new ArrayList<>();
        for (List<Integer> set : sets) {
            if (overlaps(set, unsortableRefs)) {
                // an unsortable set must be hashable as a whole; parse analysis only checked
                // that each column can be sorted or hashed
                if (overlaps(set, unhashableRefs)) throw cannotImplement();
                unsortableSets.add(set);
            } else {
                sortableSets.add(set);
            }
        }
        List<List<List<Integer>>> chains = sortableSets.isEmpty() ? List.of()
                : GroupingSetPlanner.extractRollupSets(sortableSets);
        List<Integer> sortResnos = new ArrayList<>();
        if (chains.size() == 1) for (Query.SortClause sc : q.sortClause()) sortResnos.add(sc.resno());
        List<List<List<Integer>>> rollups = new ArrayList<>();   // each: its sets, largest first, as ordered keys
        List<Boolean> hashable = new ArrayList<>();
        boolean anyHashable = !unsortableSets.isEmpty();
        for (List<List<Integer>> chain : chains) {
            List<List<Integer>> ordered = GroupingSetPlanner.reorderGroupingSets(chain, sortResnos);
            rollups.add(ordered);
            // empty sets pretend to be hashable, but a rollup of nothing else is not
            boolean h = !ordered.get(0).isEmpty() && !overlaps(ordered.get(0), unhashableRefs);
            hashable.add(h);
            anyHashable |= h;
        }
        canHash &= anyHashable;

        Choice allHashed = canHash && (rollups.isEmpty() || fitsInHashMem(sets, sizing))
                ? allHashed(unsortableSets, rollups, hashable) : null;
        Choice mixed = canHash && !rollups.isEmpty() ? sortedWithHashes(unsortableSets, rollups, hashable, sizing) : null;
        Choice sorted = unsortableSets.isEmpty() && !rollups.isEmpty() ? sorted(rollups) : null;
        List<Choice> byPreference = enableHashagg ? java.util.Arrays.asList(allHashed, mixed, sorted)
                : java.util.Arrays.asList(sorted, allHashed, mixed);
        for (Choice c : byPreference) if (c != null) return c;
        throw cannotImplement();
    }

    /**
     * The !is_sorted branch hashes everything only if all the groups fit in hash_mem (with only
     * unsortable sets there is no other way, and hash_mem is overridden).
     */
    private static boolean fitsInHashMem(List<List<Integer>> sets, HashSizing sizing) {
        return sizing.tableBytes(sets) <= sizing.limitBytes();
    }

    /**
     * The !is_sorted branch: every non-empty set in its own hash table (the unsortable sets
     * first, then each rollup's sets), the empty sets in one sorted phase of their own
     * (AGG_MIXED); not possible if a rollup cannot be hashed or nothing non-empty is left.
     */
    private static Choice allHashed(List<List<Integer>> unsortableSets, List<List<List<Integer>>> rollups,
                                    List<Boolean> hashable) {
        List<List<Integer>> setsData = new ArrayList<>(unsortableSets);
        for (int i = 0; i < rollups.size(); i++) {
            if (!hashable.get(i)) return null;
            setsData.addAll(rollups.get(i));
        }
        List<Rollup> result = new ArrayList<>();
        List<Integer> empties = new ArrayList<>();
        for (List<Integer> set : setsData) {
            if (set.isEmpty()) empties.add(0);
            else result.add(hashedSet(set));
        }
        if (result.isEmpty()) return null;
        if (empties.isEmpty()) return new Choice(Plan.AggStrategy.HASHED, List.copyOf(result));
        result.add(new Rollup(List.of(), List.copyOf(empties), false));
        return new Choice(Plan.AggStrategy.MIXED, List.copyOf(result));
    }

    /**
     * The is_sorted branch with hashing: the first rollup keeps the input's sort order; the
     * unsortable sets are hashed, and of the later hashable rollups those that a knapsack fits
     * into what hash_mem leaves (each rollup weighing its hash tables' size, every rollup worth
     * one sort saved) are hashed set by set; the rest stay sorted. The hash tables are listed
     * first, in the reverse of the order they were taken (lcons). Null when nothing is hashed.
     */
    private static Choice sortedWithHashes(List<List<Integer>> unsortableSets, List<List<List<Integer>>> rollups,
                                           List<Boolean> hashable, HashSizing sizing) {
        List<List<Integer>> hashSets = new ArrayList<>(unsortableSets);
        List<Rollup> sortedRollups = new ArrayList<>();
        BitSet hashedRollups = knapsack(unsortableSets, rollups, hashable, sizing);
        for (int i = 0; i < rollups.size(); i++) {
            if (hashedRollups.get(i)) hashSets.addAll(rollups.get(i));
            else sortedRollups.add(sortedRollup(rollups.get(i)));
        }
        if (hashSets.isEmpty()) return null;
        List<Rollup> result = new ArrayList<>();
        for (List<Integer> set : hashSets) result.add(0, hashedSet(set));
        result.addAll(sortedRollups);
        return new Choice(Plan.AggStrategy.MIXED, List.copyOf(result));
    }

    /**
     * The rollups (indexes into {@code rollups}, never the first) to hash: the knapsack's
     * capacity is the hash_mem left after the unsortable sets' tables, scaled to about 20 units
     * per rollup (a 5% error margin), each hashable later rollup weighing its tables' size in
     * those units.
     */
    private static BitSet knapsack(List<List<Integer>> unsortableSets, List<List<List<Integer>>> rollups,
                                   List<Boolean> hashable, HashSizing sizing) {
        BitSet hashed = new BitSet();
        double availSpace = sizing.limitBytes() - sizing.tableBytes(unsortableSets);
        if (availSpace <= 0 || rollups.size() <= 1) return hashed;
        double scale = Math.max(availSpace / (20.0 * rollups.size()), 1.0);
        int capacity = (int) Math.floor(availSpace / scale);
        List<Integer> candidates = new ArrayList<>();
        for (int i = 1; i < rollups.size(); i++) if (hashable.get(i)) candidates.add(i);
        if (candidates.isEmpty()) return hashed;
        int[] weights = new int[candidates.size()];
        for (int k = 0; k < weights.length; k++) {
            double size = sizing.tableBytes(rollups.get(candidates.get(k)));
            // a huge table against a small hash_mem must not overflow the weight
            weights[k] = (int) Math.min(Math.floor(size / scale), capacity + 1.0);
        }
        BitSet items = DiscreteKnapsack.solve(capacity, weights);
        for (int k = items.nextSetBit(0); k >= 0; k = items.nextSetBit(k + 1)) hashed.set(candidates.get(k));
        return hashed;
    }

    private static Choice sorted(List<List<List<Integer>>> rollups) {
        List<Rollup> result = new ArrayList<>();
        for (List<List<Integer>> r : rollups) result.add(sortedRollup(r));
        return new Choice(Plan.AggStrategy.SORTED, List.copyOf(result));
    }

    private static Rollup sortedRollup(List<List<Integer>> ordered) {
        List<Integer> lengths = new ArrayList<>();
        for (List<Integer> set : ordered) lengths.add(set.size());
        return new Rollup(List.copyOf(ordered.get(0)), List.copyOf(lengths), false);
    }

    private static Rollup hashedSet(List<Integer> set) {
        return new Rollup(List.copyOf(set), List.of(set.size()), true);
    }

    private static boolean overlaps(List<Integer> set, Set<Integer> refs) {
        for (int r : set) if (refs.contains(r)) return true;
        return false;
    }

    private static PgException cannotImplement() {
        return PgException.error("0A000", "could not implement GROUP BY")
                .withDetail("Some of the datatypes only support hashing, while others only support sorting.");
    }
}
