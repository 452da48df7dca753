package org.tusk.nodes;

import java.util.List;

import org.tusk.catalog.ColumnDef;
import org.tusk.catalog.ScannableRelation;
import org.tusk.utils.cache.Relation;

/**
 * The result of parse analysis of one statement (PostgreSQL's Query). For SELECT, the range
 * table has at most one entry, the target list has the visible output columns first and any
 * resjunk columns (ORDER BY expressions not in the select list) after them. Utility statements
 * carry the raw statement in {@code utilityStmt} and nothing else.
 *
 * <p>INSERT, UPDATE and DELETE have {@code resultRelation} 1: range table entry 1 is the target
 * table. Their {@code targetList} is the complete new row, one entry per attribute in attribute
 * order (resno = attnum): for UPDATE expressions over the old row (unchanged columns are Vars of
 * themselves), for INSERT expressions over the source tuple, which is a row of
 * {@code valuesLists} (the listed columns, in the order of the column list) or an output row of
 * {@code sourceQuery} (INSERT ... SELECT); columns not listed get their default expression.
 * DELETE has an empty target list. {@code returningList} is evaluated over the new row (old row
 * for DELETE). {@code where} of UPDATE/DELETE filters the target table's rows.
 */
public record Query(CommandType commandType, Stmt utilityStmt, List<RangeTblEntry> rangeTable,
                    List<TargetEntry> targetList, Expr where, List<SortClause> sortClause, Expr limitCount,
                    Expr limitOffset, List<Expr.Aggref> aggregates, int resultRelation, List<List<Expr>> valuesLists,
                    Query sourceQuery, List<TargetEntry> returningList) {

    public enum CommandType { SELECT, INSERT, UPDATE, DELETE, UTILITY }

    /** A SELECT or utility Query (no result relation). */
    public Query(CommandType commandType, Stmt utilityStmt, List<RangeTblEntry> rangeTable, List<TargetEntry> targetList,
                 Expr where, List<SortClause> sortClause, Expr limitCount, Expr limitOffset, List<Expr.Aggref> aggregates) {
        this(commandType, utilityStmt, rangeTable, targetList, where, sortClause, limitCount, limitOffset, aggregates, 0,
                List.of(), null, List.of());
    }

    public boolean hasAggs() { return !aggregates.isEmpty(); }

    /** The target table's range table entry of INSERT/UPDATE/DELETE, or null. */
    public RangeTblEntry resultRte() { return resultRelation == 0 ? null : rangeTable.get(resultRelation - 1); }

    /** One output column: resno is 1-based; resjunk columns are computed but not returned. */
    public record TargetEntry(Expr expr, int resno, String name, boolean resjunk) {}

    /** Sort by target entry {@code resno}, using the type's ordering. */
    public record SortClause(int resno, boolean desc, boolean nullsFirst) {}

    /**
     * A relation in FROM or the target of a data-modifying statement: the alias (or name) it is
     * referred to by, and the relation itself, either a scannable system view ({@code relation})
     * or a table of the catalog ({@code table}, read through the table access method).
     */
    public record RangeTblEntry(String refname, String schema, String relname, ScannableRelation relation,
                                List<ColumnDef> columns, Relation table) {
        public RangeTblEntry(String refname, String schema, String relname, ScannableRelation relation,
                             List<ColumnDef> columns) {
            this(refname, schema, relname, relation, columns, null);
        }

        /** Whether this is a catalog table (as opposed to a system view). */
        public boolean isTable() { return table != null; }
    }
}
