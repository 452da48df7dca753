package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.ColumnDef;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;
import org.tusk.utils.adt.InputSettings;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The WHERE clause of COPY FROM (copy.c DoCopy with EXPR_KIND_COPY_WHERE): an expression over the
 * target table's columns, boolean, without subqueries, aggregates, window functions or
 * set-returning functions; the rows it is false or NULL for are not inserted.
 */
public final class CopyWhereAnalysis {
    private CopyWhereAnalysis() {}

    /** Analyses {@code where}, whose locations index {@code queryString}, over the columns of {@code rel}. */
    public static Expr analyze(Relation rel, RawExpr where, String queryString, InputSettings zone, String currentDatabase,
                               ExecEnvironment env) {
        Analyzer a = Analyzer.forExpression(queryString == null ? "" : queryString, zone, currentDatabase, env);
        List<ColumnDef> cols = new ArrayList<>();
        for (int i = 0; i < rel.desc().natts(); i++) {
            var att = rel.desc().attr(i);
            cols.add(att.attisdropped() ? new ColumnDef("", att.type().oid(), -1)
                    : new ColumnDef(att.name(), att.type().oid(), rel.atttypmod(i + 1)));
        }
        a.setRangeTableEntry(new Query.RangeTblEntry(rel.name(), null, rel.name(), null, List.copyOf(cols), rel));
        a.setExprKind("COPY FROM WHERE conditions");
        Expr e = a.coerceToBoolean(a.transformExpr(where), "WHERE", where.location());
        ExprTrees.any(e, x -> {
            if (x instanceof Expr.SubLink s) {
                throw a.err(SqlState.FEATURE_NOT_SUPPORTED, "cannot use subquery in COPY FROM WHERE condition", s.location());
            }
            return false;
        });
        int natts = rel.desc().natts();
        ExprTrees.any(e, x -> {
            if (x instanceof Expr.Var v && v.levelsup() == 0 && v.attno() > natts)
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "system columns are not supported in COPY FROM WHERE conditions");
            return false;
        });
        return e;
    }
}
