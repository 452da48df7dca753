package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Expr;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;
import org.tusk.utils.error.PgException;

/**
 * The LockRows node of a SELECT ... FOR UPDATE/SHARE (preprocess_rowmarks and the LockRows step
 * of grouping_planner): the scan tuple of the locked table (its columns and TID, PostgreSQL's
 * ctid junk column) is carried after the target list to the LockRows node, which sits above the
 * Sort and below the Limit, so that only rows actually returned are locked.
 *
 * <p>Only a FROM clause of exactly one table is planned: locking rows of joins needs every
 * joined table's TID and a full EvalPlanQual re-run of the join, which are not built (0A000).
 */
final class RowLocking {
    private final Query.RowMarkClause mark;
    private final Query.RangeTblEntry rte;
    private final List<Expr> tlist;
    private final Expr recheck;

    private RowLocking(Query.RowMarkClause mark, Query.RangeTblEntry rte, List<Expr> tlist, Expr recheck) {
        this.mark = mark;
        this.rte = rte;
        this.tlist = tlist;
        this.recheck = recheck;
    }

    /**
     * @param tlist the final target list, over the scan tuple
     * @param quals the WHERE conjuncts (planned, not yet fixed to the layout)
     */
    static RowLocking prepare(Query q, SetRefs layout, List<Expr> tlist, List<Expr> quals) {
        Query.RowMarkClause mark = q.rowMarks().get(0);
        if (q.rowMarks().size() != 1 || layout.offsets.size() != 1 || !layout.offsets.containsKey(mark.rti())) {
            throw PgException.error("0A000", mark.strength().sql() + " with more than one table in FROM is not supported yet");
        }
        Query.RangeTblEntry rte = q.rangeTable().get(mark.rti() - 1);
        List<Expr> fixed = new ArrayList<>();
        for (Expr e : quals) fixed.add(layout.fix(e));
        return new RowLocking(mark, rte, List.copyOf(tlist), fixed.isEmpty() ? null : ScanPaths.and(fixed));
    }

    /** The target list followed by the scan tuple: every column, then the TID. */
    List<Expr> withScanTuple(List<Expr> lower) {
        List<Expr> out = new ArrayList<>(lower);
        int natts = rte.columns().size();
        for (int c = 0; c <= natts; c++) {
            int type = c < natts ? rte.columns().get(c).typeOid() : 0;
            out.add(new Expr.Var(Expr.Var.RESOLVED, c + 1, type, -1, null, -1, 0));
        }
        return out;
    }

    Plan plan(Plan child) {
        return new Plan.LockRows(child, rte, tlist.size(), mark.strength(), mark.waitPolicy(), recheck, tlist);
    }
}
