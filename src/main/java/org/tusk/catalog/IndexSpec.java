package org.tusk.catalog;

import java.util.List;

/**
 * What DefineIndex hands index_create (PostgreSQL's IndexInfo as built by ComputeIndexAttrs,
 * with the index's name and flags): the key columns in order, each a table column (its attnum) or
 * an expression (attnum 0, described by the next element of {@code expressions}), the partial
 * index predicate, and the operator class chosen for each column (0: the type's default).
 *
 * @param name        the index name, or null to choose one (ChooseIndexName)
 * @param attnums     per key column: the table column's attnum, or 0 for an expression
 * @param expressions the expression columns in key order
 * @param predicateSql the WHERE condition's SQL text (stored in pg_index.indpred), or null
 * @param opclasses   per key column the operator class OID, 0 for the default; null: all default
 * @param collations  per key column the COLLATE given (a pg_collation OID), 0 for the column's or type's; null: none given
 * @param indoption   per key column pg_index.indoption (INDOPTION_DESC 1, INDOPTION_NULLS_FIRST 2); null: all 0
 * @param nullsNotDistinct UNIQUE NULLS NOT DISTINCT: nulls are equal to each other in the uniqueness check
 * @param deferrable   the constraint is DEFERRABLE: pg_index.indimmediate is false and the
 *                     uniqueness is rechecked after insertion (unique_key_recheck)
 * @param initdeferred the constraint is INITIALLY DEFERRED
 * @param exclusionOps per key column the operator OID of an EXCLUDE constraint (pg_constraint.conexclop,
 *                     pg_index.indisexclusion); null for any other index
 * @param reloptions   the storage parameters (WITH (...)) as pg_class.reloptions stores them, validated
 *                     by the caller for the access method; empty for none
 * @param includeAttnums the INCLUDE (non-key) columns' attnums, which follow the key columns in
 *                     indkey past indnkeyatts; empty for none
 */
