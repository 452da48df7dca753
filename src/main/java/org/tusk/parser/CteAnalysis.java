package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.ColumnDef;
import org.tusk.nodes.Query;
import org.tusk.nodes.Stmt;
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

    List<Query.CommonTableExpr> transformWith(Stmt.WithClause with) {
        List<Query.CommonTableExpr> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Stmt.CommonTableExpr cte : with.ctes()) {
            if (seen.contains(cte.name()))
                throw a.err("42712", "WITH query name \"" + cte.name() + "\" specified more than once", cte.location());
            seen.add(cte.name());
            if (cte.modifying() != null) {
                out.add(transformModifying(cte));
                continue;
            }
            boolean recursive = with.recursive() && RecursionCheck.refersTo(cte.query(), cte.name());
            Query.CteCycleClause cycle = SearchCycleAnalysis.transformCycle(a, cte.cycle());
            Query.CteSearchClause search = SearchCycleAnalysis.transformSearch(cte.search());
            Query q;
            if (recursive) {
                RecursionCheck.check(a, cte);
                Stmt.SelectStmt s = cte.query();
                Query nonRecursive = a.subquery().transformSelect(s.larg());
                List<ColumnDef> cols = columns(nonRecursive, cte);
                // the recursive term's self-reference sees the columns SEARCH and CYCLE add
                a.ctes.add(new CteItem(cte.name(), SearchCycleAnalysis.withAddedColumns(cols, search, cycle), true, false,
                        cols.size()));
                try {
                    q = a.subquery().transformSelect(s);
                } finally {
                    a.ctes.remove(a.ctes.size() - 1);
                }
                List<ColumnDef> overall = columns(q, cte);
                for (int i = 0; i < cols.size(); i++) {
                    if (cols.get(i).typeOid() != overall.get(i).typeOid())
                        throw a.err(SqlState.DATATYPE_MISMATCH, "recursive query \"" + cte.name() + "\" column " + (i + 1)
                                + " has type " + BuiltinCatalog.formatType(cols.get(i).typeOid())
                                + " in non-recursive term but type " + BuiltinCatalog.formatType(overall.get(i).typeOid())
                                + " overall", i < s.larg().targetList().size() ? s.larg().targetList().get(i).location()
                                : s.larg().location())
                                .withHint("Cast the output of the non-recursive term to the correct type.");
                }
            } else {
                q = a.subquery().transformSelect(cte.query());
            }
            List<ColumnDef> cols = columns(q, cte);
            SearchCycleAnalysis.check(a, cte, recursive, q, cols);
            if (search != null || cycle != null) {
                List<ColumnDef> all = SearchCycleAnalysis.withAddedColumns(cols, search, cycle);
                Query rewritten = new SearchCycleRewrite(a, cols, search, cycle).rewrite(cte.name(), q);
                a.ctes.add(new CteItem(cte.name(), all, false));
                out.add(new Query.CommonTableExpr(cte.name(), all, rewritten, true, search, cycle, q));
                continue;
            }
            a.ctes.add(new CteItem(cte.name(), cols, false));
            out.add(new Query.CommonTableExpr(cte.name(), cols, q, recursive));
        }
        return List.copyOf(out);
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
        return new Query.CommonTableExpr(cte.name(), cols, q, false);
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
