package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.catalog.FunctionCallContext;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;

/**
 * The window part of grouping_planner: make_window_input_target, select_active_windows and
 * create_one_window_path. The node below the windows (the scan/join projection or the Agg)
 * computes the window input target: every expression the windows and the final target list
 * need that contains no window function (PARTITION BY and ORDER BY keys, window function
 * arguments, the window-free parts of the target list). Each active window (one with
 * functions) becomes a WindowAgg appending its functions' values, preceded by a Sort unless the
 * previous sort already delivers its partition + order keys as a prefix; windows are taken in
 * PostgreSQL's order (common_prefix_cmp: by the keys' sort-group references, descending, longer
 * key lists first), so windows sharing an ordering are adjacent and sorted once. A final
 * projection computes the query's target list over the last WindowAgg's rows.
 */
final class WindowPlanner {
    private final Query q;
    private final List<Expr> tlist;
    /** The window input target (the lower node's target list). */
    private final List<Expr> input = new ArrayList<>();
    /** The distinct window function calls, with arguments over the input target. */
    private final List<Expr.WindowFunc> funcs = new ArrayList<>();
    /** The same calls as they appear in the target list (before their arguments were rewritten). */
    private final List<Expr.WindowFunc> originals = new ArrayList<>();
    /** The target list with window-free parts replaced by input columns, window functions left in place. */
    private final List<Expr> upper = new ArrayList<>();

    WindowPlanner(Query q, List<Expr> tlist) {
        this.q = q;
        this.tlist = tlist;
    }

    static boolean hasWindowFuncs(List<Expr> tlist) {
        for (Expr e : tlist) if (ExprTrees.any(e, x -> x instanceof Expr.WindowFunc)) return true;
        return false;
    }

    private int add(Expr e) {
        for (int i = 0; i < input.size(); i++) if (ExprTrees.equal(input.get(i), e)) return i;
        input.add(e);
        return input.size() - 1;
    }

    private Expr inputRef(Expr e) {
        if (e instanceof Expr.Const) return e;
        return Planner.column(add(e), e);
    }

    /** make_window_input_target: fills the input target and the upper target list. */
    List<Expr> inputTarget() {
        for (Expr e : tlist) collect(e);
        for (Query.WindowClause wc : activeWindows()) {
            for (int r : wc.partitionClause()) add(tlist.get(r - 1));
            for (Query.SortClause s : wc.orderClause()) add(tlist.get(s.resno() - 1));
        }
        for (Expr e : tlist) upper.add(ExprTrees.map(e, x -> {
            if (x instanceof Expr.WindowFunc) return x;
            if (!ExprTrees.any(x, y -> y instanceof Expr.WindowFunc)) return inputRef(x);
            return null;
        }));
        for (Expr.WindowFunc w : originals) {
            List<Expr> args = new ArrayList<>();
            for (Expr a : w.args()) args.add(inputRef(a));
            Expr filter = w.filter() == null ? null : inputRef(w.filter());
            funcs.add(new Expr.WindowFunc(w.name(), w.fn(), withoutUnsafeMovingMode(w), List.copyOf(args), w.star(), filter, w.winref(),
                    w.type(), w.location()));
        }
        return List.copyOf(input);
    }

    /**
     * initialize_peragg's part of the use_ma_code decision that needs the window function as
     * written: an aggregate whose arguments or FILTER call a volatile function or hold a
     * sub-select keeps its plain implementation, since whether the window executor restarts it or
     * removes rows with the inverse function would show. The arguments are computed below the
     * WindowAgg from here on, so the executor no longer sees them; it makes the rest of the decision.
     */
    private static org.tusk.catalog.PgAggregate withoutUnsafeMovingMode(Expr.WindowFunc w) {
        if (w.agg() == null || !(w.agg().impl() instanceof org.tusk.catalog.MovingUserAggregate m)) return w.agg();
        boolean unsafe = false;
        for (Expr a : w.args()) unsafe |= volatileOrSubplan(a);
        if (w.filter() != null) unsafe |= volatileOrSubplan(w.filter());
        if (!unsafe) return w.agg();
        return new org.tusk.catalog.PgAggregate(w.agg().name(), w.agg().argTypes(), w.agg().resultType(), m.plain());
    }

    /** contain_volatile_functions or contain_subplans. */
    private static boolean volatileOrSubplan(Expr e) {
        return ExprTrees.any(e, x -> switch (x) {
            case Expr.FuncExpr f -> f.proc().volatility() == org.tusk.catalog.PgProc.Volatility.VOLATILE;
            case Expr.OpExpr o -> o.op().volatility() == org.tusk.catalog.PgProc.Volatility.VOLATILE;
            case Expr.SubPlan sp -> true;
            case Expr.SubLink sl -> true;
            default -> false;
        });
    }

