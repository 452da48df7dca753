package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.PgOperator;
import org.tusk.catalog.PgProc;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Query;
import org.tusk.nodes.WindowFrame;

/**
 * The part of set_subquery_pathlist (allpaths.c) that handles the restriction clauses of a
 * subquery in FROM whose target list computes window functions. Each clause is
 * <ul>
 * <li>pushed down into the subquery (subquery_push_qual) when qual_is_pushdown_safe: it reads
 * only columns that are safe (check_output_expressions: no window function, set-returning or
 * volatile function in them, and — since the subquery has windows — named in every window's
 * PARTITION BY, so that filtering rows before the windows removes whole partitions only), and
 * has no sub-plan or volatile function of its own. It lands in the subquery's WHERE, or in its
 * HAVING when the subquery groups;</li>
 * <li>else, when it compares a window function column with a pseudo-constant through a strict
 * btree comparison operator and the function is monotonic in the direction the comparison needs
 * (check_and_push_window_quals / find_window_run_conditions), given to that window as a
 * {@link RunCondition}: the WindowAgg stops computing the window once it turns false. The clause
 * is also kept above the subquery unless the run condition does all its filtering (an equality
 * becomes {@code <=} / {@code >=} and stays);</li>
 * <li>else kept as the Subquery Scan's filter.</li>
 * </ul>
 * Nothing is pushed into a subquery with LIMIT/OFFSET, set operations or grouping sets
 * (subquery_is_pushdown_safe). Of the subqueries without window functions, only those that are
 * not pulled up for their target list ({@link Clauses#pullableTargetList}) come here; the caller
 * keeps the others' clauses.
 */
final class WindowQualPushdown {
    /**
     * A run condition of one window function of the subquery (WindowFuncRunCondition):
     * {@code wfunc op arg} (or {@code arg op wfunc} when not {@code wfuncLeft}), where the window
     * function is the expression of target entry {@code resno} and {@code arg} is a
     * pseudo-constant.
     */
    record RunCondition(int resno, PgOperator op, boolean wfuncLeft, Expr arg) {}

    /** The subquery with the pushed clauses, the clauses left above it, and the run conditions found. */
    record Result(Query subquery, List<Expr> upperQuals, List<RunCondition> runConditions) {}

    /** MONOTONICFUNC_INCREASING / DECREASING bits (SupportRequestWFuncMonotonic). */
    static final int INCREASING = 1;
    static final int DECREASING = 2;
    static final int BOTH = INCREASING | DECREASING;

    private static final int BOOLOID = 16;

    private WindowQualPushdown() {}

    static boolean applies(Query sub) {
        if (sub == null || sub.windowClause().isEmpty()) return false;
        for (Query.TargetEntry te : sub.targetList())
            if (ExprTrees.any(te.expr(), x -> x instanceof Expr.WindowFunc)) return true;
        return false;
    }

    /** set_subquery_pathlist's loop over the subquery relation's restriction clauses. */
    static Result apply(Query sub, int rtindex, List<Expr> quals) {
        if (!pushdownSafe(sub)) return new Result(sub, quals, List.of());
        boolean[] unsafe = unsafeColumns(sub);
        List<Expr> pushed = new ArrayList<>();
        List<Expr> upper = new ArrayList<>();
        List<RunCondition> runConditions = new ArrayList<>();
        for (Expr q : quals) {
            if (qualSafe(q, rtindex, unsafe)) {
                pushed.add(ExprTrees.map(q, x -> x instanceof Expr.Var v && v.levelsup() == 0 && v.varno() == rtindex
                        ? sub.targetList().get(v.attno() - 1).expr() : null));
            } else if (keepOriginal(sub, rtindex, q, runConditions)) {
                upper.add(q);
            }
        }
        if (pushed.isEmpty()) return new Result(sub, upper, List.copyOf(runConditions));
        boolean grouped = sub.hasGrouping();
        List<Expr> target = new ArrayList<>(ScanPaths.conjuncts(grouped ? sub.havingQual() : sub.where()));
        target.addAll(pushed);
        Expr combined = ScanPaths.and(target);
        Query q = new Query(sub.commandType(), sub.utilityStmt(), sub.rangeTable(), sub.targetList(),
                grouped ? sub.where() : combined, sub.sortClause(), sub.limitCount(), sub.limitOffset(), sub.aggregates(),
                sub.resultRelation(), sub.valuesLists(), sub.sourceQuery(), sub.returningList(), sub.fromList(),
                sub.groupClause(), grouped ? combined : sub.havingQual(), sub.distinctClause(), sub.hasDistinctOn(),
                sub.setOperations(), sub.cteList(), sub.windowClause(), sub.groupingSets(), sub.onConflict(),
                sub.rowMarks(), sub.mergeActionList(), sub.withCheckOptions());
        return new Result(q, upper, List.copyOf(runConditions));
    }

