package org.tusk.executor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tusk.catalog.OrderedSetAggregate;
import org.tusk.catalog.PgAggregate;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Plan;
import org.tusk.utils.adt.Comparisons;

/**
 * nodeAgg.c: per group, one transition state per aggregate. A row feeds an aggregate if its
 * FILTER passes and (except count(*)) its first argument is not NULL; DISTINCT and ORDER BY
 * aggregates collect their inputs and feed them sorted at the end of the group, a DISTINCT one
 * skipping inputs equal to the previous (by the arguments' types: character values without their
 * trailing blanks), as PostgreSQL's sorted-input aggregates do. Group keys are compared and
 * hashed by their types' default operator classes too. The group's output is the target list over the group's first
 * input row with the final aggregate values, filtered by HAVING. Grouping sets run as phases
 * over the materialized input: the hashed phases' groups are collected in hash tables, the
 * sorted phases' (rollups') in sort order, and the hash tables are emitted last. Aggregates
 * that can share a transition state or a result (AggTransSharing) compute it once.
 */
final class AggState extends PlanState {
    private final Plan.Agg plan;
    private final PlanState child;
    private final ExecContext ctx;
    private Iterator<Group> groups;
    /** SORTED: the first row of the next group, read ahead. */
    private Object[] pending;
    private boolean inputDone;

    /** One group's transition states, first input row and the collected inputs of DISTINCT and ORDER BY aggregates. */
    private final class Group {
        final Object[] states;
        final Object[] first;
        /** Per aggregate with DISTINCT or ORDER BY: its inputs as {args, ORDER BY values}, sorted at the end. */
        final List<List<Object[][]>> ordered = new ArrayList<>();

        Group(Object[] first) {
            this.first = first;
            List<Expr.Aggref> aggs = plan.aggs();
            states = new Object[aggs.size()];
            for (int i = 0; i < states.length; i++) {
                states[i] = aggs.get(i).agg().impl().init();
                ordered.add(aggs.get(i).order().isEmpty() && !aggs.get(i).distinct() ? null : new ArrayList<>());
            }
        }

        void advance(Object[] tuple) {
            List<Expr.Aggref> aggs = plan.aggs();
            for (int i = 0; i < aggs.size(); i++) {
                if (transNo[i] != i) continue;   // its state is advanced as an earlier aggregate's
                Expr.Aggref a = aggs.get(i);
                if (a.filter() != null && !ExprEvaluator.qual(a.filter(), tuple, null, ctx)) continue;
                PgAggregate.Impl impl = a.agg().impl();
                if (a.star()) {
                    states[i] = impl.transition(ctx, states[i], null);
                    continue;
                }
                Object[] args = new Object[a.args().size()];
                for (int k = 0; k < args.length; k++) args[k] = ExprEvaluator.eval(a.args().get(k), tuple, null, ctx);
                if (args[0] == null && impl.strict()) continue;
                // ordered_set_transition: a one-column ordered-set aggregate sorts only non-NULL values
                if (impl instanceof OrderedSetAggregate osa && osa.kind() == 'o' && args.length == 1 && args[0] == null) continue;
                if (ordered.get(i) != null) {
                    Object[] keys = new Object[a.order().size()];
                    for (int k = 0; k < keys.length; k++) keys[k] = ExprEvaluator.eval(a.order().get(k).expr(), tuple, null, ctx);
                    ordered.get(i).add(new Object[][] {args, keys});
                    continue;
                }
                states[i] = impl.transition(ctx, states[i], args.length == 1 ? args[0] : args);
            }
        }

