package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.ColumnDef;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The FROM clause (PostgreSQL's parse_clause.c transformFromClause/transformFromClauseItem):
 * adds a range table entry per relation, subquery, function, CTE reference and join, builds
 * the join tree and the namespace that column references are resolved against.
 *
 * <p>Visibility rules, as PostgreSQL's: a JOIN's ON clause sees only the join's two inputs; a
 * LATERAL subquery (and any function in FROM) sees the FROM items before it, a plain subquery
 * none of this level; an aliased join hides its inputs; a refname may appear only once per
 * level (42712).
 */
final class ParseClause {
    private final Analyzer a;

    ParseClause(Analyzer a) {
        this.a = a;
    }

    /** A transformed FROM item: its join tree node, the namespace items it contributes, and its columns as a whole. */
    private record Item(Query.JoinNode node, List<NsItem> items, List<String> colnames, List<Expr> colExprs) {}

    /** transformFromClause: sets the analyzer's namespace and returns the join tree's from-list. */
    List<Query.JoinNode> transformFromClause(List<Stmt.FromItem> from) {
        return transformFromClause(from, List.of());
    }

    /**
     * The same after {@code initial} items already in the namespace (UPDATE/DELETE's target,
     * which FROM/USING items may not repeat: 42712) that FROM items cannot see laterally.
     */
    List<Query.JoinNode> transformFromClause(List<Stmt.FromItem> from, List<NsItem> initial) {
        List<NsItem> all = new ArrayList<>(initial);
        List<Query.JoinNode> nodes = new ArrayList<>();
        // LATERAL items find the target too, to report it as not referable (check_lateral_ref_ok)
        List<NsItem> target = initial.stream().map(NsItem::resultRelationForFromClause).toList();
        for (Stmt.FromItem fi : from) {
            List<NsItem> lateral = new ArrayList<>(target);
            lateral.addAll(all.subList(initial.size(), all.size()));
            Item it = transform(fi, List.copyOf(lateral));
            checkNameConflicts(all, it.items(), fi.location());
            all.addAll(it.items());
            nodes.add(it.node());
        }
        a.namespace = all;
        return nodes;
    }

    /** checkNamespace: 42712 for a refname that two FROM items of one level share. */
    private void checkNameConflicts(List<NsItem> existing, List<NsItem> added, int location) {
        for (NsItem n : added) {
            if (!n.relVisible() || n.refname() == null) continue;
            for (NsItem e : existing) {
                if (e.relVisible() && n.refname().equals(e.refname()))
                    throw PgException.error("42712", "table name \"" + n.refname() + "\" specified more than once");
            }
        }
    }

    private Item transform(Stmt.FromItem fi, List<NsItem> lateral) {
        return switch (fi) {
            case Stmt.RangeVar rv -> {
                Query.RangeTblEntry rte = a.rangeTableEntry(rv);
                yield base(rte);
            }
            case Stmt.RangeSubselect rs -> {
                List<NsItem> saved = a.namespace;
                String savedKind = a.exprKind();
                a.namespace = rs.lateral() ? lateral : List.of();
                // an aggregate over this level's columns in a LATERAL subquery would belong to
                // this level, computed from its own FROM clause (EXPR_KIND_FROM_SUBSELECT)
                a.setExprKind("FROM clause of their own query level");
                Query q;
                try {
                    q = a.subquery().transformSelect(rs.subquery());
                } finally {
                    a.namespace = saved;
                    a.setExprKind(savedKind);
                }
                List<ColumnDef> cols = new ArrayList<>();
                for (Query.TargetEntry te : q.targetList())
                    if (!te.resjunk()) cols.add(new ColumnDef(te.name(), te.expr().type(), te.expr().typmod()));
                Query.RangeTblEntry rte = new Query.RangeTblEntry(Query.RteKind.SUBQUERY, rs.alias(), null, null, null,
                        a.aliasColumns(cols, rs.colAliases(), rs.alias(), rs.location()), null, q, null, null, null, 0,
                        false, rs.lateral());
                yield base(rte);
            }
            case Stmt.RangeFunction rf -> base(new RangeFunctionAnalysis(a).transform(rf, lateral));
            case Stmt.JoinExpr j -> join(j, lateral);
        };
    }

    private Item base(Query.RangeTblEntry rte) {
        int rtindex = a.addRangeTableEntry(rte);
        NsItem item = NsItem.of(rte, rtindex);
        return new Item(new Query.JoinNode.RangeRef(rtindex), List.of(item), item.colnames(), item.colExprs());
    }

    /** transformFromClauseItem for a JoinExpr, with USING/NATURAL column merging (transformJoinUsingClause). */
    private Item join(Stmt.JoinExpr j, List<NsItem> lateral) {
        Item l = transform(j.larg(), lateral);
        Query.JoinType type = switch (j.kind()) {
            case INNER, CROSS -> Query.JoinType.INNER;
            case LEFT -> Query.JoinType.LEFT;
            case RIGHT -> Query.JoinType.RIGHT;
            case FULL -> Query.JoinType.FULL;
        };
        // the left side is visible to LATERAL items of the right side, but (SQL:2008) may be
        // referred to only if the join is INNER or LEFT
        List<NsItem> lateralRight = new ArrayList<>(lateral);
        for (NsItem n : l.items())
            lateralRight.add(type == Query.JoinType.INNER || type == Query.JoinType.LEFT ? n : n.lateralForbidden());
        Item r = transform(j.rarg(), lateralRight);
        checkNameConflicts(l.items(), r.items(), j.rarg().location());

        List<String> using = j.using();
        if (j.natural()) {
            using = new ArrayList<>();
            for (String n : l.colnames()) if (r.colnames().contains(n) && !using.contains(n)) using.add(n);
        }
        List<String> names = new ArrayList<>();
        List<Expr> exprs = new ArrayList<>();
        List<Integer> lUsed = new ArrayList<>(), rUsed = new ArrayList<>();
        Expr quals = null;
        List<Expr> conds = new ArrayList<>();
        for (String col : using) {
            if (names.contains(col))
                throw a.err("42701", "column name \"" + col + "\" appears more than once in USING clause", j.location());
            int li = usingIndex(l.colnames(), col, "left", j.location());
            int ri = usingIndex(r.colnames(), col, "right", j.location());
            lUsed.add(li);
            rUsed.add(ri);
            Expr le = l.colExprs().get(li), re = r.colExprs().get(ri);
            int t = ParseCoerce.selectCommonType(List.of(le, re), List.of(j.location(), j.location()), "JOIN/USING", a.src());
            Expr lc = a.coerceAll(List.of(le), List.of(j.location()), t, "JOIN/USING").get(0);
            Expr rc = a.coerceAll(List.of(re), List.of(j.location()), t, "JOIN/USING").get(0);
            conds.add(a.makeOp("=", lc, rc, j.location(), j.location(), j.location()));
            names.add(col);
            exprs.add(switch (type) {
                case RIGHT -> rc;
                case FULL -> new Expr.CoalesceExpr(List.of(lc, rc), t);
                default -> lc;
            });
        }
        if (!conds.isEmpty()) {
            quals = conds.size() == 1 ? conds.get(0) : new Expr.BoolExpr(RawExpr.BoolOp.AND, List.copyOf(conds));
        }
        for (int i = 0; i < l.colnames().size(); i++) {
            if (lUsed.contains(i)) continue;
            names.add(l.colnames().get(i));
            exprs.add(l.colExprs().get(i));
        }
        for (int i = 0; i < r.colnames().size(); i++) {
            if (rUsed.contains(i)) continue;
            names.add(r.colnames().get(i));
            exprs.add(r.colExprs().get(i));
        }
        if (j.quals() != null) {
            List<NsItem> saved = a.namespace;
            String savedKind = a.exprKind();
            List<NsItem> ns = new ArrayList<>(l.items());
            ns.addAll(r.items());
            a.namespace = ns;
            a.setExprKind("JOIN conditions");
            try {
                quals = a.coerceToBoolean(a.transformExpr(j.quals()), "JOIN/ON", j.quals().location());
            } finally {
                a.namespace = saved;
                a.setExprKind(savedKind);
            }
        }
        List<ColumnDef> cols = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) cols.add(new ColumnDef(names.get(i), exprs.get(i).type(), exprs.get(i).typmod()));
        String refname = j.alias();
        if (refname != null && j.colAliases().size() > cols.size())
            // addRangeTableEntryForJoin's own wording (and no position) for a join alias list that is too long
            throw a.err("42P10", "join expression \"" + refname + "\" has " + cols.size() + " columns available but "
                    + j.colAliases().size() + " columns specified", -1);
        List<ColumnDef> aliased = refname == null ? List.copyOf(cols) : a.aliasColumns(cols, j.colAliases(), refname, j.location());
        Query.RangeTblEntry rte = new Query.RangeTblEntry(Query.RteKind.JOIN, refname, null, null, null, aliased, null, null,
                null, null, null, 0, false, false);
        int rtindex = a.addRangeTableEntry(rte);
        List<String> visibleNames = new ArrayList<>();
        for (ColumnDef c : aliased) visibleNames.add(c.name());
        NsItem joinItem = new NsItem(refname, rtindex, rte, List.copyOf(visibleNames), List.copyOf(exprs), refname != null, true);
        List<NsItem> items = new ArrayList<>();
        if (refname == null) {
            for (NsItem n : l.items()) items.add(n.visibility(n.relVisible(), false));
            for (NsItem n : r.items()) items.add(n.visibility(n.relVisible(), false));
            if (j.usingAlias() != null) {
                // join_using_alias: the join's USING columns under a table name of their own, which
                // does not hide the joined tables; a join alias around it hides it with them
                int n = using.size();
                NsItem usingItem = new NsItem(j.usingAlias(), rtindex, rte, List.copyOf(visibleNames.subList(0, n)),
                        List.copyOf(exprs.subList(0, n)), true, false);
                checkNameConflicts(items, List.of(usingItem), j.location());
                items.add(usingItem);
            }
        }
        items.add(joinItem);
        return new Item(new Query.JoinNode.Join(type, l.node(), r.node(), quals, rtindex, List.copyOf(using)), List.copyOf(items),
                joinItem.colnames(), joinItem.colExprs());
    }

    private int usingIndex(List<String> colnames, String col, String side, int location) {
        int found = -1;
        for (int i = 0; i < colnames.size(); i++) {
            if (!colnames.get(i).equals(col)) continue;
            if (found >= 0)
                    throw PgException.error(SqlState.AMBIGUOUS_COLUMN, "common column name \"" + col
                        + "\" appears more than once in " + side + " table");
            found = i;
        }
        if (found < 0)
            throw PgException.error(SqlState.UNDEFINED_COLUMN, "column \"" + col
                    + "\" specified in USING clause does not exist in " + side + " table");
        return found;
    }
}