    /** subquery_is_pushdown_safe, for a subquery without set operations. */
    private static boolean pushdownSafe(Query sub) {
        return sub.limitCount() == null && sub.limitOffset() == null && sub.setOperations() == null
                && sub.groupingSets().isEmpty();
    }

    /**
     * check_output_expressions: the target entries a pushed-down clause must not read (indexed
     * by resno - 1).
     */
    static boolean[] unsafeColumns(Query sub) {
        boolean[] unsafe = new boolean[sub.targetList().size()];
        for (Query.TargetEntry te : sub.targetList()) {
            int i = te.resno() - 1;
            if (te.resjunk()) { unsafe[i] = true; continue; }
            if (ExprTrees.any(te.expr(), x -> x instanceof Expr.FuncExpr f && f.proc().retset())) unsafe[i] = true;
            else if (containsVolatile(te.expr())) unsafe[i] = true;
            else if (sub.hasDistinctOn() && !sub.distinctClause().contains(te.resno())) unsafe[i] = true;
            else if (ExprTrees.any(te.expr(), x -> x instanceof Expr.WindowFunc)) unsafe[i] = true;
            else if (!inAllPartitionLists(te.resno(), sub)) unsafe[i] = true;
        }
        return unsafe;
    }

    /** targetIsInAllPartitionLists. */
    private static boolean inAllPartitionLists(int resno, Query sub) {
        for (Query.WindowClause wc : sub.windowClause()) if (!wc.partitionClause().contains(resno)) return false;
        return true;
    }

    /** qual_is_pushdown_safe. */
    private static boolean qualSafe(Expr q, int rtindex, boolean[] unsafe) {
        if (containsVolatile(q)) return false;
        return !ExprTrees.any(q, x -> switch (x) {
            case Expr.SubPlan sp -> true;
            case Expr.SubLink sl -> true;
            // qual_is_pushdown_safe: a whole-row reference is not pushed down into the subquery
            case Expr.WholeRowVar w -> true;
            case Expr.Var v -> v.levelsup() != 0 || v.varno() != rtindex || v.attno() <= 0
                    || v.attno() > unsafe.length || unsafe[v.attno() - 1];
            default -> false;
        });
    }

    /**
     * check_and_push_window_quals: records a run condition for {@code q} if it is one and
     * returns whether the clause must still be checked above the subquery.
     */
    private static boolean keepOriginal(Query sub, int rtindex, Expr q, List<RunCondition> out) {
        if (!(q instanceof Expr.OpExpr op) || op.args().size() != 2 || !op.op().strict()) return true;
        for (int side = 0; side < 2; side++) {
            if (!(op.args().get(side) instanceof Expr.Var v) || v.levelsup() != 0 || v.varno() != rtindex
                    || v.attno() <= 0 || v.attno() > sub.targetList().size()) continue;
            Boolean keep = findRunCondition(sub, v.attno(), op, side == 0, out);
            if (keep != null) return keep;
        }
        return true;
    }