    private void collect(Expr e) {
        ExprTrees.any(e, x -> {
            if (x instanceof Expr.WindowFunc w) {
                boolean seen = false;
                for (Expr.WindowFunc o : originals) seen |= ExprTrees.equal(o, w);
                if (!seen) originals.add(w);
            }
            return false;
        });
    }

    private List<Query.WindowClause> activeWindows() {
        List<Query.WindowClause> active = new ArrayList<>();
        for (Query.WindowClause wc : q.windowClause()) {
            boolean used = false;
            for (Expr.WindowFunc w : originals) used |= w.winref() == wc.winref();
            if (used) active.add(wc);
        }
        return active;
    }

    /** Sort-group references as parse analysis assigns them: ORDER BY, GROUP BY, DISTINCT, then the windows. */
    private Map<Integer, Integer> sortGroupRefs() {
        Map<Integer, Integer> refs = new HashMap<>();
        for (Query.SortClause s : q.sortClause()) refs.putIfAbsent(s.resno(), refs.size() + 1);
        for (int r : q.groupClause()) refs.putIfAbsent(r, refs.size() + 1);
        for (int r : q.distinctClause()) refs.putIfAbsent(r, refs.size() + 1);
        for (Query.WindowClause wc : q.windowClause()) {
            for (int r : wc.partitionClause()) refs.putIfAbsent(r, refs.size() + 1);
            for (Query.SortClause s : wc.orderClause()) refs.putIfAbsent(s.resno(), refs.size() + 1);
        }
        return refs;
    }

    /** A window's partition + order keys without repeats (uniqueOrder), as {ref, desc, nullsFirst}. */
    private static List<int[]> uniqueOrder(Query.WindowClause wc, Map<Integer, Integer> refs) {
        List<int[]> out = new ArrayList<>();
        for (int r : wc.partitionClause()) addUnique(out, new int[] {refs.get(r), 0, 0, r});
        for (Query.SortClause s : wc.orderClause())
            addUnique(out, new int[] {refs.get(s.resno()), s.desc() ? 1 : 0, s.nullsFirst() ? 1 : 0, s.resno()});
        return out;
    }

    private static void addUnique(List<int[]> l, int[] k) {
        for (int[] o : l) if (o[0] == k[0] && o[1] == k[1] && o[2] == k[2]) return;
        l.add(k);
    }

