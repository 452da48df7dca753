package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.tusk.catalog.FunctionCallContext;
import org.tusk.executor.AggTransSharing;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;

/**
 * Grouping sets and GROUPING() for the Agg node (planner.c's preprocess_grouping_sets and
 * extract_rollup_sets, consume_groupingset_hint's sorted strategy only): the input is
 * projected, by its scan where it can, as make_group_input_target lays it out: one column per
 * GROUP BY expression (in target list order), then the input columns the rest reads; references
 * to grouping expressions above the Agg become references to those columns (so the Agg can null
 * the ones a set does not group), GROUPING() calls become references to the columns the Agg
 * appends for them; the aggregates read the input row, whose grouping columns are not nulled. The sets are divided into rollups as extract_rollup_sets and
 * reorder_grouping_sets divide them (so the phases, and with them the order of the result
 * rows, are PostgreSQL's); each rollup is one phase, sorted on its largest set's keys.
 */
final class GroupingSetPlanner {
    private GroupingSetPlanner() {}

    static boolean needed(Query q, List<Expr> tlist, Expr having) {
        if (!q.groupingSets().isEmpty()) return true;
        for (Expr e : tlist) if (ExprTrees.any(e, x -> x instanceof Expr.GroupingFunc)) return true;
        return ExprTrees.any(having, x -> x instanceof Expr.GroupingFunc);
    }

