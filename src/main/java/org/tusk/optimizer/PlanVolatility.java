package org.tusk.optimizer;

import java.util.List;

import org.tusk.nodes.Expr;
import org.tusk.nodes.Plan;

/**
 * get_memoize_path's volatility test of an inner relation: whether its target list or its
 * restriction clauses (reltarget, baserestrictinfo) call a volatile function, since a cache hit
 * would call them fewer times than a rescan does. As in PostgreSQL, only the relation's own
 * scan is looked at (its filter and output, and the projections Tusk puts over it), not what
 * produces the rows below it: a set-returning function's arguments or a LATERAL subquery's
 * insides are the relation's contents, not its target list.
 */
final class PlanVolatility {
    private PlanVolatility() {}

    static boolean relCallsVolatile(Plan plan) {
        for (Plan p = plan; p != null; ) {
            switch (p) {
                case Plan.SeqScan s -> { return volatileIn(s.qual(), s.targetList()); }
                case Plan.IndexScan s -> { return volatileIn(s.qual(), s.targetList()); }
                case Plan.BitmapHeapScan s -> { return volatileIn(s.qual(), s.targetList()); }
                case Plan.FunctionScan f -> { return volatileIn(f.qual(), null); }
                case Plan.SubqueryScan s -> {
                    if (volatileIn(s.qual(), s.targetList())) return true;
                    // a projection or filter Tusk added over the relation's scan is part of it
                    p = s.rte() == null ? s.child() : null;
                }
                default -> p = null;
            }
        }
        return false;
    }

    private static boolean volatileIn(Expr qual, List<Expr> targetList) {
        if (qual != null && Clauses.containsVolatileFunctions(qual)) return true;
        if (targetList != null) for (Expr e : targetList) if (Clauses.containsVolatileFunctions(e)) return true;
        return false;
    }
}
