package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Expr;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;
import org.tusk.utils.error.PgException;

/**
 * The LockRows node of a SELECT ... FOR UPDATE/SHARE (preprocess_rowmarks and the LockRows step
 * of grouping_planner): the whole tuple of the joins and scans below, in which every base table
 * carries its scan tuple (columns, then the TID: PostgreSQL's ctid junk column per row mark), is
 * carried after the target list to the LockRows node, which sits above the Sort and below the
 * Limit, so that only rows actually returned are locked. Each marked table gets a
 * {@link Plan.PlanRowMark} telling where its scan tuple starts.
 *
 * <p>EvalPlanQual rechecks the WHERE conjuncts and the ON conditions of inner joins over that
 * tuple with the new row versions substituted; the other tables keep the rows they joined with
 * (PostgreSQL's ROW_MARK_REFERENCE refetch of the same version). A marked table with
 * inheritance children is scanned with its system columns, so that each row's tableoid says
 * which member table to lock. Not planned (0A000): queries with outer joins, whose recheck
 * would have to null-extend instead of dropping.
 */
final class RowLocking {
    private final List<Plan.PlanRowMark> marks;
    private final List<Expr> tlist;
    private final Expr recheck;
    private final int width;

    private RowLocking(List<Plan.PlanRowMark> marks, List<Expr> tlist, Expr recheck, int width) {
        this.marks = marks;
        this.tlist = tlist;
        this.recheck = recheck;
        this.width = width;
    }

    /**
     * @param tlist the final target list, over the join tuple
     * @param quals the WHERE conjuncts (planned, not yet fixed to the layout)
     * @param planExpr plans a join condition as the WHERE conjuncts were
     */
    static RowLocking prepare(Query q, SetRefs layout, List<Expr> tlist, List<Expr> quals,
                              java.util.function.UnaryOperator<Expr> planExpr) {
        List<Expr> fixed = new ArrayList<>();
        for (Expr e : quals) fixed.add(layout.fix(e));
        for (Query.JoinNode j : q.fromList()) innerJoinQuals(j, q, planExpr, layout, fixed);
        List<Plan.PlanRowMark> marks = new ArrayList<>();
        for (Query.RowMarkClause mark : q.rowMarks()) {
            Query.RangeTblEntry rte = q.rangeTable().get(mark.rti() - 1);
            Integer offset = layout.offsets.get(mark.rti());
            int extra = offset == null ? -1 : extraColumns(layout, offset, rte.columns().size());
            if (extra != 1 && extra != 6 && extra != 7)
                throw PgException.error("0A000", mark.strength().sql() + " of this table is not supported yet");
            marks.add(new Plan.PlanRowMark(rte, offset, mark.strength(), mark.waitPolicy(), extra == 6));
        }
        return new RowLocking(List.copyOf(marks), List.copyOf(tlist), fixed.isEmpty() ? null : ScanPaths.and(fixed),
                layout.width);
    }

    /** Whether FOR UPDATE/SHARE locks the rows of entry {@code rtindex} of {@code q}. */
    static boolean marks(Query q, int rtindex) {
        if (q.rowMarks() == null) return false;
        for (Query.RowMarkClause m : q.rowMarks()) if (m.rti() == rtindex) return true;
        return false;
    }

    /**
     * How many columns the entry's block of the layout (from its offset to the next entry's)
     * has past the table's own: 1 for a table scan's TID, 7 for the TID and the other system
     * columns, 6 for an inherited table's Append, which emits the system columns after the
     * columns (TID, then tableoid five later). A mark on anything else cannot be planned.
     */
    private static int extraColumns(SetRefs layout, int offset, int natts) {
        int end = layout.width;
        for (int o : layout.offsets.values()) if (o > offset && o < end) end = o;
        return end - offset - natts;
    }

    private static void innerJoinQuals(Query.JoinNode j, Query q, java.util.function.UnaryOperator<Expr> planExpr,
                                       SetRefs layout, List<Expr> out) {
        if (!(j instanceof Query.JoinNode.Join join)) return;
        if (join.type() != Query.JoinType.INNER)
            throw PgException.error("0A000", q.rowMarks().get(0).strength().sql() + " with outer joins is not supported yet");
        if (join.quals() != null) out.add(layout.fix(planExpr.apply(join.quals())));
        innerJoinQuals(join.left(), q, planExpr, layout, out);
        innerJoinQuals(join.right(), q, planExpr, layout, out);
    }

    /** The target list followed by the whole input tuple. */
    List<Expr> withScanTuple(List<Expr> lower, SetRefs layout) {
        List<Expr> out = new ArrayList<>(lower);
        for (int c = 0; c < width; c++) out.add(new Expr.Var(Expr.Var.RESOLVED, c + 1, typeAt(layout, c), -1, null, -1, 0));
        return out;
    }

    /** The type of input column {@code c}: a marked table's TID, else unknown (0) as the projection copies it through. */
    private int typeAt(SetRefs layout, int c) {
        for (Plan.PlanRowMark m : marks) {
            int natts = m.rte().columns().size();
            if (c >= m.columnOffset() && c < m.columnOffset() + natts) return m.rte().columns().get(c - m.columnOffset()).typeOid();
            if (c == m.columnOffset() + natts) return 27;
        }
        return 0;
    }

    Plan plan(Plan child) {
        return new Plan.LockRows(child, marks, tlist.size(), recheck, tlist);
    }
}
