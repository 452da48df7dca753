package org.tusk.nodes;

import java.util.List;

/**
 * The planner's output for one statement: the plan tree for a query, or the utility statement.
 * For a query, the first {@code visibleColumns} columns of the top node's tuples are returned to
 * the client with the given names; the rest are resjunk. For INSERT/UPDATE/DELETE the top node is
 * a {@link Plan.ModifyTable}, and the columns are those of RETURNING (none without it).
 */
public record PlannedStmt(Plan planTree, Stmt utilityStmt, List<String> columnNames, List<Integer> columnTypes,
                          List<Integer> columnTypmods, Query.CommandType commandType, int rangeTableSize,
                          java.util.Map<Plan, List<PlannedStmt.LevelCte>> levelCtes) {
    /** A WITH query planned at a query level: its id (the CteScans' {@code cteId}), name and plan. */
    public record LevelCte(int cteId, String name, Plan plan) {}

    /**
     * A statement without recorded WITH query placement ({@code levelCtes} empty).
     * {@code levelCtes}: for the plan node heading each query level that declared WITH queries
     * (by identity), those it planned, in order: the CTE subplans SS_process_ctes puts
     * in that level's init_plans, which SS_attach_initplans hangs on the level's top plan node
     * and EXPLAIN lists there.
     */
    public PlannedStmt(Plan planTree, Stmt utilityStmt, List<String> columnNames, List<Integer> columnTypes,
                       List<Integer> columnTypmods, Query.CommandType commandType, int rangeTableSize) {
        this(planTree, utilityStmt, columnNames, columnTypes, columnTypmods, commandType, rangeTableSize, java.util.Map.of());
    }

    /** The same statement with the plan nodes its levels' WITH queries belong to. */
    public PlannedStmt withLevelCtes(java.util.Map<Plan, List<LevelCte>> ctes) {
        return new PlannedStmt(planTree, utilityStmt, columnNames, columnTypes, columnTypmods, commandType, rangeTableSize, ctes);
    }

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
        return new PlannedStmt(planTree, utilityStmt, columnNames, columnTypes, columnTypmods, commandType, n, levelCtes);
    }

    public PlannedStmt(Plan planTree, Stmt utilityStmt, List<String> columnNames, List<Integer> columnTypes,
                       List<Integer> columnTypmods) {
        this(planTree, utilityStmt, columnNames, columnTypes, columnTypmods,
                utilityStmt != null ? Query.CommandType.UTILITY : Query.CommandType.SELECT);
    }

    public int visibleColumns() { return columnNames.size(); }
}
