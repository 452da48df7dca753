package org.tusk.executor;

import java.util.List;

import org.tusk.catalog.ColumnDef;
import org.tusk.nodes.Plan;
import org.tusk.utils.error.PgException;

/**
 * ExecWithCheckOptions (execMain.c) for WCO_VIEW_CHECK: after a row was inserted or updated
 * through a view WITH CHECK OPTION (and after its AFTER ROW events were queued, as ExecInsert
 * and ExecUpdate order it), every check of the views it went through, innermost first, must
 * hold for the new row; a check that is false or NULL is 44000 with the base relation's row as
 * ExecBuildSlotValueDescription shows it.
 */
final class WithCheckOptions {
    private WithCheckOptions() {}

    /**
     * Checks {@code tuple} (the tuple RETURNING reads: the new row of the target relation first)
     * against {@code checks}; {@code cols} are the target relation's columns.
     */
    static void check(List<Plan.WithCheck> checks, Object[] tuple, List<ColumnDef> cols, ExecContext ctx) {
        if (checks.isEmpty()) return;
        for (Plan.WithCheck c : checks) {
            Object ok = Executor.project(List.of(c.qual()), tuple, null, ctx)[0];
            if (!Boolean.TRUE.equals(ok)) {
                Object[] row = tuple.length > cols.size() ? java.util.Arrays.copyOf(tuple, cols.size()) : tuple;
                throw PgException.error("44000",
                        "new row violates check option for view \"" + c.viewName() + "\"")
                        .withDetail("Failing row contains " + ExecConstraints.describe(cols, row, ctx) + ".");
            }
        }
    }
}