        /** The aggregates' final values; {@code directRow} is the row direct arguments of ordered-set aggregates read. */
        Object[] finish(Object[] directRow) {
            List<Expr.Aggref> aggs = plan.aggs();
            Object[] values = new Object[aggs.size()];
            for (int i = 0; i < values.length; i++) {
                if (aggNo[i] != i) {
                    values[i] = values[aggNo[i]];
                    continue;
                }
                Expr.Aggref a = aggs.get(i);
                PgAggregate.Impl impl = a.agg().impl();
                if (transNo[i] != i) {
                    // the shared state was fed (and its sorted inputs replayed) by its owner, earlier
                    values[i] = impl.finish(ctx, states[transNo[i]]);
                    continue;
                }
                if (ordered.get(i) != null) {
                    List<Object[][]> inputs = ordered.get(i);
                    if (impl instanceof OrderedSetAggregate osa) {
                        Comparator<Object[]> keyOrder = keyOrder(a.order());
                        inputs.sort((x, y) -> keyOrder.compare(x[1], y[1]));
                        values[i] = finishOrderedSet(a, osa, inputs, keyOrder, directRow);
                        continue;
                    }
                    // process_ordered_aggregate_single/_multi: the inputs sorted (tuplesort's
                    // quicksort), a DISTINCT one skipping each input equal to the one before it
                    org.tusk.utils.sort.Qsort.sort(inputs, inputOrder.get(i));
                    Object[] prev = null;
                    for (Object[][] in : inputs) {
                        if (a.distinct()) {
                            if (prev != null && sameArgs(argTypes[i], prev, in[0])) continue;
                            prev = in[0];
                        }
                        states[i] = impl.transition(ctx, states[i], in[0].length == 1 ? in[0][0] : in[0]);
                    }
                }
                values[i] = impl.finish(ctx, states[i]);
            }
            return values;
        }
    }

    /**
     * The final function of an ordered-set aggregate over its sorted input; its aggregated
     * arguments are its sort keys, so the rows compare as the keys did. The direct arguments are
     * evaluated once, over the group's representative row.
     */
    private Object finishOrderedSet(Expr.Aggref a, OrderedSetAggregate osa, List<Object[][]> inputs,
                                    Comparator<Object[]> keyOrder, Object[] directRow) {
        Object[] direct = new Object[a.directArgs().size()];
        for (int k = 0; k < direct.length; k++) direct[k] = ExprEvaluator.eval(a.directArgs().get(k), directRow, null, ctx);
        List<Object[]> rows = new ArrayList<>(inputs.size());
        for (Object[][] in : inputs) rows.add(in[1]);
        return osa.finish(ctx, direct, rows, keyOrder, a.args().get(0).type());
    }

    /**
     * The comparison of the ORDER BY keys of an aggregate's input, with their directions and
     * NULLS placement, each key by its type's default btree operator class (bpcharcmp for character).
     */
    private static Comparator<Object[]> keyOrder(List<Expr.AggSort> order) {
        int[] types = new int[order.size()];
        for (int k = 0; k < types.length; k++) types[k] = DatumKey.typeOf(order.get(k).expr());
        return (x, y) -> {
            for (int k = 0; k < order.size(); k++) {
                Object p = x[k], q = y[k];
                Expr.AggSort o = order.get(k);
                if (p == null || q == null) {
                    if (p == q) continue;
                    return (p == null) == o.nullsFirst() ? -1 : 1;
                }
                int c = Comparisons.compare(types[k], p, q);
                if (c != 0) return o.desc() ? -c : c;
            }
            return 0;
        };
    }

    /** Per aggregate: whose final value it takes, and whose transition state it reads (AggTransSharing). */
    private final int[] aggNo, transNo;

    /** Per aggregate: the types of its arguments, which DISTINCT compares by (their default operator classes). */
    private final int[][] argTypes;

    /**
     * Per aggregate with DISTINCT or ORDER BY: the order its {args, ORDER BY values} inputs are
     * fed in, the ORDER BY keys then, for DISTINCT, every argument ascending with NULLS LAST
     * (the aggregate's sort list: transformDistinctClause appends the arguments ORDER BY lacks).
     */
    private final List<Comparator<Object[][]>> inputOrder = new ArrayList<>();

    /** Whether two DISTINCT inputs are equal on every argument, each by its type's equality. */
    private static boolean sameArgs(int[] types, Object[] a, Object[] b) {
        for (int k = 0; k < a.length; k++) if (!Comparisons.equal(types[k], a[k], b[k])) return false;
        return true;
    }

    /** The group keys' types, by the input column they read (grouping sets), and in key order. */
    private final java.util.Map<Integer, Integer> columnTypes = new java.util.HashMap<>();
    private final int[] keyTypes;

