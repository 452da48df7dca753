package org.tusk.parser;

import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.RawExpr;
import org.tusk.utils.adt.InputSettings;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The expression elements of a partition key (PostgreSQL's tablecmds.c transformPartitionSpec
 * with EXPR_KIND_PARTITION_EXPRESSION, and the expression checks of ComputePartitionAttrs):
 * analysed over the partitioned table's row, so that their Vars are its attribute numbers and
 * they evaluate directly on a row of it (FormPartitionKeyDatum).
 */
public final class PartitionKeyAnalysis {
    private PartitionKeyAnalysis() {}

    /**
     * A written key expression, analysed (transformPartitionSpec): aggregates and window
     * functions are refused by the analysis itself, as the expression kind names them. An
     * expression that is just a column comes back as its Var; the caller treats it as a plain
     * key column, and otherwise checks its type and then calls {@link #check}: set-returning
     * functions and subqueries (0A000), system columns, functions that are not IMMUTABLE and
     * expressions without any column (all 42P17).
     */
    public static Expr cook(Relation table, RawExpr raw, String sql, InputSettings zone, String currentDatabase,
                            ExecEnvironment env) {
        Analyzer a = IndexExprAnalysis.analyzer(table, sql, zone, currentDatabase, env, "partition key expressions");
        Expr e;
        try {
            e = IndexExprAnalysis.storedRow(a.transformExpr(raw));
        } catch (PgException ex) {
            // transformPartitionSpec analyses in a ParseState without the query text: no position
            throw new PgException(ex.severity(), ex.sqlState(), ex.getMessage(), ex.detail(), ex.hint(), 0);
        }
        return e;
    }

    /**
     * The stored partexprs of partitioned table {@code table}, analysed again over its row
     * (RelationBuildPartitionKey reads them with stringToNode; Tusk keeps SQL text). Names are
     * resolved as for every stored expression: pg_catalog, then the table's schema, then public
     * ({@link org.tusk.catalog.ObjectNames#analyzeStored}); {@code env} gives the catalog, so
     * that user-defined functions and operators are found.
     */
    public static java.util.List<Expr> stored(Relation table, String partexprs, ExecEnvironment env) {
        return org.tusk.catalog.ObjectNames.current().analyzeStored(table.namespace(),
                () -> IndexExprAnalysis.storedExpressions(table, partexprs, org.tusk.utils.adt.InputSettings.DEFAULT, null, env));
    }

    /**
     * ComputePartitionAttrs' checks of an analysed key expression that is not a plain column,
     * after its type has been found storable.
     */
    public static void check(Relation table, Expr e) {
        check(table, e, e);
    }

    /** As above, with {@code planned}, the expression after expression_planner, for the mutability test. */
    public static void check(Relation table, Expr e, Expr planned) {
        // EXPR_KIND_PARTITION_EXPRESSION refuses set-returning functions (check_srf_call_placement)
        if (ExprTrees.any(e, x -> x instanceof Expr.FuncExpr f && f.proc().retset()))
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "set-returning functions are not allowed in partition key expressions");
        if (IndexExprAnalysis.containsSubLink(e))
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot use subquery in partition key expression");
        if (ExprTrees.any(e, x -> x instanceof Expr.Var v && v.levelsup() == 0 && v.attno() > table.desc().natts()))
            throw PgException.error("42P17", "partition key expressions cannot contain system column references");
        if (IndexExprAnalysis.containsMutable(planned))
            throw PgException.error("42P17", "functions in partition key expression must be marked IMMUTABLE");
        // expression_planner folds an immutable expression without columns to a Const
        if (!ExprTrees.any(e, x -> x instanceof Expr.Var))
            throw PgException.error("42P17", "cannot use constant expression as partition key");
    }
}