    /**
     * find_window_run_conditions: null when {@code op} gives no run condition for the window
     * function of target entry {@code resno}, else whether the original clause must be kept.
     */
    private static Boolean findRunCondition(Query sub, int resno, Expr.OpExpr op, boolean wfuncLeft, List<RunCondition> out) {
        Expr e = sub.targetList().get(resno - 1).expr();
        while (e instanceof Expr.RelabelType r) e = r.arg();
        if (!(e instanceof Expr.WindowFunc wf)) return null;
        if (ExprTrees.any(wf, x -> x instanceof Expr.SubLink || x instanceof Expr.SubPlan)) return null;
        Expr other = op.args().get(wfuncLeft ? 1 : 0);
        if (!pseudoConstant(other)) return null;
        Query.WindowClause wc = sub.windowClause().get(wf.winref() - 1);
        int monotonic = monotonic(wf, wc);
        if (monotonic == 0) return null;
        String name = op.op().name();
        PgOperator runOp;
        boolean keep;
        switch (name) {
            case "<", "<=" -> {
                if (!(wfuncLeft ? (monotonic & INCREASING) != 0 : (monotonic & DECREASING) != 0)) return null;
                runOp = op.op();
                keep = false;
            }
            case ">", ">=" -> {
                if (!(wfuncLeft ? (monotonic & DECREASING) != 0 : (monotonic & INCREASING) != 0)) return null;
                runOp = op.op();
                keep = false;
            }
            case "=" -> {
                if (monotonic == BOTH) {
                    runOp = op.op();
                    keep = false;
                } else {
                    // an increasing function passes "wfunc = c" only while wfunc <= c, then never again
                    String cmp = (monotonic & INCREASING) != 0 ? (wfuncLeft ? "<=" : ">=") : (wfuncLeft ? ">=" : "<=");
                    runOp = sameFamily(cmp, op.op());
                    if (runOp == null) return null;
                    keep = true;
                }
            }
            default -> { return null; }
        }
        out.add(new RunCondition(resno, runOp, wfuncLeft, other));
        return keep;
    }

    /** get_opfamily_member: the comparison operator {@code name} over the same operand types. */
    private static PgOperator sameFamily(String name, PgOperator like) {
        for (PgOperator o : BuiltinCatalog.operators(name))
            if (o.left() == like.left() && o.right() == like.right() && o.result() == BOOLOID) return o;
        return null;
    }

    /**
     * The SupportRequestWFuncMonotonic answers of the built-in support functions:
     * window_row_number_support, window_rank_support, window_dense_rank_support,
     * window_percent_rank_support, window_cume_dist_support and window_ntile_support say
     * increasing; int8inc_support (count) derives it from the frame, and only for count(*) or a
     * constant argument.
     */
    static int monotonic(Expr.WindowFunc wf, Query.WindowClause wc) {
        if (wf.agg() == null) {
            return switch (wf.name()) {
                case "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile" -> INCREASING;
                default -> 0;
            };
        }
        if (!wf.name().equals("count") || wf.filter() != null) return 0;
        if (wf.args().size() == 1 && !(wf.args().get(0) instanceof Expr.Const)) return 0;
        if (wc.orderClause().isEmpty()) return BOTH;
        int m = 0;
        if ((wc.frameOptions() & WindowFrame.START_UNBOUNDED_PRECEDING) != 0) m |= INCREASING;
        if ((wc.frameOptions() & WindowFrame.END_UNBOUNDED_FOLLOWING) != 0) m |= DECREASING;
        return m;
    }

    /** is_pseudo_constant_clause: no Vars, no volatile functions (and, here, no sub-selects). */
    private static boolean pseudoConstant(Expr e) {
        return !containsVolatile(e) && !ExprTrees.any(e, x -> x instanceof Expr.Var || x instanceof Expr.SubLink
                || x instanceof Expr.SubPlan || x instanceof Expr.WindowFunc || x instanceof Expr.Aggref);
    }

    /** contain_volatile_functions. */
    static boolean containsVolatile(Expr e) {
        return ExprTrees.any(e, x -> switch (x) {
            case Expr.FuncExpr f -> f.proc().volatility() == PgProc.Volatility.VOLATILE;
            case Expr.OpExpr o -> o.op().volatility() == PgProc.Volatility.VOLATILE;
            default -> false;
        });
    }
}