    AggState(Plan.Agg plan, PlanState child, ExecContext ctx) {
        this.aggNo = AggTransSharing.aggNumbers(plan.aggs());
        this.transNo = AggTransSharing.transNumbers(plan.aggs());
        this.argTypes = new int[plan.aggs().size()][];
        for (int i = 0; i < argTypes.length; i++) argTypes[i] = DatumKey.typesOf(plan.aggs().get(i).args());
        for (Expr.Aggref a : plan.aggs()) {
            Comparator<Object[]> byOrder = keyOrder(a.order());
            if (!a.distinct()) {
                inputOrder.add((x, y) -> byOrder.compare(x[1], y[1]));
                continue;
            }
            List<Expr.AggSort> ascending = new ArrayList<>();
            for (Expr arg : a.args()) ascending.add(new Expr.AggSort(arg, false, false));
            Comparator<Object[]> byArgs = keyOrder(ascending);
            inputOrder.add((x, y) -> {
                int c = byOrder.compare(x[1], y[1]);
                return c != 0 ? c : byArgs.compare(x[0], y[0]);
            });
        }
        this.keyTypes = DatumKey.typesOf(plan.groupKeys());
        for (int i = 0; i < keyTypes.length; i++)
            if (plan.groupKeys().get(i) instanceof Expr.Var v) columnTypes.putIfAbsent(v.attno() - 1, keyTypes[i]);
        this.plan = plan;
        this.child = child;
        this.ctx = ctx;
    }

    @Override
    public Object[] next() {
        if (!plan.phases().isEmpty()) return nextGroupingSetRow();
        while (true) {
            Group g = nextGroup();
            if (g == null) return null;
            Object[] values = g.finish(g.first);
            if (!ExprEvaluator.qual(plan.havingQual(), g.first, values, ctx)) continue;
            return Executor.project(plan.targetList(), g.first, values, ctx);
        }
    }

    private Group nextGroup() {
        switch (plan.strategy()) {
            case PLAIN -> {
                if (inputDone) return null;
                inputDone = true;
                Object[] t = child.next();
                Group g = new Group(t != null ? t : new Object[plan.child().width()]);
                for (; t != null; t = child.next()) g.advance(t);
                return g;
            }
            case HASHED -> {
                if (groups == null) {
                    Map<DatumKey, Group> table = new LinkedHashMap<>();
                    Object[] t;
                    while ((t = child.next()) != null) {
                        DatumKey k = key(t);
                        Group g = table.get(k);
                        if (g == null) table.put(k, g = new Group(t));
                        g.advance(t);
                    }
                    groups = table.values().iterator();
                }
                return groups.hasNext() ? groups.next() : null;
            }
            default -> {
                if (pending == null) {
                    if (inputDone) return null;
                    pending = child.next();
                    if (pending == null) {
                        inputDone = true;
                        return null;
                    }
                }
                Group g = new Group(pending);
                DatumKey k = key(pending);
                g.advance(pending);
                pending = null;
                Object[] t;
                while ((t = child.next()) != null) {
                    if (!key(t).equals(k)) {
                        pending = t;
                        return g;
                    }
                    g.advance(t);
                }
                inputDone = true;
                return g;
            }
        }
    }

    // ------------------------------------------------------------------ grouping sets

    /** Finished groups of grouping sets, as {representative row, aggregate values}, not yet returned. */
    private java.util.ArrayDeque<Object[][]> ready;

    /**
     * Grouping sets (agg_retrieve_direct over the phases): the input is read once; for each
     * phase it is sorted on the phase's columns and run through one group per set of the
     * rollup. When a row differs from the previous one in the first {@code d} sort columns,
     * the groups of the sets longer than {@code d} end (longest first, as nodeAgg.c finalizes
     * them) and start again. At the end of the input every set's group ends; on empty input
     * only the empty set yields a row.
     */
    private Object[] nextGroupingSetRow() {
        if (ready == null) {
            ready = new java.util.ArrayDeque<>();
            List<Object[]> input = new ArrayList<>();
            for (Object[] t = child.next(); t != null; t = child.next()) input.add(t);
            // the hash tables are filled from the rows as they arrive (during the first sorted
            // phase, in AGG_MIXED) and emptied after the sorted phases (agg_retrieve_hash_table)
            List<Object[][]> hashed = new ArrayList<>();
            for (Plan.GroupingSetPhase phase : plan.phases()) if (phase.hashed()) hashPhase(phase, input, hashed);
            // each sorted phase sorts the rows in the order the previous phase left them (nodeAgg.c
            // feeds the next phase's sort from the tuples as the current phase read them)
            boolean first = true;
            for (Plan.GroupingSetPhase phase : plan.phases()) {
                if (phase.hashed()) continue;
                runPhase(phase, input, !first);
                first = false;
            }
            ready.addAll(hashed);
        }
        while (!ready.isEmpty()) {
            Object[][] g = ready.poll();
            if (!ExprEvaluator.qual(plan.havingQual(), g[0], g[1], ctx)) continue;
            return Executor.project(plan.targetList(), g[0], g[1], ctx);
        }
        return null;
    }

