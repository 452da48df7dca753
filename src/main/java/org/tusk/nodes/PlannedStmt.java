package org.tusk.nodes;

import java.util.List;

/**
 * The planner's output for one statement: the plan tree for a query, or the utility statement.
 * For a query, the first {@code visibleColumns} columns of the top node's tuples are returned to
 * the client with the given names; the rest are resjunk. For INSERT/UPDATE/DELETE the top node is
 * a {@link Plan.ModifyTable}, and the columns are those of RETURNING (none without it).
 */
public record PlannedStmt(Plan planTree, Stmt utilityStmt, List<String> columnNames, List<Integer> columnTypes,
                          List<Integer> columnTypmods, Query.CommandType commandType, int rangeTableSize) {
    /**
     * A statement whose flattened range table size is not known ({@code rangeTableSize} -1).
     * {@code rangeTableSize} is list_length(PlannedStmt.rtable): the range table entries of
     * every query level the planner planned (subqueries, sub-selects, WITH queries), which
     * EXPLAIN uses to decide whether to qualify column names.
     */
    public PlannedStmt(Plan planTree, Stmt utilityStmt, List<String> columnNames, List<Integer> columnTypes,
                       List<Integer> columnTypmods, Query.CommandType commandType) {
        this(planTree, utilityStmt, columnNames, columnTypes, columnTypmods, commandType, -1);
    }

    /** The same statement with its flattened range table size. */
    public PlannedStmt withRangeTableSize(int n) {
        return new PlannedStmt(planTree, utilityStmt, columnNames, columnTypes, columnTypmods, commandType, n);
    }

    public PlannedStmt(Plan planTree, Stmt utilityStmt, List<String> columnNames, List<Integer> columnTypes,
                       List<Integer> columnTypmods) {
        this(planTree, utilityStmt, columnNames, columnTypes, columnTypmods,
                utilityStmt != null ? Query.CommandType.UTILITY : Query.CommandType.SELECT);
    }

    public int visibleColumns() { return columnNames.size(); }
}
