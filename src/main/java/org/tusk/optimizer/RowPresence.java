package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.TypeOids;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;

/**
 * The "row present" column of a FROM item that is not a stored table (a subquery, an expanded
 * view, a function, VALUES, a WITH query). A whole-row reference {@code s.*} to such an item is
 * analysed as a {@link Expr.WholeRowVar} whose {@code present} is a Var one past the item's
 * columns; this class makes the item's scan emit a constant TRUE there, after the columns, when
 * something in the query reads it. An outer join that null-extends the item then nulls it too,
 * and the whole row evaluates to NULL rather than to a row of NULLs: {@code count(s.*)} does not
 * count unmatched rows. PostgreSQL gets the same from its whole-row Var of the subquery scan, or
 * from the PlaceHolderVar around {@code ROW(...)} once the subquery is pulled up. A stored table
 * needs none of this: its ctid, which its scan emits at the same place, is NULL only there.
 */
final class RowPresence {
    private RowPresence() {}

    /** Whether {@code q} (at any depth) reads the row-present column of its entry {@code rtindex}. */
    static boolean referenced(Query q, int rtindex, int natts) {
        return IndexOnlyScans.columnReads(q, rtindex, natts)[natts + 1] > 0;
    }

    /**
     * ReplaceVarsFromTargetList for item {@code rtindex} pulled up through inner joins: each Var
     * of it (at any depth) becomes its column's expression in {@code row}, and its row-present
     * column the constant TRUE, since such an item's row is never null-extended.
     */
    static Query replaceVars(Query q, int rtindex, List<Expr> row) {
        return VarLevels.mapQuery(q, 0, (v, depth) -> v.levelsup() != depth || v.varno() != rtindex ? null
                : v.attno() == row.size() + 1 ? new Expr.Const(TypeOids.BOOL, -1, Boolean.TRUE, -1)
                : VarLevels.incrementLevelsUp(row.get(v.attno() - 1), depth));
    }

    /**
     * {@code scan} projected to the item's columns followed by the row-present column. Any
     * non-null value would do there; it is the item's row itself (a whole-row reference whose own
     * presence is the constant TRUE), so that EXPLAIN VERBOSE shows {@code s.*} where PostgreSQL's
     * subquery scan emits its whole-row Var.
     */
    static Plan emit(Plan scan, Query.RangeTblEntry rte) {
        List<Expr> columns = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < rte.columns().size(); i++) {
            var c = rte.columns().get(i);
            columns.add(new Expr.Var(Expr.Var.RESOLVED, i + 1, c.typeOid(), c.typmod(), c.name(), -1, 0));
            names.add(c.name());
        }
        List<Expr> tlist = new ArrayList<>(columns);
        Expr.RowExpr row = new Expr.RowExpr(List.copyOf(columns), TypeOids.RECORD, List.copyOf(names), -1);
        tlist.add(new Expr.WholeRowVar(row, new Expr.Const(TypeOids.BOOL, -1, Boolean.TRUE, -1), rte.refname(), -1));
        return new Plan.SubqueryScan(scan, null, List.copyOf(tlist));
    }
}
