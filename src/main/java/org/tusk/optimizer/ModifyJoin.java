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
 *
 * <p>A view as the target (INSTEAD OF triggers; the rewriter left it there) has no rows of its
 * own: the view's rows come from the last range table entry, the view's expanded query, which
 * the rewriter made the join tree's item in the view's place (ApplyRetrieveRule's copy of the
 * result relation). Its columns take the target's place in the layout and the TID is NULL.
 */
final class ModifyJoin {
    /** pg_type oid of tid, the type of the ctid junk column. */
    private static final int TIDOID = 27;

    private final Query q;
    private final int natts;
    /** Columns of other range table entries the statement reads: (varno, attno) to 1-based position. */
    private final Map<List<Integer>, Integer> positions = new LinkedHashMap<>();
    private final List<Expr.Var> extraVars = new ArrayList<>();

    /** The range table entry whose rows the statement changes: the target, or for a view target its expansion. */
    private final int source;
    /** The join's qual: the statement's WHERE over the target's columns (a child's, for an inheritance child). */
    private final Expr where;

    ModifyJoin(Query q, Expr where) {
        this.q = q;
        this.natts = q.resultRte().columns().size();
        this.source = viewTarget(q) ? q.rangeTable().size() : q.resultRelation();
        this.where = where;
    }

    /** Whether {@code q} (UPDATE/DELETE) joins its target with FROM/USING items, or reads a view target's rows. */
    static boolean applies(Query q) {
        return q.commandType() != Query.CommandType.INSERT && (q.fromList().size() > 1 || viewTarget(q));
    }

    /** Whether the target is a view, changed by its INSTEAD OF triggers. */
    static boolean viewTarget(Query q) {
        return q.resultRte().table() != null && q.resultRte().table().relkind() == 'v';
    }

    private boolean isTargetRow(int varno) {
        return varno == q.resultRelation() || varno == source;
    }

    /** A system column of the target other than ctid (xmin ... tableoid follow ctid, past the columns). */
    private boolean isTargetSystemColumn(Expr.Var v) {
        return v.varno() == q.resultRelation() && source == q.resultRelation() && v.attno() > natts + 1;
    }

    /**
     * Notes the columns {@code e} reads that the join must carry past the target's TID: other FROM
     * items' columns and the target's system columns, which the target's part of the layout has no
     * room for (call for every expression before {@link #plan}).
     */
    void collect(Expr e) {
        collect(e, true);
    }

    /**
     * {@link #collect} for a RETURNING expression: the target's system columns it reads are the
     * new row's (ExecProcessReturning reads the slot just written), not the joined old row's.
     */
    void collectReturning(Expr e) {
        collect(e, false);
    }

    private void collect(Expr e, boolean targetSystemColumns) {
        if (e == null) return;
        ExprTrees.any(e, x -> {
            if (x instanceof Expr.Var v && v.levelsup() == 0 && v.varno() != Expr.Var.RESOLVED
                    && (!isTargetRow(v.varno()) || targetSystemColumns && isTargetSystemColumn(v))) {
                List<Integer> key = key(v);
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
        boolean view = source != q.resultRelation();
        int target = view ? 0 : q.resultRelation();
        for (var c : q.resultRte().columns())
            tlist.add(new Query.TargetEntry(new Expr.Var(source, resno, c.typeOid(), c.typmod(), c.name(), -1), resno++,
                    c.name(), false));
        Expr tid = view ? new Expr.Const(TIDOID, -1, null, -1) : new Expr.Var(target, natts + 1, TIDOID, -1, "ctid", -1);
        tlist.add(new Query.TargetEntry(tid, resno++, "ctid", false));
        for (Expr.Var v : extraVars) tlist.add(new Query.TargetEntry(v, resno++, v.name(), false));
        Query select = new Query(Query.CommandType.SELECT, null, q.rangeTable(), List.copyOf(tlist), where, List.of(),
                null, null, List.of(), target, List.of(), null, List.of(), q.fromList(), List.of(), null, List.of(), false,
                null, List.of());
        // the join stands in for the statement's own level: it reads the statement's WITH queries
        PlannerInfo info = new PlannerInfo(parent.glob, parent.parent, select);
        info.ctes.putAll(parent.ctes);
        return Planner.planQuery(info);
    }

    /** Rewrites an expression of the statement onto the source tuple's layout. */
    Expr fix(Expr e) {
        return fix(e, false);
    }

    /**
     * Rewrites a RETURNING expression onto the layout the executor gives it: the source tuple
     * with the new row in the target's part, followed by the new row's system columns (xmin,
     * cmin, xmax, cmax, tableoid) past the other items' columns. Without other columns that is
     * the layout of a RETURNING over the target alone.
     */
    Expr fixReturning(Expr e) {
        return fix(e, true);
    }

    private Expr fix(Expr e, boolean returning) {
        if (e == null) return null;
        return ExprTrees.map(e, x -> {
            if (x instanceof Expr.Var v && v.levelsup() == 0 && v.varno() != Expr.Var.RESOLVED) {
                int pos;
                if (isTargetSystemColumn(v)) pos = returning ? v.attno() + extraVars.size() : positions.get(key(v));
                else pos = isTargetRow(v.varno()) ? v.attno() : positions.get(key(v));
                return new Expr.Var(Expr.Var.RESOLVED, pos, v.type(), v.typmod(), v.name(), v.location(), 0);
            }
            return null;
        });
    }

    private static List<Integer> key(Expr.Var v) {
        return List.of(v.varno(), v.attno());
    }

    List<Expr> fixAll(List<Expr> l) {
        return l == null ? null : ExprTrees.mapAll(l, this::fix);
    }

    List<Expr> fixAllReturning(List<Expr> l) {
        return l == null ? null : ExprTrees.mapAll(l, this::fixReturning);
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