    /**
     * The Agg over {@code input} for the query's grouping sets; {@code tlist} and {@code having}
     * are over the input. {@code byResno}: {@code tlist} is the query's target list itself
     * (entry i is resno i + 1), not the input target of a window or set-returning level above.
     * How the sets are computed (sorted rollups, hash tables or both) is GroupingSetStrategy's.
     */
    static Plan.Agg plan(Query q, Plan input, List<Expr> tlist, Expr having, List<Expr.Aggref> aggs,
                         List<Expr> keyExprs, boolean byResno, PlannerInfo info) {
        // make_group_input_target: the grouping expressions, in target list order, then the input
        // columns the rest reads (in order of first reference, each once)
        InputLayout layout = InputLayout.of(q, input.width(), tlist, having, aggs, keyExprs, byResno);
        List<Expr> keyCols = new ArrayList<>();
        for (int k = 0; k < keyExprs.size(); k++) keyCols.add(Planner.column(layout.keyPos[k], keyExprs.get(k)));
        Plan projected = Planner.project(input, layout.target);
        int repWidth = layout.target.size();
        List<List<Integer>> groupingFuncs = new ArrayList<>();
        List<Expr> groupingShown = new ArrayList<>();
        Mapping m = new Mapping(q, keyExprs, keyCols, groupingFuncs, groupingShown, layout, repWidth);
        List<Expr> newTlist = new ArrayList<>();
        for (int i = 0; i < tlist.size(); i++) {
            // set_upper_references: a grouped target entry is matched by its sortgroupref first,
            // so two entries with equal expressions (g AS alias1, g AS alias2) stay distinct
            // grouping columns, and a constant grouped entry still goes to NULL where its set
            // does not group it; everything else is matched by expression
            int k = byResno ? q.groupClause().indexOf(i + 1) : -1;
            newTlist.add(k >= 0 ? keyCols.get(k)
                    : m.replaceKeys(tlist.get(i)));
        }
        Expr newHaving = having == null ? null : m.replaceKeys(having);
        // direct arguments of ordered-set aggregates are evaluated per group like the target
        // list, so they read the grouping columns (NULL where a set does not group them); the
        // other parts read the input row
        List<Expr.Aggref> newAggs = new ArrayList<>();
        for (Expr.Aggref a : aggs) {
            List<Expr> direct = new ArrayList<>();
            for (Expr d : a.directArgs()) direct.add(m.replaceKeys(d));
            newAggs.add((Expr.Aggref) layout.remap(a, List.copyOf(direct)));
        }

        List<List<Integer>> sets = new ArrayList<>();
        if (q.groupingSets().isEmpty()) sets.add(q.groupClause());
        else sets.addAll(q.groupingSets());
        boolean orderedAggs = false;
        for (Expr.Aggref a : aggs) orderedAggs |= a.distinct() || !a.order().isEmpty();
        // a plain GROUP BY (here for its GROUPING() calls) on keys that are the same for every row
        // reads its input in group order already: sorted, as for any GROUP BY (Planner.planAgg)
        boolean presorted = q.groupingSets().isEmpty() && !keyExprs.isEmpty()
                && keyExprs.stream().allMatch(Planner::constantGroupKey);
        GroupingSetStrategy.Choice chosen = GroupingSetStrategy.choose(q, sets, keyExprs, !orderedAggs && !presorted,
                ScanPaths.setting(info.glob.ctx, "enable_hashagg", true), hashSizing(info, q, input, keyExprs, aggs));
        List<Plan.GroupingSetPhase> phases = new ArrayList<>();
        for (GroupingSetStrategy.Rollup r : chosen.rollups()) {
            List<Integer> cols = new ArrayList<>();
            for (int ref : r.keys()) cols.add(layout.keyPos[q.groupClause().indexOf(ref)]);
            phases.add(new Plan.GroupingSetPhase(List.copyOf(cols), r.lengths(), r.hashed()));
        }
        // the first sorted phase reads its input sorted by a Sort node below
        // (create_groupingsets_plan); the later ones sort again inside the Agg
        List<Plan.SortKey> firstSort = new ArrayList<>();
        // (pathkeys hold each expression once: GROUP BY g AS a, g AS b sorts on g alone; a
        // pseudoconstant makes no pathkey, its equivalence class being redundant, so GROUP BY 1's
        // input is not sorted at all)
        List<Expr> sorted = new ArrayList<>();
        for (Plan.GroupingSetPhase phase : phases) {
            if (phase.hashed()) continue;
            for (int c : phase.sortColumns()) {
                Expr e = keyExprs.get(layout.keyAt(c));
                if (Planner.constantGroupKey(e)) continue;
                boolean dup = false;
                for (Expr x : sorted) dup |= ExprTrees.equal(x, e);
                if (dup) continue;
                sorted.add(e);
                firstSort.add(new Plan.SortKey(c, false, false, SortGroupTypes.of(e)));
            }
            break;
        }
        // (not when the scan reads the rows in that order: GroupPathkeys asked it to)
        Plan aggInput = firstSort.isEmpty() || info.groupOrderProvided ? projected
                : new Plan.Sort(projected, List.copyOf(firstSort));
        Plan.AggStrategy strategy = q.groupClause().isEmpty() ? Plan.AggStrategy.PLAIN : chosen.strategy();
        return new Plan.Agg(aggInput, strategy, List.copyOf(keyCols), List.copyOf(newAggs), List.copyOf(newTlist),
                newHaving, List.copyOf(phases), List.copyOf(groupingFuncs), List.copyOf(groupingShown));
    }

    /**
     * The hash tables' sizing for {@code input}: hash_mem from work_mem and hash_mem_multiplier;
     * a group holds a key tuple as wide as the grouping input's target (make_group_input_target:
     * the grouping expressions and the columns the aggregates read) and one state per distinct transition
     * (aggregates sharing a transition state count once); the groups of a set are
     * estimate_num_groups of its expressions over the input's rows. The by-reference
     * transition values' space (agg_costs' transitionSpace) is not counted: the built-in
     * aggregates do not record their transition types.
     */
    private static GroupingSetStrategy.HashSizing hashSizing(PlannerInfo info, Query q, Plan input,
                                                             List<Expr> keyExprs, List<Expr.Aggref> aggs) {
        FunctionCallContext ctx = info.glob.ctx;
        double limit = ScanPaths.memorySettingKb(ctx, "work_mem", 4096) * 1024.0
                * ScanPaths.setting(ctx, "hash_mem_multiplier", 2.0);
        PlanCosts.Estimate in = new PlanCosts(info.glob.env, ctx).of(input);
        int numTrans = 0;
        int[] trans = AggTransSharing.transNumbers(aggs);
        for (int i = 0; i < trans.length; i++) if (trans[i] == i) numTrans++;
        List<Expr> target = new ArrayList<>();
        for (Expr k : keyExprs) addUnique(target, k);
        for (Expr.Aggref a : aggs) {
            List<Expr> parts = new ArrayList<>(a.args());
            parts.addAll(a.directArgs());
            if (a.filter() != null) parts.add(a.filter());
            for (Expr.AggSort o : a.order()) parts.add(o.expr());
            for (Expr p : parts) ExprTrees.any(p, x -> {
                if (x instanceof Expr.Var v && v.levelsup() == 0) addUnique(target, v);
                return false;
            });
        }
        int width = 0;
        for (Expr e : target) width += PlanCosts.typeWidth(e.type(), e.typmod());
        double entry = GroupingSetStrategy.HashSizing.entrySize(numTrans, width, 0);
        GroupCounts counts = new GroupCounts(q, info.glob.env);
        return new GroupingSetStrategy.HashSizing(limit, entry, set -> {
            List<Expr> exprs = new ArrayList<>();
            for (int resno : set) exprs.add(q.targetList().get(resno - 1).expr());
            return counts.estimate(exprs, in.rows());
        });
    }

