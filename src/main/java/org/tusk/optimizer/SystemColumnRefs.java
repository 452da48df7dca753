package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Query;

/**
 * Whether a query reads a system column (xmin, cmin, xmax, cmax, tableoid; PostgreSQL's negative
 * attribute numbers) of one of its tables, or its ctid ({@link #ctidReferenced}: a scan tuple
 * carries the TID after the columns, but a join above it keeps only the columns the scan's target
 * list emits; a whole-row reference reads its table's ctid to tell a null-extended row from a
 * stored one). The analyser numbers system column {@code n} of a table
 * of {@code natts} columns as Var attno {@code natts - n}, past the ctid junk column; a scan of
 * such a table then emits all columns and the six system columns, so that every Var of the
 * entry, whatever its attno, finds its place in the scan's output (use_physical_tlist's
 * reasoning, with the system columns appended).
 */
final class SystemColumnRefs {
    private SystemColumnRefs() {}

    /** Whether {@code q} (or a query nested in it) reads a system column of its entry {@code rtindex}. */
    static boolean referenced(Query q, int rtindex, int natts) {
        return walk(q, rtindex, natts + 1, 0);
    }

    /** Whether {@code q} (or a query nested in it) reads the ctid of its entry {@code rtindex}, or a system column. */
    static boolean ctidReferenced(Query q, int rtindex, int natts) {
        return walk(q, rtindex, natts, 0);
    }

    /** Whether a Var of the entry past attno {@code past} is read at this level or below. */
    private static boolean walk(Query q, int rtindex, int past, int depth) {
        for (Expr e : expressions(q)) {
            if (ExprTrees.any(e, x -> x instanceof Expr.Var v && v.levelsup() == depth && v.varno() == rtindex
                    && v.attno() > past
                    || x instanceof Expr.SubLink s && s.subselect() != null && walk(s.subselect(), rtindex, past, depth + 1))) {
                return true;
            }
        }
        for (Query.RangeTblEntry r : q.rangeTable()) {
            if (r.kind() == Query.RteKind.SUBQUERY && r.subquery() != null && walk(r.subquery(), rtindex, past, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    private static List<Expr> expressions(Query q) {
        List<Expr> l = new ArrayList<>();
        for (Query.TargetEntry te : q.targetList()) l.add(te.expr());
        if (q.returningList() != null) for (Query.TargetEntry te : q.returningList()) l.add(te.expr());
        l.add(q.where());
        l.add(q.havingQual());
        if (q.aggregates() != null) l.addAll(q.aggregates());
        for (Query.JoinNode j : q.fromList()) joinQuals(j, l);
        return l;
    }

    private static void joinQuals(Query.JoinNode j, List<Expr> out) {
        if (j instanceof Query.JoinNode.Join join) {
            out.add(join.quals());
            joinQuals(join.left(), out);
            joinQuals(join.right(), out);
        }
    }

    /** The scan target list of such a table: every column, then ctid, xmin, cmin, xmax, cmax, tableoid. */
    static List<Expr> physicalWithSystem(Query.RangeTblEntry rte) {
        List<Expr> l = new ArrayList<>();
        int natts = rte.columns().size();
        for (int i = 0; i < natts; i++) {
            var c = rte.columns().get(i);
            l.add(new Expr.Var(Expr.Var.RESOLVED, i + 1, c.typeOid(), c.typmod(), c.name(), -1, 0));
        }
        int[] types = {27, 28, 29, 28, 29, 26};
        String[] names = {"ctid", "xmin", "cmin", "xmax", "cmax", "tableoid"};
        for (int k = 0; k < types.length; k++) l.add(new Expr.Var(Expr.Var.RESOLVED, natts + 1 + k, types[k], -1, names[k], -1, 0));
        return List.copyOf(l);
    }
}
