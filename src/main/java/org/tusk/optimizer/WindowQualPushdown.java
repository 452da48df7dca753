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
 * Nothing is pushed into a subquery with LIMIT/OFFSET or grouping sets (subquery_is_pushdown_safe).
 * A UNION or INTERSECT takes a clause into each of its arms ({@link #applyToSetOperation}). Every
 * subquery in FROM that was not pulled up comes here with its restriction clauses (grouped ones,
 * set operations, DISTINCT, windows, volatile or set-returning outputs), as set_subquery_pathlist
 * sees them all.
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
        if (sub.setOperations() != null) return applyToSetOperation(sub, rtindex, quals);
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
        return new Result(withPushed(sub, pushed), upper, List.copyOf(runConditions));
    }

    /**
     * subquery_push_qual: the clauses, already in the subquery's terms, ANDed to its WHERE, or to
     * its HAVING when it groups (HAVING clauses without aggregates move on to WHERE later).
     */
    private static Query withPushed(Query sub, List<Expr> pushed) {
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
        return q;
    }

    /**
     * set_subquery_pathlist for a UNION / INTERSECT subquery (subquery_is_pushdown_safe with
     * recurse_pushdown_safe): a clause that is safe for every arm is pushed into each arm, its
     * column references replaced by that arm's output expressions (subquery_push_qual's recursion
     * over the set operation tree). Nothing is pushed through EXCEPT, into an arm with LIMIT/OFFSET,
     * grouping sets or set operations of its own, or through a column whose type in some arm is
     * not the set operation's (compare_tlist_datatypes).
     */
    private static Result applyToSetOperation(Query sub, int rtindex, List<Expr> quals) {
        if (sub.limitCount() != null || sub.limitOffset() != null || !sub.groupingSets().isEmpty()
                || !(sub.setOperations() instanceof Query.SetOp.Op top)) return new Result(sub, quals, List.of());
        boolean[] unsafe = new boolean[sub.targetList().size()];
        for (Query.TargetEntry te : sub.targetList()) if (te.resjunk()) unsafe[te.resno() - 1] = true;
        if (!setOperationSafe(sub, top, top.colTypes(), unsafe)) return new Result(sub, quals, List.of());
        List<Expr> pushed = new ArrayList<>();
        List<Expr> upper = new ArrayList<>();
        for (Expr q : quals) (qualSafe(q, rtindex, unsafe) ? pushed : upper).add(q);
        if (pushed.isEmpty()) return new Result(sub, quals, List.of());
        List<Query.RangeTblEntry> rtable = new ArrayList<>(sub.rangeTable());
        pushIntoArms(top, rtable, rtindex, pushed);
        Query q = new Query(sub.commandType(), sub.utilityStmt(), List.copyOf(rtable), sub.targetList(), sub.where(),
                sub.sortClause(), sub.limitCount(), sub.limitOffset(), sub.aggregates(), sub.resultRelation(),
                sub.valuesLists(), sub.sourceQuery(), sub.returningList(), sub.fromList(), sub.groupClause(),
                sub.havingQual(), sub.distinctClause(), sub.hasDistinctOn(), sub.setOperations(), sub.cteList(),
                sub.windowClause(), sub.groupingSets(), sub.onConflict(), sub.rowMarks(), sub.mergeActionList(),
                sub.withCheckOptions());
        return new Result(q, upper, List.of());
    }

    /** recurse_pushdown_safe: marks the columns no clause may read in {@code unsafe}; false if nothing may be pushed. */
    private static boolean setOperationSafe(Query top, Query.SetOp node, List<Integer> colTypes, boolean[] unsafe) {
        return switch (node) {
            case Query.SetOp.Op op -> op.op() != Query.SetOpType.EXCEPT
                    && setOperationSafe(top, op.left(), colTypes, unsafe) && setOperationSafe(top, op.right(), colTypes, unsafe);
            case Query.SetOp.Leaf leaf -> {
                Query arm = top.rangeTable().get(leaf.rtindex() - 1).subquery();
                if (arm == null || arm.setOperations() != null || arm.limitCount() != null || arm.limitOffset() != null
                        || !arm.groupingSets().isEmpty()) yield false;
                boolean[] armUnsafe = unsafeColumns(arm);
                List<Query.TargetEntry> out = visible(arm);
                if (out.size() != unsafe.length) yield false;
                for (int i = 0; i < out.size(); i++) {
                    if (armUnsafe[out.get(i).resno() - 1] || i >= colTypes.size()
                            || out.get(i).expr().type() != colTypes.get(i) || setOperationCoercion(out.get(i).expr()))
                        unsafe[i] = true;
                }
                yield true;
            }
        };
    }

    private static void pushIntoArms(Query.SetOp node, List<Query.RangeTblEntry> rtable, int rtindex, List<Expr> pushed) {
        switch (node) {
            case Query.SetOp.Op op -> {
                pushIntoArms(op.left(), rtable, rtindex, pushed);
                pushIntoArms(op.right(), rtable, rtindex, pushed);
            }
            case Query.SetOp.Leaf leaf -> {
                Query.RangeTblEntry rte = rtable.get(leaf.rtindex() - 1);
                Query arm = rte.subquery();
                List<Query.TargetEntry> out = visible(arm);
                List<Expr> mine = new ArrayList<>();
                for (Expr q : pushed) mine.add(ExprTrees.map(q, x -> x instanceof Expr.Var v && v.levelsup() == 0
                        && v.varno() == rtindex ? out.get(v.attno() - 1).expr() : null));
                rtable.set(leaf.rtindex() - 1, rte.withSubquery(withPushed(arm, mine)));
            }
        }
    }

    /**
     * Whether an arm's output is an implicit coercion to the set operation's column type, which
     * parse analysis adds where the arm's own type differs: PostgreSQL compares the arm's type
     * with the column's and pushes nothing through such a column.
     */
    private static boolean setOperationCoercion(Expr e) {
        return switch (e) {
            case Expr.CastFunc c -> !c.explicit();
            case Expr.RelabelType r -> !r.explicit();
            case Expr.CoerceViaIO c -> !c.explicit();
            default -> false;
        };
    }

    /** The arm's output columns, in order. */
    private static List<Query.TargetEntry> visible(Query q) {
        List<Query.TargetEntry> out = new ArrayList<>();
        for (Query.TargetEntry te : q.targetList()) if (!te.resjunk()) out.add(te);
        return out;
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
