package org.tusk.rewrite;

import java.util.List;

import org.tusk.catalog.RelationProvider;
import org.tusk.catalog.TypeOids;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.parser.Analyzer;
import org.tusk.parser.Parser;
import org.tusk.utils.adt.InputSettings;
import org.tusk.utils.adt.Texts;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

/**
 * A policy's USING or WITH CHECK expression analysed against its table (CreatePolicy's
 * transformWhereClause with EXPR_KIND_POLICY, and RelationBuildRowSecurity's stringToNode). The
 * stored text is analysed as the one output column of {@code SELECT (expr) FROM ONLY table}, so
 * the table's columns are Vars of range table entry 1 (at any SubLink depth, levelsup relative to
 * the expression's own level) and names resolve with the search_path of the moment, as Tusk's
 * other stored expressions do.
 */
public final class PolicyExpressions {
    private PolicyExpressions() {}

    /** The analysed expression and the analysed query it was taken from (whose range tables name what it reads). */
    public record Analysed(Expr expr, Query query) {}

    /**
     * Analyses {@code text} over {@code rel}: 42804 unless boolean, 42803 for an aggregate, 42P20
     * for a window function, as transformWhereClause and the EXPR_KIND_POLICY checks refuse them.
     */
    public static Analysed analyze(Relation rel, String text, RelationProvider relations, ExecEnvironment env, InputSettings zone,
                                   String currentDatabase) {
        String from = " FROM ONLY " + Texts.quoteIdentifier(env.catalog().namespaceName(rel.namespace())) + "."
                + Texts.quoteIdentifier(rel.name());
        String sql = "SELECT (" + text + ")" + from;
        Query q;
        try {
            q = Analyzer.analyze(Parser.parse(sql, env.scanSettings()).get(0), sql, relations, env, zone, currentDatabase, null);
            if (q.targetList().get(0).expr().type() == TypeOids.UNKNOWN) {
                // an untyped literal is coerced to boolean, as coerce_to_boolean does
                sql = "SELECT (" + text + ")::boolean" + from;
                q = Analyzer.analyze(Parser.parse(sql, env.scanSettings()).get(0), sql, relations, env, zone, currentDatabase, null);
            }
        } catch (PgException e) {
            // positions would point into the synthesised statement
            throw new PgException(Severity.ERROR, e.sqlState(), e.getMessage(), e.detail(), e.hint(), 0);
        }
        if (!q.aggregates().isEmpty()) {
            throw PgException.error(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in policy expressions");
        }
        if (!q.windowClause().isEmpty()) {
            throw PgException.error("42P20", "window functions are not allowed in policy expressions");
        }
        Expr e = q.targetList().get(0).expr();
        if (e.type() != TypeOids.BOOL) {
            throw PgException.error(SqlState.DATATYPE_MISMATCH, "argument of POLICY must be type boolean, not type "
                    + org.tusk.catalog.BuiltinCatalog.formatType(e.type()));
        }
        return new Analysed(e, q);
    }

    /** The relations (by OID) the expression reads besides its own table: what the policy depends on. */
    public static List<Integer> referencedRelations(Analysed a, Relation rel) {
        return RewriteHandler.referencedRelations(a.query()).stream().filter(o -> o != rel.oid()).toList();
    }

    /** The expression moved onto range table entry {@code varno} of the query it is placed in. */
    static Expr onEntry(Expr e, int varno) {
        return RewriteManip.changeVarNodes(e, 1, varno);
    }
}
