package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Expr;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;

/**
 * Set operations (prepunion.c): each leaf subquery is planned one level down and cut to its
 * visible columns; UNION ALL appends, UNION appends and removes duplicates by hashing,
 * INTERSECT and EXCEPT [ALL] count rows of both sides in a hashed SetOp.
 */
final class SetOps {
    private SetOps() {}

    static Plan plan(PlannerInfo info, Query.SetOp node) {
        return switch (node) {
            case Query.SetOp.Leaf leaf -> leaf(info, leaf);
            case Query.SetOp.Op op -> {
                Plan l = plan(info, op.left()), r = plan(info, op.right());
                yield switch (op.op()) {
                    case UNION -> {
                        Plan app = new Plan.Append(List.of(l, r), l.width());
                        if (op.all()) yield app;
                        List<Expr> cols = new ArrayList<>();
                        // each column grouped by its type's hash opclass (a character column without its blanks)
                        List<Integer> types = Planner.colSortTypes(op.colTypes());
                        for (int c = 0; c < l.width(); c++)
                            cols.add(new Expr.Var(Expr.Var.RESOLVED, c + 1, c < types.size() ? types.get(c) : 0, -1, null, -1, 0));
                        yield new Plan.Agg(app, Plan.AggStrategy.HASHED, List.copyOf(cols), List.of(), List.copyOf(cols), null);
                    }
                    case INTERSECT, EXCEPT -> new Plan.SetOp(op.op(), op.all(), l, r, Planner.colSortTypes(op.colTypes()));
                };
            }
        };
    }

    private static Plan leaf(PlannerInfo info, Query.SetOp.Leaf leaf) {
        Query.RangeTblEntry rte = info.query.rangeTable().get(leaf.rtindex() - 1);
        Plan p = Planner.planQuery(new PlannerInfo(info.glob, info, rte.subquery()));
        int n = rte.columns().size();
        if (p.width() == n) return p;
        List<Expr> cols = new ArrayList<>();
        for (int c = 0; c < n; c++) cols.add(new Expr.Var(Expr.Var.RESOLVED, c + 1, 0, -1, null, -1, 0));
        return new Plan.SubqueryScan(p, null, List.copyOf(cols));
    }
}
