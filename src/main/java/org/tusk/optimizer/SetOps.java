package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Expr;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;

/**
 * Set operations (prepunion.c): each leaf subquery is planned one level down and cut to its
 * visible columns; UNION ALL appends, UNION appends and removes duplicates by hashing (by
 * sorting when enable_hashagg is off), one Append for a whole chain of UNIONs whose lower
 * members remove no duplicates the upper ones keep (plan_union_children),
 * INTERSECT and EXCEPT [ALL] count rows of both sides in a hashed SetOp.
 */
final class SetOps {
    private SetOps() {}

    static Plan plan(PlannerInfo info, Query.SetOp node) {
        return switch (node) {
            case Query.SetOp.Leaf leaf -> leaf(info, leaf);
            case Query.SetOp.Op op when op.op() == Query.SetOpType.UNION -> {
                List<Plan> inputs = new ArrayList<>();
                for (Query.SetOp c : unionInputs(op)) inputs.add(plan(info, c));
                Plan l = inputs.get(0);
                yield switch (op.op()) {
                    case UNION -> {
                        Plan app = new Plan.Append(List.copyOf(inputs), l.width());
                        if (op.all()) yield app;
                        // each column compared by its type's operator classes (a character column without its blanks)
                        List<Integer> types = Planner.colSortTypes(op.colTypes());
                        if (!ScanPaths.setting(info.glob.ctx, "enable_hashagg", true)) yield sortedUnion(app, types);
                        List<Expr> cols = new ArrayList<>();
                        for (int c = 0; c < l.width(); c++)
                            cols.add(new Expr.Var(Expr.Var.RESOLVED, c + 1, c < types.size() ? types.get(c) : 0, -1, null, -1, 0));
                        yield new Plan.Agg(app, Plan.AggStrategy.HASHED, List.copyOf(cols), List.of(), List.copyOf(cols), null);
                    }
                    case INTERSECT, EXCEPT -> throw new IllegalStateException("not a UNION");
                };
            }
            case Query.SetOp.Op op -> new Plan.SetOp(op.op(), op.all(), plan(info, op.left()), plan(info, op.right()),
                    Planner.colSortTypes(op.colTypes()));
        };
    }

    /**
     * plan_union_children: the inputs one Append of a UNION reads, left to right. A UNION below
     * it of the same column types is folded into it when it removes no duplicates the upper one
     * keeps (UNION ALL under anything, UNION under UNION): a chain {@code a UNION ALL b UNION ALL
     * c} is one Append of three, {@code a UNION b UNION c} one Append under one duplicate
     * removal; a UNION under a UNION ALL stays an input of its own.
     */
    private static List<Query.SetOp> unionInputs(Query.SetOp.Op top) {
        List<Query.SetOp> inputs = new ArrayList<>();
        java.util.ArrayDeque<Query.SetOp> pending = new java.util.ArrayDeque<>();
        pending.push(top);
        while (!pending.isEmpty()) {
            Query.SetOp node = pending.pop();
            if (node instanceof Query.SetOp.Op op && op.op() == Query.SetOpType.UNION && (op.all() == top.all() || op.all())
                    && op.colTypes().equals(top.colTypes())) {
                pending.push(op.right());
                pending.push(op.left());
                continue;
            }
            inputs.add(node);
        }
        return inputs;
    }

    /**
     * UNION by sorting (make_union_unique's sorted path, which choose_hashed_setop takes when
     * enable_hashagg is off): the appended rows sorted on every column, adjacent duplicates dropped.
     */
    private static Plan sortedUnion(Plan app, List<Integer> types) {
        List<Plan.SortKey> keys = new ArrayList<>();
        List<Integer> cols = new ArrayList<>();
        for (int c = 0; c < app.width(); c++) {
            int type = c < types.size() ? types.get(c) : 0;
            keys.add(new Plan.SortKey(c, false, false, type));
            cols.add(c);
        }
        List<Integer> colTypes = new ArrayList<>();
        for (Plan.SortKey k : keys) colTypes.add(k.type());
        return new Plan.Unique(new Plan.Sort(app, List.copyOf(keys)), List.copyOf(cols), List.copyOf(colTypes));
    }

    /**
     * Whether a sorted UNION under the query's projection already delivers its ORDER BY: each
     * ORDER BY key ascending NULLS LAST on the union's sort column at the same position (the
     * sorted union path's pathkeys, which make the final sort redundant in PostgreSQL).
     */
    static boolean providesOrder(Query q, Plan plan) {
        if (q.setOperations() == null || q.sortClause().isEmpty()) return false;
        List<Expr> tlist = null;
        if (plan instanceof Plan.SubqueryScan s) {
            if (s.qual() != null) return false;
            tlist = s.targetList();
            plan = s.child();
        }
        if (!(plan instanceof Plan.Unique u) || !(u.child() instanceof Plan.Sort sort)) return false;
        for (int i = 0; i < q.sortClause().size(); i++) {
            Query.SortClause sc = q.sortClause().get(i);
            if (sc.desc() || sc.nullsFirst() || i >= sort.keys().size()) return false;
            int col = sc.resno() - 1;
            if (tlist != null) {
                if (!(tlist.get(col) instanceof Expr.Var v) || v.varno() != Expr.Var.RESOLVED || v.levelsup() != 0) return false;
                col = v.attno() - 1;
            }
            if (sort.keys().get(i).column() != col) return false;
        }
        return true;
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
