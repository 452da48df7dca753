package org.tusk.nodes;

import java.util.List;

import org.tusk.catalog.ColumnDef;
import org.tusk.catalog.ScannableRelation;

/**
 * The result of parse analysis of one statement (PostgreSQL's Query). For SELECT, the range
 * table has at most one entry, the target list has the visible output columns first and any
 * resjunk columns (ORDER BY expressions not in the select list) after them. Utility statements
 * carry the raw statement in {@code utilityStmt} and nothing else.
 */
public record Query(CommandType commandType, Stmt utilityStmt, List<RangeTblEntry> rangeTable,
                    List<TargetEntry> targetList, Expr where, List<SortClause> sortClause, Expr limitCount,
                    Expr limitOffset, List<Expr.Aggref> aggregates) {

    public enum CommandType { SELECT, UTILITY }

    public boolean hasAggs() { return !aggregates.isEmpty(); }

    /** One output column: resno is 1-based; resjunk columns are computed but not returned. */
    public record TargetEntry(Expr expr, int resno, String name, boolean resjunk) {}

    /** Sort by target entry {@code resno}, using the type's ordering. */
    public record SortClause(int resno, boolean desc, boolean nullsFirst) {}

    /** A relation in FROM: the alias (or name) it is referred to by, and the relation itself. */
    public record RangeTblEntry(String refname, String schema, String relname, ScannableRelation relation,
                                List<ColumnDef> columns) {}
}