    /**
     * A hashed phase (lookup_hash_entries for one hash table): one group per distinct value of
     * the set's columns, in the order they were first seen; the finished groups go to {@code out}.
     */
    private void hashPhase(Plan.GroupingSetPhase phase, List<Object[]> input, List<Object[][]> out) {
        List<Integer> cols = phase.sortColumns();
        Map<DatumKey, Group> table = new LinkedHashMap<>();
        for (Object[] t : input) {
            ctx.session().checkForInterrupts();
            Object[] k = new Object[cols.size()];
            int[] types = new int[k.length];
            for (int i = 0; i < k.length; i++) {
                k[i] = t[cols.get(i)];
                types[i] = columnType(cols.get(i));
            }
            Group g = table.computeIfAbsent(new DatumKey(k, types), x -> new Group(t));
            g.advance(t);
        }
        java.util.ArrayDeque<Object[][]> saved = ready;
        ready = new java.util.ArrayDeque<>();
        for (Group g : table.values()) emit(g, cols, cols.size());
        out.addAll(ready);
        ready = saved;
    }

    /** One phase over the input rows; {@code sort}: false for the first phase, whose input the plan's Sort node ordered. */
    private void runPhase(Plan.GroupingSetPhase phase, List<Object[]> input, boolean sort) {
        List<Integer> cols = phase.sortColumns();
        List<Integer> lengths = phase.setLengths();
        List<Object[]> rows = input;
        if (sort) org.tusk.utils.sort.Qsort.sort(rows, (a, b) -> {
            for (int c : cols) {
                Object x = a[c], y = b[c];
                if (x == null || y == null) {
                    if (x == y) continue;
                    return x == null ? 1 : -1;
                }
                int r = Comparisons.compare(columnType(c), x, y);
                if (r != 0) return r;
            }
            return 0;
        });
        Group[] groups = new Group[lengths.size()];
        if (rows.isEmpty()) {
            for (int s = 0; s < lengths.size(); s++)
                if (lengths.get(s) == 0) emit(new Group(new Object[plan.child().width()]), cols, 0);
            return;
        }
        Object[] prev = null;
        for (Object[] t : rows) {
            ctx.session().checkForInterrupts();
            if (prev == null) {
                for (int s = 0; s < groups.length; s++) groups[s] = new Group(t);
            } else {
                int d = 0;
                while (d < cols.size() && DatumKey.same(columnType(cols.get(d)), prev[cols.get(d)], t[cols.get(d)])) d++;
                for (int s = 0; s < groups.length; s++) {
                    if (lengths.get(s) > d) {
                        emit(groups[s], cols, lengths.get(s));
                        groups[s] = new Group(t);
                    }
                }
            }
            for (Group g : groups) g.advance(t);
            prev = t;
        }
        for (int s = 0; s < groups.length; s++) emit(groups[s], cols, lengths.get(s));
    }

    /**
     * Queues a finished group of the set made of the first {@code length} of {@code cols}: its
     * representative row has the group key columns outside the set nulled and, appended, the
     * value of each GROUPING() call (a bit per argument, set when it is not grouped).
     */
    private void emit(Group g, List<Integer> cols, int length) {
        List<Integer> inSet = cols.subList(0, length);
        int w = plan.child().width();
        Object[] rep = Arrays.copyOf(g.first, w + plan.groupingFuncs().size());
        for (Expr key : plan.groupKeys()) {
            int c = ((Expr.Var) key).attno() - 1;
            if (!inSet.contains(c)) rep[c] = null;
        }
        for (int j = 0; j < plan.groupingFuncs().size(); j++) {
            int bits = 0;
            for (int c : plan.groupingFuncs().get(j)) bits = (bits << 1) | (inSet.contains(c) ? 0 : 1);
            rep[w + j] = bits;
        }
        ready.add(new Object[][] {rep, g.finish(rep)});
    }

    /** The type of input column {@code c} as a group key (0 if it is none). */
    private int columnType(int c) {
        return columnTypes.getOrDefault(c, 0);
    }

    /** The group key of a row, matched by each key's type's equality (a character key without its trailing blanks). */
    private DatumKey key(Object[] tuple) {
        Object[] k = new Object[plan.groupKeys().size()];
        for (int i = 0; i < k.length; i++) k[i] = ExprEvaluator.eval(plan.groupKeys().get(i), tuple, null, ctx);
        return new DatumKey(k, keyTypes);
    }

    @Override
    public void close() { child.close(); }
}