    private static void addUnique(List<Expr> exprs, Expr e) {
        for (Expr x : exprs) if (ExprTrees.equal(x, e)) return;
        exprs.add(e);
    }

    /**
     * Whether {@code plan}, the query's grouping-sets Agg itself, already returns the rows in
     * ORDER BY's order: create_groupingsets_path gives a sorted Agg of a single rollup the
     * group_pathkeys (its largest set's keys, ascending, nulls last; the smaller sets' rows,
     * with NULL for the keys they do not group, follow each prefix group), so an ORDER BY that
     * is a prefix of them needs no Sort.
     */
    static boolean providesOrder(Query q, Plan plan) {
        if (!(plan instanceof Plan.Agg a) || a.strategy() != Plan.AggStrategy.SORTED || a.phases().size() != 1
                || q.sortClause().isEmpty()) return false;
        // the Agg's output must be the query's target list (no window or set-returning level above)
        if (a.targetList().size() != q.targetList().size()) return false;
        Plan.GroupingSetPhase phase = a.phases().get(0);
        if (q.sortClause().size() > phase.sortColumns().size()) return false;
        for (int i = 0; i < q.sortClause().size(); i++) {
            Query.SortClause sc = q.sortClause().get(i);
            if (sc.desc() || sc.nullsFirst()) return false;
            // the GROUP BY item whose column the phase sorts on (the Agg's keys are in GROUP BY order)
            int k = -1;
            for (int j = 0; j < a.groupKeys().size(); j++)
                if (((Expr.Var) a.groupKeys().get(j)).attno() - 1 == phase.sortColumns().get(i)) k = j;
            if (k < 0 || q.groupClause().get(k) != sc.resno()) return false;
        }
        return true;
    }

    /**
     * extract_rollup_sets: the sets (smallest first, as analysis sorted them) divided into the
     * fewest chains in which each set contains the previous one, by a maximum matching of the
     * "is a proper subset of" graph; duplicates stay with their first copy and empty sets go
     * to the first chain. Each chain lists its sets smallest first.
     */
    static List<List<List<Integer>>> extractRollupSets(List<List<Integer>> sets) {
        int numEmpty = 0;
        while (numEmpty < sets.size() && sets.get(numEmpty).isEmpty()) numEmpty++;
        if (numEmpty == sets.size()) return List.of(sets);
        int raw = sets.size();
        List<List<List<Integer>>> origSets = new ArrayList<>();
        List<Set<Integer>> masks = new ArrayList<>();
        origSets.add(null);
        masks.add(null);
        int[][] adjacency = new int[raw + 1][];
        int jSize = 0, j = 0, i = 1;
        for (int c = numEmpty; c < raw; c++) {
            List<Integer> candidate = sets.get(c);
            Set<Integer> mask = Set.copyOf(candidate);
            int dupOf = 0;
            if (jSize == candidate.size()) {
                for (int k = j; k < i; k++) {
                    if (masks.get(k).equals(mask)) {
                        dupOf = k;
                        break;
                    }
                }
            } else if (jSize < candidate.size()) {
                jSize = candidate.size();
                j = i;
            }
            if (dupOf > 0) {
                origSets.get(dupOf).add(candidate);
                continue;
            }
            origSets.add(new ArrayList<>(List.of(candidate)));
            masks.add(mask);
            List<Integer> adj = new ArrayList<>();
            for (int k = j - 1; k > 0; k--) if (mask.containsAll(masks.get(k))) adj.add(k);
            adjacency[i] = adj.isEmpty() ? null : adj.stream().mapToInt(Integer::intValue).toArray();
            i++;
        }
        int numSets = i - 1;
        BipartiteMatch match = new BipartiteMatch(numSets, numSets, adjacency);
        int[] chains = new int[numSets + 1];
        int numChains = 0;
        for (i = 1; i <= numSets; i++) {
            int u = match.pairVU[i], v = match.pairUV[i];
            if (u > 0 && u < i) chains[i] = chains[u];
            else if (v > 0 && v < i) chains[i] = chains[v];
            else chains[i] = ++numChains;
        }
        List<List<List<Integer>>> results = new ArrayList<>();
        for (int c = 0; c < numChains; c++) results.add(new ArrayList<>());
        for (i = 1; i <= numSets; i++) results.get(chains[i] - 1).addAll(origSets.get(i));
        for (int e = 0; e < numEmpty; e++) results.get(0).add(0, List.of());
        return results;
    }

