package org.tusk.executor;

import java.util.List;

import org.tusk.catalog.ColumnDef;
import org.tusk.nodes.Plan;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * ExecWithCheckOptions (execMain.c) for WCO_VIEW_CHECK: after a row was inserted or updated
 * through a view WITH CHECK OPTION (and after its AFTER ROW events were queued, as ExecInsert
 * and ExecUpdate order it), every check of the views it went through, innermost first, must
 * hold for the new row; a check that is false or NULL is 44000 with the base relation's row as
 * ExecBuildSlotValueDescription shows it. Row-level security checks are tested earlier, before
 * the row is stored ({@link #checkRowSecurity}).
 */
final class WithCheckOptions {
    private WithCheckOptions() {}

    /**
     * Checks {@code tuple} (the tuple RETURNING reads: the new row of the target relation first)
     * against {@code checks}; {@code cols} are the target relation's columns.
     */
    static void check(List<Plan.WithCheck> checks, Object[] tuple, List<ColumnDef> cols, Relation root, Relation rel,
                      ExecContext ctx) {
        if (checks.isEmpty()) return;
        for (Plan.WithCheck c : checks) {
            if (c.isRowSecurity()) continue;
            Object ok = Executor.project(List.of(c.qual()), tuple, null, ctx)[0];
            if (!Boolean.TRUE.equals(ok)) {
                Object[] row = tuple.length > cols.size() ? java.util.Arrays.copyOf(tuple, cols.size()) : tuple;
                String detail;
                if (root != null && root.oid() != rel.oid()) {
                    // the row of one child of the view's table is shown in the table's own layout
                    // (ExecWithCheckOptions converts it to the root's rowtype)
                    detail = ExecConstraints.failingRowDetail(root, PartitionRouting.columns(root),
                            PartitionRouting.convert(row, PartitionRouting.columnMap(rel, root)), ctx);
                } else {
                    detail = ExecConstraints.failingRowDetail(rel, cols, row, ctx);
                }
                throw PgException.error("44000",
                        "new row violates check option for view \"" + c.viewName() + "\"")
                        .withDetail(detail);
            }
        }
    }

    /**
     * ExecWithCheckOptions for WCO_RLS_INSERT_CHECK and WCO_RLS_UPDATE_CHECK: the row about to be
     * stored ({@code row}, the target's columns, after BEFORE ROW triggers and before the
     * constraints are checked, as ExecInsert and ExecUpdate order it) must pass every
     * row-level security check of {@code kind}; one that is false or NULL is 42501.
     */
    static void checkRowSecurity(List<Plan.WithCheck> checks, char kind, Object[] row, ExecContext ctx) {
        if (checks.isEmpty()) return;
        for (Plan.WithCheck c : checks) {
            if (c.kind() != kind) continue;
            Object ok = Executor.project(List.of(c.qual()), row, null, ctx)[0];
            if (!Boolean.TRUE.equals(ok)) {
                throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, c.polname() == null
                        ? "new row violates row-level security policy for table \"" + c.viewName() + "\""
                        : "new row violates row-level security policy \"" + c.polname() + "\" for table \""
                                + c.viewName() + "\"");
            }
        }
    }
}
