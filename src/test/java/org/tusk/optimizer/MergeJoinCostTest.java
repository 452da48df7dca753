package org.tusk.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.catalog.TypeOids;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;
import org.tusk.testsupport.FakeSession;

/** final_cost_mergejoin with the rows eqjoinsel gives, checked on VALUES inputs of known cost. */
class MergeJoinCostTest {
    private static Plan values(int n) {
        List<List<Expr>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) rows.add(List.of(new Expr.Const(TypeOids.INT4, -1, i, -1)));
        return new Plan.ValuesScan(rows, 1);
    }

    private static Plan sorted(Plan p) {
        return new Plan.Sort(p, List.of(new Plan.SortKey(0, false, false, 0)));
    }

    @Test
    void innerRowsWithEqualKeysAreReadAgain() {
        PlanCosts costs = new PlanCosts(null, org.tusk.executor.ExecContext.of(new FakeSession()));
        Plan mj = new Plan.MergeJoin(Query.JoinType.INNER, sorted(values(1000)), sorted(values(1000)), List.of(0), List.of(0),
                null, null, List.of(0));
        PlanCosts.Estimate e = costs.of(mj);
        // each side: VALUES 12.5, sort startup 12.5 + 2 * 0.0025 * 1000 * log2(1000), run 2.5
        double sortStartup = 12.5 + 2 * 0.0025 * 1000 * (Math.log(1000) / Math.log(2));
        assertEquals(2 * sortStartup, e.startup(), 1e-6);
        // eqjoinsel takes VALUES columns as distinct: 1000 x 1000 / 1000 = 1000 join rows
        assertEquals(1000, e.rows(), 1e-6);
        // 1000 join rows over 1000 inner rows: rescanratio 1, the inner read once (2.5); merge
        // clause 0.0025 * (1000 + 1000); 0.01 per join row
        assertEquals(2 * sortStartup + 2.5 + 2.5 + 5 + 10, e.total(), 1e-6);
    }
}