    /**
     * reorder_grouping_sets: each set (smallest first) becomes the previous one's keys followed
     * by its new keys, in ORDER BY's order as long as that fits (for a single rollup); the
     * result lists the sets largest first, each as its ordered keys.
     */
    static List<List<Integer>> reorderGroupingSets(List<List<Integer>> sets, List<Integer> sortClause) {
        List<Integer> previous = new ArrayList<>();
        List<List<Integer>> result = new ArrayList<>();
        List<Integer> sort = sortClause;
        for (List<Integer> candidate : sets) {
            List<Integer> newElems = new ArrayList<>(candidate);
            newElems.removeAll(previous);
            if (!newElems.isEmpty()) {
                while (sort.size() > previous.size() && !newElems.isEmpty()) {
                    Integer ref = sort.get(previous.size());
                    if (newElems.contains(ref)) {
                        previous.add(ref);
                        newElems.remove(ref);
                    } else {
                        sort = List.of();
                        break;
                    }
                }
                previous.addAll(newElems);
            }
            result.add(0, List.copyOf(previous));
        }
        return result;
    }

    /**
     * set_upper_references over the grouping input: the grouping expressions read their key
     * columns, aggregates and other Vars the input row, and each GROUPING() call a column the
     * node appends for it, whose call (its arguments mapped the same way, a sub-select in them
     * kept) {@code groupingShown} records for EXPLAIN.
     */
    private record Mapping(Query q, List<Expr> keyExprs, List<Expr> keyCols, List<List<Integer>> groupingFuncs,
                           List<Expr> groupingShown, InputLayout layout, int repWidth) {
        Expr replaceKeys(Expr e) {
            return ExprTrees.map(e, x -> {
                // an aggregate reads the input row (its copy in the target list, as EXPLAIN shows it)
                if (x instanceof Expr.Aggref a) return layout.remap(a, null);
                if (x instanceof Expr.GroupingFunc g) {
                    List<Integer> cols = new ArrayList<>();
                    for (int r : g.refs()) cols.add(layout.keyPos[q.groupClause().indexOf(r)]);
                    List<Expr> shownArgs = new ArrayList<>();
                    for (Expr arg : g.args()) shownArgs.add(replaceKeys(arg));
                    groupingFuncs.add(List.copyOf(cols));
                    groupingShown.add(new Expr.GroupingFunc(List.copyOf(shownArgs), g.refs(), 0, g.location()));
                    return new Expr.Var(Expr.Var.RESOLVED, repWidth + groupingFuncs.size(), g.type(), -1, null, -1, 0);
                }
                if (x instanceof Expr.Const) return null;
                for (int k = 0; k < keyExprs.size(); k++) if (ExprTrees.equal(keyExprs.get(k), x)) return keyCols.get(k);
                return layout.remapVar(x);
            });
        }
    }

