package org.tusk.nodes;

import java.util.List;

/**
 * The planner's output for one statement: the plan tree for a query, or the utility statement.
 * For a query, the first {@code visibleColumns} columns of the top node's tuples are returned to
 * the client with the given names; the rest are resjunk. For INSERT/UPDATE/DELETE the top node is
 * a {@link Plan.ModifyTable}, and the columns are those of RETURNING (none without it).
 */
public record PlannedStmt(Plan planTree, Stmt utilityStmt, List<String> columnNames, List<Integer> columnTypes,
                          List<Integer> columnTypmods, Query.CommandType commandType) {
    public PlannedStmt(Plan planTree, Stmt utilityStmt, List<String> columnNames, List<Integer> columnTypes,
                       List<Integer> columnTypmods) {
        this(planTree, utilityStmt, columnNames, columnTypes, columnTypmods,
                utilityStmt != null ? Query.CommandType.UTILITY : Query.CommandType.SELECT);
    }

    public int visibleColumns() { return columnNames.size(); }
}
