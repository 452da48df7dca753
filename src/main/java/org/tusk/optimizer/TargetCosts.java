package org.tusk.optimizer;

import java.util.List;

import org.tusk.catalog.PgProc;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;

/**
 * cost_qual_eval's per-tuple cost of a target list (set_pathtarget_cost_width): cpu_operator_cost
 * times the called function's procost for each function call, and once for each operator, cast
 * or comparison (the built-ins' procost is 1). A user-defined function's procost is read from its
 * pg_proc row (100 unless ALTER FUNCTION ... COST set another); only calls of such functions
 * look at the catalog, and only where a path's cost depends on the target list's.
 */
final class TargetCosts {
    /** FirstNormalObjectId: every OID below is a built-in's. */
    private static final int FIRST_NORMAL_OBJECT_ID = 16384;

    private TargetCosts() {}

    static double perTuple(List<Expr> target, ExecEnvironment env) {
        double[] cost = {0};
        for (Expr e : target)
            ExprTrees.any(e, x -> {
                if (x instanceof Expr.FuncExpr f) cost[0] += procost(f.proc(), env) * ScanPaths.CPU_OPERATOR_COST;
                else if (x instanceof Expr.OpExpr || x instanceof Expr.CastFunc || x instanceof Expr.DistinctExpr
                        || x instanceof Expr.NullIfExpr) cost[0] += ScanPaths.CPU_OPERATOR_COST;
                return false;
            });
        return cost[0];
    }

    private static double procost(PgProc p, ExecEnvironment env) {
        // a built-in's cost is its table entry's (procost 1), not read from its pg_proc row
        if (env == null || p.oid() < FIRST_NORMAL_OBJECT_ID || org.tusk.catalog.BuiltinCatalog.isBuiltinRoutine(p.oid())) return 1;
        float cost = env.catalog().functions().procost(p.oid(), p.name(), p.argTypes());
        return cost > 0 ? cost : 1;
    }
}