    /**
     * The grouping input's columns (make_group_input_target): the grouping expressions first, in
     * target list order (one column per GROUP BY item, equal expressions too), then each input
     * column the other target entries, HAVING and the aggregates read, in order of first
     * reference; an input column that is itself a grouping expression is that column.
     * {@code target} computes them over the input; {@code keyPos} is each GROUP BY item's column.
     */
    private static final class InputLayout {
        final List<Expr> target = new ArrayList<>();
        final int[] keyPos;
        /** input column (0-based) -> grouping input column (0-based) */
        private final java.util.Map<Integer, Integer> inputPos = new java.util.HashMap<>();

        private InputLayout(int keys) {
            keyPos = new int[keys];
        }

        static InputLayout of(Query q, int inputWidth, List<Expr> tlist, Expr having, List<Expr.Aggref> aggs,
                              List<Expr> keyExprs, boolean byResno) {
            InputLayout l = new InputLayout(keyExprs.size());
            List<Integer> byTlistOrder = new ArrayList<>();
            for (int k = 0; k < keyExprs.size(); k++) byTlistOrder.add(k);
            byTlistOrder.sort(java.util.Comparator.comparingInt(k -> q.groupClause().get(k)));
            for (int k : byTlistOrder) {
                l.keyPos[k] = l.target.size();
                l.target.add(keyExprs.get(k));
                if (keyExprs.get(k) instanceof Expr.Var v && v.varno() == Expr.Var.RESOLVED && v.levelsup() == 0)
                    l.inputPos.putIfAbsent(v.attno() - 1, l.keyPos[k]);
            }
            for (int i = 0; i < tlist.size(); i++) {
                if (byResno && q.groupClause().contains(i + 1)) continue;
                l.collect(tlist.get(i));
            }
            l.collect(having);
            for (Expr.Aggref a : aggs) l.collect(a);
            return l;
        }

        /** Adds the input columns {@code e} reads (pull_var_clause, into aggregates too). */
        private void collect(Expr e) {
            if (e == null) return;
            ExprTrees.map(e, x -> {
                if (x instanceof Expr.Var v && v.varno() == Expr.Var.RESOLVED && v.levelsup() == 0
                        && !inputPos.containsKey(v.attno() - 1)) {
                    inputPos.put(v.attno() - 1, target.size());
                    target.add(v);
                }
                return null;
            });
        }

        /** An input column reference as a reference to its grouping input column; null for anything else. */
        Expr remapVar(Expr x) {
            if (!(x instanceof Expr.Var v) || v.varno() != Expr.Var.RESOLVED || v.levelsup() != 0) return null;
            Integer pos = inputPos.get(v.attno() - 1);
            if (pos == null) throw new IllegalStateException("grouping input lacks input column " + v.attno());
            return new Expr.Var(Expr.Var.RESOLVED, pos + 1, v.type(), v.typmod(), v.name(), v.location(), 0);
        }

        /**
         * {@code a} reading the grouping input, its direct arguments replaced by {@code direct}
         * (already mapped), or, when null, its own with their input columns mapped.
         */
        Expr remap(Expr.Aggref a, List<Expr> direct) {
            java.util.function.UnaryOperator<Expr> m = e -> e == null ? null : ExprTrees.map(e, this::remapVar);
            if (direct == null) {
                List<Expr> d = new ArrayList<>();
                for (Expr x : a.directArgs()) d.add(m.apply(x));
                direct = List.copyOf(d);
            }
            List<Expr> args = new ArrayList<>();
            for (Expr x : a.args()) args.add(m.apply(x));
            List<Expr.AggSort> order = new ArrayList<>();
            for (Expr.AggSort o : a.order()) order.add(o.withExpr(m.apply(o.expr())));
            return a.withParts(direct, List.copyOf(args), m.apply(a.filter()), List.copyOf(order));
        }

        /** The GROUP BY item whose column is {@code c}. */
        int keyAt(int c) {
            for (int k = 0; k < keyPos.length; k++) if (keyPos[k] == c) return k;
            throw new IllegalStateException("no grouping column " + c);
        }
    }
}
