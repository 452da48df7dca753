package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.ColumnDef;
import org.tusk.nodes.Query;
import org.tusk.nodes.Stmt;
import org.tusk.utils.adt.FormatType;
import org.tusk.utils.error.SqlState;

/**
 * WITH (parse_cte.c transformWithClause/analyzeCTE): each query is analysed one level down and
 * becomes visible to the queries after it and to the main query. A query of WITH RECURSIVE
 * that refers to itself must be {@code non-recursive-term UNION [ALL] recursive-term}: the
 * non-recursive term is analysed first to learn the column types, then the whole with the
 * self-reference reading the work table; the overall column types must equal the
 * non-recursive term's (42804 otherwise, as PostgreSQL).
 */
final class CteAnalysis {
    private final Analyzer a;

    CteAnalysis(Analyzer a) {
        this.a = a;
    }

    /**
     * transformWithClause: without RECURSIVE each item is analysed in turn and becomes visible
     * to the items after it (the later ones are "future" WITH items, named in the error for a
     * forward reference); with RECURSIVE the dependency graph orders the analysis, the
     * self-referencing items are checked for the recursive form first, and the result is in
     * that order (as PostgreSQL's cteList, which pg_get_viewdef prints and the planner plans in).
     */
    List<Query.CommonTableExpr> transformWith(Stmt.WithClause with) {
        List<String> seen = new ArrayList<>();
        for (Stmt.CommonTableExpr cte : with.ctes()) {
            if (seen.contains(cte.name()))
                throw a.err("42712", "WITH query name \"" + cte.name() + "\" specified more than once", cte.location());
            seen.add(cte.name());
        }
        List<Stmt.CommonTableExpr> items = with.ctes();
        if (!with.recursive()) {
            List<Query.CommonTableExpr> out = new ArrayList<>();
            a.futureCtes.addAll(seen);
            try {
                for (Stmt.CommonTableExpr cte : items) {
                    out.add(analyzeCte(cte, false));
                    a.futureCtes.remove(cte.name());
                }
            } finally {
                a.futureCtes.removeAll(seen);
            }
            return List.copyOf(out);
        }
        CteDependencies graph = CteDependencies.of(items);
        List<Integer> order = graph.analysisOrder(a);
        for (int i = 0; i < items.size(); i++)
            if (graph.recursive(i)) RecursionCheck.check(a, items.get(i));
        // the list stays in analysis order, as TopologicalSort leaves it: each query only reads earlier ones
        List<Query.CommonTableExpr> out = new ArrayList<>();
        for (int i : order) out.add(analyzeCte(items.get(i), graph.recursive(i)));
        return List.copyOf(out);
    }

    /** analyzeCTE: one WITH query, which then becomes visible by its name at this level. */
    private Query.CommonTableExpr analyzeCte(Stmt.CommonTableExpr cte, boolean recursive) {
        if (cte.modifying() != null) return transformModifying(cte);
        Query.CteCycleClause cycle = SearchCycleAnalysis.transformCycle(a, cte.cycle());
        Query.CteSearchClause search = SearchCycleAnalysis.transformSearch(cte.search());
        Query q;
        if (recursive) {
            Stmt.SelectStmt s = cte.query();
            // the non-recursive term sees the WITH written on the UNION itself
            Analyzer termLevel = a.subquery();
            if (s.with() != null) new CteAnalysis(termLevel).transformWith(s.with());
            Query nonRecursive = termLevel.subquery().transformSelect(s.larg());
            List<ColumnDef> cols = columns(nonRecursive, cte);
            // the recursive term's self-reference sees the columns SEARCH and CYCLE add
            a.ctes.add(new CteItem(cte.name(), SearchCycleAnalysis.withAddedColumns(cols, search, cycle), true, false,
                    cols.size()));
            try {
                q = a.subquery().transformSelect(s);
            } finally {
                a.ctes.remove(a.ctes.size() - 1);
            }
            checkRecursiveTypes(cte, cols, columns(q, cte));
        } else {
            q = a.subquery().transformSelect(cte.query());
        }
        List<ColumnDef> cols = columns(q, cte);
        SearchCycleAnalysis.check(a, cte, recursive, q, cols);
        if (search != null || cycle != null) {
            List<ColumnDef> all = SearchCycleAnalysis.withAddedColumns(cols, search, cycle);
            Query rewritten = new SearchCycleRewrite(a, cols, search, cycle).rewrite(cte.name(), q);
            a.ctes.add(new CteItem(cte.name(), all, false));
            return new Query.CommonTableExpr(cte.name(), all, rewritten, true, search, cycle, q, cte.colAliases(),
                    cte.materialized());
        }
        a.ctes.add(new CteItem(cte.name(), cols, false));
        return new Query.CommonTableExpr(cte.name(), cols, q, recursive, null, null, null, cte.colAliases(),
                cte.materialized());
    }

