package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;

/**
 * The source of UPDATE ... FROM and DELETE ... USING: the join of the target with the other
 * FROM items, planned as a SELECT of the same range table and join tree (PostgreSQL plans the
 * target as one more base relation of the join and adds its ctid as a junk column;
 * preprocess_targetlist). Each source tuple has the layout ModifyTable expects of a scan of the
 * target, the target's columns then its TID, followed by every column of another FROM item that
 * SET, WHERE or RETURNING reads. {@link #fix} rewrites those expressions onto that layout, so
 * the executor evaluates them over a source tuple, or over a copy whose target part is a newer
 * version of the row (EvalPlanQual) or the new row (RETURNING).
 */
final class ModifyJoin {
    /** pg_type oid of tid, the type of the ctid junk column. */
    private static final int TIDOID = 27;

    private final Query q;
    private final int natts;
    /** Columns of other range table entries the statement reads: (varno, attno) to 1-based position. */
    private final Map<List<Integer>, Integer> positions = new LinkedHashMap<>();
    private final List<Expr.Var> extraVars = new ArrayList<>();

    ModifyJoin(Query q) {
        this.q = q;
        this.natts = q.resultRte().columns().size();
    }

    /** Whether {@code q} (UPDATE/DELETE) joins its target with FROM/USING items. */
    static boolean applies(Query q) {
        return q.commandType() != Query.CommandType.INSERT && q.fromList().size() > 1;
    }

    /** Notes the other FROM items' columns {@code e} reads (call for every expression before {@link #plan}). */
    void collect(Expr e) {
        if (e == null) return;
        ExprTrees.any(e, x -> {
            if (x instanceof Expr.Var v && v.levelsup() == 0 && v.varno() != Expr.Var.RESOLVED && v.varno() != q.resultRelation()) {
                List<Integer> key = List.of(v.varno(), v.attno());
                if (!positions.containsKey(key)) {
                    positions.put(key, natts + 2 + extraVars.size());
                    extraVars.add(new Expr.Var(v.varno(), v.attno(), v.type(), v.typmod(), v.name(), -1));
                }
            }
            return false;
        });
    }

    /** Plans the join: a SELECT over the statement's range table emitting the layout described above. */
    Plan plan(PlannerInfo parent) {
        List<Query.TargetEntry> tlist = new ArrayList<>();
        int resno = 1;
        int target = q.resultRelation();
        for (var c : q.resultRte().columns())
            tlist.add(new Query.TargetEntry(new Expr.Var(target, resno, c.typeOid(), c.typmod(), c.name(), -1), resno++,
                    c.name(), false));
        tlist.add(new Query.TargetEntry(new Expr.Var(target, natts + 1, TIDOID, -1, "ctid", -1), resno++, "ctid", false));
        for (Expr.Var v : extraVars) tlist.add(new Query.TargetEntry(v, resno++, v.name(), false));
        Query select = new Query(Query.CommandType.SELECT, null, q.rangeTable(), List.copyOf(tlist), q.where(), List.of(),
                null, null, List.of(), target, List.of(), null, List.of(), q.fromList(), List.of(), null, List.of(), false,
                null, List.of());
        // the join stands in for the statement's own level: it reads the statement's WITH queries
        PlannerInfo info = new PlannerInfo(parent.glob, parent.parent, select);
        info.ctes.putAll(parent.ctes);
        return Planner.planQuery(info);
    }

    /** Rewrites an expression of the statement onto the source tuple's layout. */
    Expr fix(Expr e) {
        if (e == null) return null;
        return ExprTrees.map(e, x -> {
            if (x instanceof Expr.Var v && v.levelsup() == 0 && v.varno() != Expr.Var.RESOLVED) {
                int pos = v.varno() == q.resultRelation() ? v.attno() : positions.get(List.of(v.varno(), v.attno()));
                return new Expr.Var(Expr.Var.RESOLVED, pos, v.type(), v.typmod(), v.name(), v.location(), 0);
            }
            return null;
        });
    }

    List<Expr> fixAll(List<Expr> l) {
        return l == null ? null : ExprTrees.mapAll(l, this::fix);
    }

    /** The junk column carrying the target's TID: the scan of the target emits its columns and TID. */
    static List<Expr> targetScanList(Query.RangeTblEntry rte) {
        List<Expr> l = new ArrayList<>();
        for (int i = 0; i < rte.columns().size(); i++) {
            var c = rte.columns().get(i);
            l.add(new Expr.Var(Expr.Var.RESOLVED, i + 1, c.typeOid(), c.typmod(), c.name(), -1, 0));
        }
        l.add(new Expr.Var(Expr.Var.RESOLVED, rte.columns().size() + 1, TIDOID, -1, "ctid", -1, 0));
        return List.copyOf(l);
    }
}
