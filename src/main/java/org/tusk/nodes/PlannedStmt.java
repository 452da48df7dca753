package org.tusk.nodes;

import java.util.List;

/**
 * The planner's output for one statement: the plan tree for a query, or the utility statement.
 * For a query, the first {@code visibleColumns} columns of the top node's tuples are returned to
 * the client with the given names; the rest are resjunk.
 */
public record PlannedStmt(Plan planTree, Stmt utilityStmt, List<String> columnNames, List<Integer> columnTypes,
                          List<Integer> columnTypmods) {
    public int visibleColumns() { return columnNames.size(); }
}
