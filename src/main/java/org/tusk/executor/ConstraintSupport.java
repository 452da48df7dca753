package org.tusk.executor;

import java.util.List;

import org.tusk.nodes.Expr;
import org.tusk.utils.cache.Relation;

/**
 * What constraint enforcement needs from the layers above the executor, which it may not import:
 * the analysis of a CHECK expression's stored text (PostgreSQL's stringToNode of ccbin) and the
 * running of the SQL queries the referential-integrity triggers issue (PostgreSQL's SPI, used
 * by ri_triggers.c). The backend supplies it through {@link ExecEnvironment#constraintSupport()}.
 */
public interface ConstraintSupport {
    /** The CHECK constraint {@code sql} of {@code rel}, analysed: a boolean expression over the table's row. */
    Expr cookCheck(Relation rel, String sql, ExecContext ctx);

    /**
     * The generation expression {@code sql} of stored generated column {@code attnum} of
     * {@code rel}, analysed: an expression of the column's type over the table's row.
     */
    default Expr cookGenerated(Relation rel, int attnum, String sql, ExecContext ctx) {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "generated columns cannot be computed here");
    }

    /**
     * A CHECK constraint of domain {@code domain} ({@code sql}, using VALUE), analysed: a boolean
     * expression whose VALUE is column 1 of the row it is evaluated on (CoerceToDomainValue).
     */
    default Expr cookDomainCheck(org.tusk.catalog.DomainInfo domain, String sql, ExecContext ctx) {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "domain constraints cannot be evaluated here");
    }

    /**
     * RelationGetIndexExpressions / RelationGetIndexPredicate: an index's stored key expressions
     * (pg_index.indexprs text, in key order) or, with {@code predicate}, its partial-index
     * condition (indpred), analysed over {@code heap}'s row.
     */
    default List<Expr> cookIndexExpressions(Relation heap, String sql, boolean predicate, ExecContext ctx) {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "index expressions cannot be evaluated here");
    }

    /**
     * A trigger's stored WHEN condition ({@code sql}, pg_trigger.tgqual) on {@code rel}, analysed:
     * a boolean expression over the old row's columns followed by the new row's (TriggerEnabled).
     */
    default Expr cookTriggerWhen(Relation rel, String sql, ExecContext ctx) {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "trigger WHEN conditions cannot be evaluated here");
    }

    /**
     * SPI_execute_with_args: runs one SQL statement with parameters $1..$n of the given types,
     * in the current transaction, in a fresh environment whose snapshot sees every change made so
     * far (the caller has incremented the command counter). Returns the rows of a SELECT (at
     * most {@code limit}, 0 for all) or, for INSERT/UPDATE/DELETE, an empty list.
     */
    default List<Object[]> execute(String sql, List<Integer> paramTypes, Object[] params, int limit, ExecContext ctx) {
        return execute(prepare(sql, paramTypes, ctx), params, limit, ctx);
    }

    /** A planned SPI query (SPIPlanPtr); valid while the tables it reads stay locked by the caller's statement. */
    interface Prepared {}

    /** SPI_prepare: parses, analyses and plans {@code sql} once, for {@link #execute(Prepared, Object[], int, ExecContext)}. */
    Prepared prepare(String sql, List<Integer> paramTypes, ExecContext ctx);

    /** SPI_execute_plan: runs a prepared query with parameter values, as {@link #execute(String, List, Object[], int, ExecContext)}. */
    List<Object[]> execute(Prepared plan, Object[] params, int limit, ExecContext ctx);
}