    /**
     * analyzeCTE's check that the work table's row type (the non-recursive term's) is the
     * query's overall row type, type and typmod alike, placed at the non-recursive term's
     * output expression.
     */
    private void checkRecursiveTypes(Stmt.CommonTableExpr cte, List<ColumnDef> nonRecursive, List<ColumnDef> overall) {
        Stmt.SelectStmt s = cte.query();
        for (int i = 0; i < nonRecursive.size(); i++) {
            ColumnDef n = nonRecursive.get(i), o = overall.get(i);
            if (n.typeOid() == o.typeOid() && n.typmod() == o.typmod()) continue;
            throw a.err(SqlState.DATATYPE_MISMATCH, "recursive query \"" + cte.name() + "\" column " + (i + 1)
                    + " has type " + FormatType.format(n.typeOid(), n.typmod(), true)
                    + " in non-recursive term but type " + FormatType.format(o.typeOid(), o.typmod(), true)
                    + " overall", i < s.larg().targetList().size() ? s.larg().targetList().get(i).location()
                    : s.larg().location())
                    .withHint("Cast the output of the non-recursive term to the correct type.");
        }
    }

    /**
     * A data-modifying WITH query (INSERT, UPDATE or DELETE): its rows are its RETURNING list's.
     * Only the outermost statement may have one, since it must run exactly once whatever reads
     * it (PostgreSQL runs it to completion at the end of the statement).
     */
    private Query.CommonTableExpr transformModifying(Stmt.CommonTableExpr cte) {
        if (!a.isTopLevel())
            throw a.err(SqlState.FEATURE_NOT_SUPPORTED,
                    "WITH clause containing a data-modifying statement must be at the top level", cte.location());
        Query q = new ModifyAnalysis(a.subquery()).transform(cte.modifying());
        List<ColumnDef> cols = new ArrayList<>();
        for (Query.TargetEntry te : q.returningList())
            cols.add(new ColumnDef(te.name(), te.expr().type(), te.expr().typmod()));
        if (cte.colAliases().size() > cols.size())
            throw a.err("42P10", "WITH query \"" + cte.name() + "\" has " + cols.size() + " columns available but "
                    + cte.colAliases().size() + " columns specified", cte.location());
        cols = a.aliasColumns(cols, cte.colAliases(), cte.name(), cte.location());
        a.ctes.add(new CteItem(cte.name(), cols, false, q.returningList().isEmpty()));
        return new Query.CommonTableExpr(cte.name(), cols, q, false, null, null, null, cte.colAliases(),
                cte.materialized());
    }

    private List<ColumnDef> columns(Query q, Stmt.CommonTableExpr cte) {
        List<ColumnDef> cols = new ArrayList<>();
        for (Query.TargetEntry te : q.targetList())
            if (!te.resjunk()) cols.add(new ColumnDef(te.name(), te.expr().type(), te.expr().typmod()));
        if (cte.colAliases().size() > cols.size())
            throw a.err("42P10", "WITH query \"" + cte.name() + "\" has " + cols.size() + " columns available but "
                    + cte.colAliases().size() + " columns specified", cte.location());
        return a.aliasColumns(cols, cte.colAliases(), cte.name(), cte.location());
    }
}