public record IndexSpec(String name, int[] attnums, List<ExprColumn> expressions, String predicateSql, int[] opclasses,
                        int[] collations, boolean unique, boolean primary, boolean isConstraint, boolean ifNotExists,
                        short[] indoption, boolean nullsNotDistinct, boolean deferrable, boolean initdeferred,
                        int[] exclusionOps, List<String> reloptions, int[] includeAttnums, int accessMethod) {
    /** As the canonical constructor, for a B-tree (accessMethod 0, which index_create records as btree). */
    public IndexSpec(String name, int[] attnums, List<ExprColumn> expressions, String predicateSql, int[] opclasses,
                     int[] collations, boolean unique, boolean primary, boolean isConstraint, boolean ifNotExists,
                     short[] indoption, boolean nullsNotDistinct, boolean deferrable, boolean initdeferred,
                     int[] exclusionOps, List<String> reloptions, int[] includeAttnums) {
        this(name, attnums, expressions, predicateSql, opclasses, collations, unique, primary, isConstraint, ifNotExists,
                indoption, nullsNotDistinct, deferrable, initdeferred, exclusionOps, reloptions, includeAttnums, 0);
    }

    /** The same index built with access method {@code am} (a pg_am OID; 0 for btree). */
    public IndexSpec withAccessMethod(int am) {
        return new IndexSpec(name, attnums, expressions, predicateSql, opclasses, collations, unique, primary, isConstraint,
                ifNotExists, indoption, nullsNotDistinct, deferrable, initdeferred, exclusionOps, reloptions, includeAttnums, am);
    }

    /** pg_class.relam of the index: its access method, btree when none was given. */
    public int amOid() {
        return accessMethod == 0 ? SystemCatalogs.BTREE_AM_OID : accessMethod;
    }

    public IndexSpec {
        includeAttnums = includeAttnums == null ? new int[0] : includeAttnums.clone();
        reloptions = reloptions == null ? List.of() : List.copyOf(reloptions);
        exclusionOps = exclusionOps == null ? null : exclusionOps.clone();
        attnums = attnums.clone();
        indoption = indoption == null ? null : indoption.clone();
        expressions = List.copyOf(expressions);
        opclasses = opclasses == null ? null : opclasses.clone();
        collations = collations == null ? null : collations.clone();
    }

    /**
     * One expression key column.
     *
     * @param sql     the expression's SQL text
     * @param name    the index column's name (FigureColname: the function's name, else "expr", made unique)
     * @param typeOid the expression's result type, which the index column stores
     */
    public record ExprColumn(String sql, String name, int typeOid, int typmod) {}

    /** An index without storage parameters. */
    public IndexSpec(String name, int[] attnums, List<ExprColumn> expressions, String predicateSql, int[] opclasses,
                     int[] collations, boolean unique, boolean primary, boolean isConstraint, boolean ifNotExists,
                     short[] indoption, boolean nullsNotDistinct, boolean deferrable, boolean initdeferred,
                     int[] exclusionOps) {
        this(name, attnums, expressions, predicateSql, opclasses, collations, unique, primary, isConstraint, ifNotExists,
                indoption, nullsNotDistinct, deferrable, initdeferred, exclusionOps, List.of(), null);
    }

    /** The same index with these storage parameters (pg_class.reloptions "name=value", already validated). */
    public IndexSpec withRelOptions(List<String> options) {
        return new IndexSpec(name, attnums, expressions, predicateSql, opclasses, collations, unique, primary, isConstraint,
                ifNotExists, indoption, nullsNotDistinct, deferrable, initdeferred, exclusionOps, options, includeAttnums, accessMethod);
    }

    /** An index not backing an exclusion constraint. */
    public IndexSpec(String name, int[] attnums, List<ExprColumn> expressions, String predicateSql, int[] opclasses,
                     int[] collations, boolean unique, boolean primary, boolean isConstraint, boolean ifNotExists,
                     short[] indoption, boolean nullsNotDistinct, boolean deferrable, boolean initdeferred) {
        this(name, attnums, expressions, predicateSql, opclasses, collations, unique, primary, isConstraint, ifNotExists,
                indoption, nullsNotDistinct, deferrable, initdeferred, null);
    }

    @Override
    public int[] exclusionOps() { return exclusionOps == null ? null : exclusionOps.clone(); }

    /** The same index as the index of an EXCLUDE constraint with these operators (not unique, a constraint). */
    public IndexSpec asExclusion(int[] ops) {
        return new IndexSpec(name, attnums, expressions, predicateSql, opclasses, collations, false, false, true,
                ifNotExists, indoption, nullsNotDistinct, deferrable, initdeferred, ops, reloptions, includeAttnums, accessMethod);
    }

    /** An index not backing a deferrable constraint. */
    public IndexSpec(String name, int[] attnums, List<ExprColumn> expressions, String predicateSql, int[] opclasses,
                     int[] collations, boolean unique, boolean primary, boolean isConstraint, boolean ifNotExists,
                     short[] indoption, boolean nullsNotDistinct) {
        this(name, attnums, expressions, predicateSql, opclasses, collations, unique, primary, isConstraint, ifNotExists,
                indoption, nullsNotDistinct, false, false);
    }

    /** The same index backing a constraint with the given deferrability. */
    /** The same index with UNIQUE NULLS [NOT] DISTINCT as given. */
    public IndexSpec withNullsNotDistinct(boolean nullsNotDistinct) {
        return new IndexSpec(name, attnums, expressions, predicateSql, opclasses, collations, unique, primary, isConstraint,
                ifNotExists, indoption, nullsNotDistinct, deferrable, initdeferred, exclusionOps, reloptions, includeAttnums, accessMethod);
    }

    public IndexSpec withDeferrability(boolean deferrable, boolean initdeferred) {
        return new IndexSpec(name, attnums, expressions, predicateSql, opclasses, collations, unique, primary, isConstraint,
                ifNotExists, indoption, nullsNotDistinct, deferrable, initdeferred, exclusionOps, reloptions, includeAttnums, accessMethod);
    }

    /** An index whose columns are all ASC NULLS LAST and whose nulls are distinct (the defaults). */
    public IndexSpec(String name, int[] attnums, List<ExprColumn> expressions, String predicateSql, int[] opclasses,
                     int[] collations, boolean unique, boolean primary, boolean isConstraint, boolean ifNotExists) {
        this(name, attnums, expressions, predicateSql, opclasses, collations, unique, primary, isConstraint, ifNotExists,
                null, false);
    }

    /** An index on plain columns, without predicate, with default operator classes. */
    public static IndexSpec ofColumns(String name, int[] attnums, boolean unique, boolean primary, boolean isConstraint,
                                      boolean ifNotExists) {
        return new IndexSpec(name, attnums, List.of(), null, null, null, unique, primary, isConstraint, ifNotExists);
    }

    /** The same index with these INCLUDE columns (table attnums) after its key columns. */
    public IndexSpec withIncludes(int[] includes) {
        return new IndexSpec(name, attnums, expressions, predicateSql, opclasses, collations, unique, primary, isConstraint,
                ifNotExists, indoption, nullsNotDistinct, deferrable, initdeferred, exclusionOps, reloptions, includes, accessMethod);
    }

    @Override
    public int[] includeAttnums() { return includeAttnums.clone(); }

    public boolean hasExpressions() {
        return !expressions.isEmpty();
    }

    /**
     * pg_index.indexprs: the expressions' SQL texts as one select list, each parenthesized, so
     * that they can be parsed back apart; null when there are none.
     */
    public String expressionsSql() {
        if (expressions.isEmpty()) return null;
        StringBuilder sb = new StringBuilder();
        for (ExprColumn e : expressions) {
            if (!sb.isEmpty()) sb.append(", ");
            sb.append('(').append(e.sql()).append(')');
        }
        return sb.toString();
    }

    @Override
    public int[] attnums() {
        return attnums.clone();
    }

    @Override
    public int[] collations() {
        return collations == null ? null : collations.clone();
    }

    @Override
    public int[] opclasses() {
        return opclasses == null ? null : opclasses.clone();
    }

    @Override
    public short[] indoption() {
        return indoption == null ? null : indoption.clone();
    }
}