    /** common_prefix_cmp; the sort is stable, so equal windows keep their query order. */
    private static int commonPrefixCmp(List<int[]> a, List<int[]> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int[] x = a.get(i), y = b.get(i);
            for (int f = 0; f < 3; f++) if (x[f] != y[f]) return x[f] > y[f] ? -1 : 1;
        }
        return Integer.compare(b.size(), a.size());
    }

    /** The Sorts, WindowAggs and final projection over {@code plan}, which computes the input target. */
    Plan plan(Plan plan, PlannerInfo info) {
        FunctionCallContext ctx = info.glob.ctx;
        Map<Integer, Integer> refs = sortGroupRefs();
        List<Query.WindowClause> active = new ArrayList<>(activeWindows());
        active.sort(Comparator.comparing((Query.WindowClause wc) -> uniqueOrder(wc, refs), WindowPlanner::commonPrefixCmp));
        List<Plan.SortKey> current = List.of();
        int width = input.size();
        Map<Integer, Integer> funcColumn = new HashMap<>();
        List<Expr> lowerRunConditions = new ArrayList<>();
        RedundantSortKeys redundant = new RedundantSortKeys(q);
        java.util.Set<Integer> constant = redundant.constantKeys();
        Map<Integer, Integer> equated = redundant.equatedKeys();
        for (int w = 0; w < active.size(); w++) {
            Query.WindowClause wc = active.get(w);
            List<Plan.SortKey> keys = new ArrayList<>();
            List<Integer> partCols = new ArrayList<>();
            java.util.Set<Integer> sortedClasses = new java.util.HashSet<>();
            for (int[] k : uniqueOrder(wc, refs)) {
                // make_pathkeys_for_window: a key WHERE equates to a constant is redundant in the sort
                if (constant.contains(k[3])) continue;
                // pathkey_is_redundant: so is one WHERE equates to an earlier key (the same equivalence class)
                if (!sortedClasses.add(equated.getOrDefault(k[3], k[3]))) continue;
                int col = add(tlist.get(k[3] - 1));
                keys.add(new Plan.SortKey(col, k[1] == 1, k[2] == 1, SortGroupTypes.of(tlist.get(k[3] - 1))));
            }
            List<Integer> partTypes = new ArrayList<>();
            for (int r : wc.partitionClause()) {
                partCols.add(add(tlist.get(r - 1)));
                partTypes.add(SortGroupTypes.of(tlist.get(r - 1)));
            }
            List<Plan.SortKey> orderKeys = new ArrayList<>();
            for (Query.SortClause s : wc.orderClause())
                orderKeys.add(new Plan.SortKey(add(tlist.get(s.resno() - 1)), s.desc(), s.nullsFirst(),
                        SortGroupTypes.of(tlist.get(s.resno() - 1))));
            if (!keys.isEmpty() && !isPrefix(keys, current)) {
                // create_one_window_path: input already ordered on some leading keys gets an
                // Incremental Sort (PostgreSQL 15 takes it without comparing costs)
                int presorted = 0;
                while (presorted < keys.size() && presorted < current.size() && keys.get(presorted).equals(current.get(presorted)))
                    presorted++;
                if (!ScanPaths.setting(ctx, "enable_incremental_sort", true)) presorted = 0;
                plan = new Plan.Sort(plan, List.copyOf(keys), presorted);
                current = keys;
            }
            List<Expr.WindowFunc> mine = new ArrayList<>();
            for (int f = 0; f < funcs.size(); f++) {
                if (funcs.get(f).winref() != wc.winref()) continue;
                funcColumn.put(f, width + mine.size());
                mine.add(funcs.get(f));
            }
            width += mine.size();
            Expr runCondition = runCondition(wc, funcColumn, info);
            boolean top = w == active.size() - 1;
            // create_one_window_path: the top window filters out what the lower ones' run conditions let through
            Expr qual = top ? ScanPaths.and(lowerRunConditions) : null;
            if (!top && runCondition != null) lowerRunConditions.addAll(ScanPaths.conjuncts(runCondition));
            plan = new Plan.WindowAgg(plan, wc.winref(), wc.name(), List.copyOf(partCols), List.copyOf(partTypes),
                    List.copyOf(orderKeys),
                    wc.frameOptions(), offset(wc.startOffset(), info), offset(wc.endOffset(), info), List.copyOf(mine),
                    runCondition, qual, top);
        }
        List<Expr> out = new ArrayList<>();
        for (Expr e : upper) out.add(ExprTrees.map(e, x -> {
            if (!(x instanceof Expr.WindowFunc w)) return null;
            for (int f = 0; f < originals.size(); f++)
                if (ExprTrees.equal(originals.get(f), w)) return Planner.column(funcColumn.get(f), w);
            throw new IllegalStateException("window function not planned");
        }));
        return new Plan.SubqueryScan(plan, null, List.copyOf(out));
    }

    /**
     * The run conditions the parent level found for this window's functions
     * ({@link WindowQualPushdown}), as one qual over the WindowAgg's output tuple (input columns,
     * then the function values); null when there are none.
     */
    private Expr runCondition(Query.WindowClause wc, Map<Integer, Integer> funcColumn, PlannerInfo info) {
        List<Expr> conds = new ArrayList<>();
        for (WindowQualPushdown.RunCondition rc : info.runConditions) {
            Expr e = tlist.get(rc.resno() - 1);
            while (e instanceof Expr.RelabelType r) e = r.arg();
            if (!(e instanceof Expr.WindowFunc wf) || wf.winref() != wc.winref()) continue;
            Integer col = null;
            for (int f = 0; f < originals.size() && col == null; f++)
                if (ExprTrees.equal(originals.get(f), wf)) col = funcColumn.get(f);
            if (col == null) continue;
            Expr ref = Planner.column(col, wf);
            Expr arg = Planner.fold(SubLinks.process(rc.arg(), info), info.glob.ctx);
            conds.add(new Expr.OpExpr(rc.op(), rc.wfuncLeft() ? List.of(ref, arg) : List.of(arg, ref), BOOLOID, -1));
        }
        return ScanPaths.and(conds);
    }

    private static final int BOOLOID = 16;

    /** A frame offset: its sublinks planned (they are uncorrelated: offsets cannot contain variables), constants folded. */
    private static Expr offset(Expr e, PlannerInfo info) {
        return e == null ? null : Planner.fold(SubLinks.process(e, info), info.glob.ctx);
    }

    private static boolean isPrefix(List<Plan.SortKey> keys, List<Plan.SortKey> of) {
        if (keys.size() > of.size()) return false;
        for (int i = 0; i < keys.size(); i++) if (!keys.get(i).equals(of.get(i))) return false;
        return true;
    }
}
