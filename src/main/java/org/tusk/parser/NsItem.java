package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.ColumnDef;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;

/**
 * A FROM item as name resolution sees it (PostgreSQL's ParseNamespaceItem): the name it is
 * referred to by, its columns' names and the expressions they stand for (a Var of range table
 * entry {@code rtindex}, or for a merged USING column of a join the left, right or COALESCE of
 * both), and whether the item can be named in qualified references ({@code relVisible}) and
 * its columns found unqualified ({@code colsVisible}). A join without alias contributes its
 * inputs with relVisible only and itself with colsVisible only, so that {@code t.c} names the
 * table's own column and an unqualified {@code c} the join's. {@code lateralOk} is false for
 * the left side of a RIGHT or FULL join as its right side's LATERAL items see it: naming it
 * there is an error (42P10, check_lateral_ref_ok). {@code resultRelation} marks the target of
 * UPDATE/DELETE as the items of its FROM/USING clause see it (transformUpdateStmt's lateral-only,
 * not-lateral-ok p_target_nsitem): naming it from a LATERAL item is the same error, with a hint
 * instead of the JOIN-type detail.
 */
record NsItem(String refname, int rtindex, Query.RangeTblEntry rte, List<String> colnames, List<Expr> colExprs,
              boolean relVisible, boolean colsVisible, boolean lateralOk, boolean resultRelation) {

    NsItem(String refname, int rtindex, Query.RangeTblEntry rte, List<String> colnames, List<Expr> colExprs,
           boolean relVisible, boolean colsVisible, boolean lateralOk) {
        this(refname, rtindex, rte, colnames, colExprs, relVisible, colsVisible, lateralOk, false);
    }

    NsItem(String refname, int rtindex, Query.RangeTblEntry rte, List<String> colnames, List<Expr> colExprs,
           boolean relVisible, boolean colsVisible) {
        this(refname, rtindex, rte, colnames, colExprs, relVisible, colsVisible, true);
    }

    /**
     * The item as the right side of a RIGHT or FULL join sees its left side (p_lateral_ok
     * false): visible to LATERAL references, which are an error when they find it (SQL:2008).
     */
    NsItem lateralForbidden() {
        return new NsItem(refname, rtindex, rte, colnames, colExprs, relVisible, colsVisible, false, resultRelation);
    }

    /** The UPDATE/DELETE target as its FROM/USING items' LATERAL references see it: an error to name. */
    NsItem resultRelationForFromClause() {
        return new NsItem(refname, rtindex, rte, colnames, colExprs, relVisible, colsVisible, false, true);
    }

    /**
     * The item for range table entry {@code rte} at {@code rtindex}: Vars of its columns, leaving
     * out a table's dropped columns (the entry's columns with an empty name).
     */
    static NsItem of(Query.RangeTblEntry rte, int rtindex) {
        List<String> names = new ArrayList<>();
        List<Expr> vars = new ArrayList<>();
        for (int i = 0; i < rte.columns().size(); i++) {
            ColumnDef c = rte.columns().get(i);
            if (c.name().isEmpty()) continue;   // a dropped column: neither found by name nor expanded by *
            names.add(c.name());
            vars.add(new Expr.Var(rtindex, i + 1, c.typeOid(), c.typmod(), c.name(), -1));
        }
        return new NsItem(rte.refname(), rtindex, rte, List.copyOf(names), List.copyOf(vars), true, true);
    }

    NsItem visibility(boolean rel, boolean cols) {
        return new NsItem(refname, rtindex, rte, colnames, colExprs, rel, cols, lateralOk, resultRelation);
    }
}
