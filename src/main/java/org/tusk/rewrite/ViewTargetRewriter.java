package org.tusk.rewrite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.catalog.Acl;
import org.tusk.catalog.ColumnDef;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * rewriteTargetView (rewriteHandler.c): INSERT, UPDATE or DELETE on an automatically updatable
 * view becomes the same statement on the view's base relation.
 *
 * <p>The view's entry in the range table is replaced by its base relation's entry (same index,
 * so the join tree stays valid); every Var of the view, at any query level, becomes the view's
 * expression for that column (ReplaceVarsFromTargetList), the view's WHERE is ANDed to the
 * statement's for UPDATE and DELETE, and the new row, which Tusk's Query keeps complete in
 * attribute order, is re-keyed from the view's columns to the base relation's: the columns the
 * statement assigns go to the base columns they name, every other base column keeps its value
 * (UPDATE) or takes its own default (INSERT). An INSERT leaves a view column to the base
 * column's default unless the view column has a default of its own (ALTER VIEW ... SET DEFAULT),
 * as rewriteTargetListIU does. If the base relation is itself a view, the caller applies this
 * again.
 *
 * <p>Which view columns a statement assigns, read from the analysed Query: for INSERT those whose
 * new-row expression reads the source row (range table index 2 in Tusk's INSERT, see
 * {@link Query}), or carries a default of the view; for UPDATE those whose expression is not the
 * column itself. Assigning a column that is not a plain base column is 0A000 with
 * view_col_is_auto_updatable's DETAIL.
 */
final class ViewTargetRewriter {
    /** Tusk's INSERT: Vars of index 2 read the source row (a VALUES row or a SELECT's output). */
    private static final int INSERT_SOURCE = 2;

    private final RewriteHandler handler;

    ViewTargetRewriter(RewriteHandler handler) {
        this.handler = handler;
    }

    /** The statement {@code q}, whose result relation is view {@code view}, rewritten onto the view's base relation. */
    Query rewrite(Query q, Relation view) {
        Query viewQuery = handler.viewQuery(view);
        Query.CommandType cmd = q.commandType();
        String reason = ViewUpdatability.notAutoUpdatableReason(viewQuery, cmd != Query.CommandType.DELETE);
        if (reason != null) throw RewriteHandler.notUpdatable(cmd, view, reason);
        int baseIndex = ViewUpdatability.baseRelationIndex(viewQuery);
        Query.RangeTblEntry base = viewQuery.rangeTable().get(baseIndex - 1);
        int r = q.resultRelation();

        // the view's visible columns as expressions of the base relation, now at index r
        List<Query.TargetEntry> viewCols = new ArrayList<>();
        for (Query.TargetEntry te : viewQuery.targetList()) if (!te.resjunk()) viewCols.add(te);
        List<Expr> viewExprs = new ArrayList<>();
        for (Query.TargetEntry te : viewCols) viewExprs.add(RewriteManip.changeVarNodes(te.expr(), baseIndex, r));
        // a whole-row reference to the view reads its "row present" column after its columns
        // (RowAnalysis.wholeRow): the row being changed is always there
        viewExprs.add(new Expr.Const(org.tusk.catalog.TypeOids.BOOL, -1, Boolean.TRUE, -1));

        List<String> viewDefaults = handler.env().catalog().columnDefaults(view);
        Map<Integer, Integer> assigned = new HashMap<>();   // base attno -> view attno
        for (Query.TargetEntry te : q.targetList()) {
            int vattno = te.resno();
            if (!assigns(cmd, te, r, vattno, viewDefaults)) continue;
            Query.TargetEntry col = viewCols.get(vattno - 1);
            String colReason = ViewUpdatability.columnNotUpdatableReason(col, baseIndex);
            if (colReason != null) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot "
                        + (cmd == Query.CommandType.INSERT ? "insert into" : "update") + " column \""
                        + view.desc().attr(vattno - 1).name() + "\" of view \"" + view.name() + "\"").withDetail(colReason);
            }
            int battno = ((Expr.Var) col.expr()).attno();
            if (base.table() != null && base.table().attgenerated(battno) != 0 && !allDefault(cmd, q, te)) {
                // rewriteTargetListIU on the base relation: a generated column takes only DEFAULT
                String name = base.columns().get(battno - 1).name();
                throw (cmd == Query.CommandType.INSERT
                        ? PgException.error("428C9", "cannot insert a non-DEFAULT value into column \"" + name + "\"")
                        : PgException.error("428C9", "column \"" + name + "\" can only be updated to DEFAULT"))
                        .withDetail("Column \"" + name + "\" is a generated column.");
            }
            if (assigned.putIfAbsent(battno, vattno) != null) {
                throw PgException.error(SqlState.SYNTAX_ERROR, "multiple assignments to same column \""
                        + base.columns().get(battno - 1).name() + "\"");
            }
        }
        handler.checkBaseRelation(base.table(), requiredPerms(q), view.owner());

        // every reference to the view's row now reads the base relation through the view's expressions
        Query out = RewriteManip.replaceVars(q, r, viewExprs);
        List<Query.TargetEntry> tlist = newRow(cmd, out, base, r, assigned);
        Query.OnConflictExpr oc = out.onConflict();
        if (oc != null && oc.doUpdate()) oc = onConflictUpdate(oc, viewCols, view, base, baseIndex, r);
        Expr where = out.where();
        if (cmd != Query.CommandType.INSERT && viewQuery.where() != null) {
            Expr viewQual = RewriteManip.changeVarNodes(viewQuery.where(), baseIndex, r);
            where = where == null ? viewQual : new Expr.BoolExpr(RawExpr.BoolOp.AND, List.of(viewQual, where));
        }
        List<Query.RangeTblEntry> rt = new ArrayList<>(out.rangeTable());
        Query.RangeTblEntry viewRte = q.resultRte();
        rt.set(r - 1, viewRte.insertedCols() == null || viewRte.updatedCols() == null ? base
                : base.withModifiedCols(baseColumns(viewRte.insertedCols(), viewCols, baseIndex),
                        baseColumns(viewRte.updatedCols(), viewCols, baseIndex)));
        return new Query(out.commandType(), out.utilityStmt(), List.copyOf(rt), tlist, where, out.sortClause(),
                out.limitCount(), out.limitOffset(), out.aggregates(), r, out.valuesLists(), out.sourceQuery(),
                out.returningList(), out.fromList(), out.groupClause(), out.havingQual(), out.distinctClause(),
                out.hasDistinctOn(), out.setOperations(), out.cteList(), out.windowClause(), out.groupingSets(),
                oc, out.rowMarks(), out.mergeActionList(),
                withCheckOptions(out, view, viewQuery, baseIndex, r));
    }

    /**
     * rewriteTargetView's ON CONFLICT DO UPDATE step: EXCLUDED now stands for a proposed row of
     * the base relation, so its Vars become the view's expressions over it (the view's target list
     * moved onto the EXCLUDED index), and the complete updated row is re-keyed from the view's
     * columns to the base relation's; a base column the view does not show keeps its value.
     * The inference elements were moved onto the base relation with the rest of the statement.
     */
    private static Query.OnConflictExpr onConflictUpdate(Query.OnConflictExpr oc, List<Query.TargetEntry> viewCols,
                                                         Relation view, Query.RangeTblEntry base, int baseIndex, int r) {
        int excl = oc.exclRelIndex();
        List<Expr> exclExprs = new ArrayList<>();
        for (Query.TargetEntry te : viewCols) exclExprs.add(RewriteManip.changeVarNodes(te.expr(), baseIndex, excl));
        List<Query.TargetEntry> viewSet = new ArrayList<>();
        for (Query.TargetEntry te : oc.onConflictSet()) {
            viewSet.add(new Query.TargetEntry(RewriteManip.replaceVars(te.expr(), excl, exclExprs), te.resno(), te.name(),
                    te.resjunk()));
        }
        Expr where = oc.onConflictWhere() == null ? null : RewriteManip.replaceVars(oc.onConflictWhere(), excl, exclExprs);
        List<ColumnDef> baseCols = base.columns();
        Expr[] row = new Expr[baseCols.size()];
        for (Query.TargetEntry te : viewSet) {
            Query.TargetEntry col = viewCols.get(te.resno() - 1);
            Expr own = RewriteManip.changeVarNodes(col.expr(), baseIndex, r);
            if (col.expr() instanceof Expr.Var v && v.varno() == baseIndex && v.levelsup() == 0) {
                row[v.attno() - 1] = te.expr();
            } else if (!te.expr().equals(own)) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot update column \"" + te.name()
                        + "\" of view \"" + view.name() + "\"").withDetail(ViewUpdatability.columnNotUpdatableReason(col, baseIndex));
            }
        }
        List<Query.TargetEntry> set = new ArrayList<>();
        for (int b = 1; b <= baseCols.size(); b++) {
            ColumnDef c = baseCols.get(b - 1);
            Expr e = row[b - 1] != null ? row[b - 1] : new Expr.Var(r, b, c.typeOid(), c.typmod(), c.name(), -1);
            set.add(new Query.TargetEntry(e, b, c.name(), false));
        }
        return oc.withExpressions(oc.arbiterElems(), oc.arbiterWhere(), List.copyOf(set), where);
    }

    /**
     * rewriteTargetView's WithCheckOption step: INSERT and UPDATE through a view with a check
     * option (its own, or CASCADED from a view above it, which is the first entry already
     * present) get a check of the view's WHERE, moved onto the base relation at index {@code r},
     * put before the checks of the views above so that the innermost view is checked first, as
     * ExecWithCheckOptions walks them. The checks already present were rewritten onto the base
     * relation with the rest of the statement (ReplaceVarsFromTargetList).
     */
    private List<Query.WithCheckOption> withCheckOptions(Query out, Relation view, Query viewQuery, int baseIndex, int r) {
        List<Query.WithCheckOption> wcos = out.withCheckOptions();
        if (out.commandType() == Query.CommandType.DELETE) return wcos;
        String option = ViewCheckOption.of(handler.env().catalog().relOptions(view));
        boolean hasWco = option != null;
        boolean cascaded = "cascaded".equals(option);
        if (!wcos.isEmpty() && wcos.get(0).cascaded()) {
            hasWco = true;
            cascaded = true;
        }
        if (!hasWco || (!cascaded && viewQuery.where() == null)) return wcos;
        Expr qual = viewQuery.where() == null ? null : RewriteManip.changeVarNodes(viewQuery.where(), baseIndex, r);
        List<Query.WithCheckOption> result = new ArrayList<>();
        result.add(new Query.WithCheckOption(view.name(), qual, cascaded));
        result.addAll(wcos);
        return List.copyOf(result);
    }

    /**
     * adjust_view_column_set: the view's columns {@code viewAttnos} (an insertedCols or updatedCols)
     * as the base relation's columns they show; a column that is not a plain one of the base
     * relation cannot be assigned, which the caller has refused already.
     */
    private static java.util.Set<Integer> baseColumns(java.util.Set<Integer> viewAttnos, List<Query.TargetEntry> viewCols,
                                                      int baseIndex) {
        java.util.Set<Integer> out = new java.util.HashSet<>();
        for (int vattno : viewAttnos) {
            if (vattno >= 1 && vattno <= viewCols.size() && viewCols.get(vattno - 1).expr() instanceof Expr.Var v
                    && v.varno() == baseIndex && v.levelsup() == 0) out.add(v.attno());
        }
        return out;
    }

    /** Whether the statement sets view column {@code vattno} (see the class comment). */
    private static boolean assigns(Query.CommandType cmd, Query.TargetEntry te, int r, int vattno, List<String> viewDefaults) {
        return switch (cmd) {
            case INSERT -> RewriteManip.refersTo(te.expr(), INSERT_SOURCE)
                    || (vattno - 1 < viewDefaults.size() && viewDefaults.get(vattno - 1) != null);
            case UPDATE -> !(te.expr() instanceof Expr.Var v && v.varno() == r && v.levelsup() == 0 && v.attno() == vattno);
            default -> false;
        };
    }

    /**
     * rewriteValuesRTE's test for an INSERT's view column: every VALUES row gives it DEFAULT
     * with no view default, which parse analysis made an untyped-position NULL constant
     * (build_column_default found nothing); a NULL the user wrote has its location.
     */
    private static boolean allDefault(Query.CommandType cmd, Query q, Query.TargetEntry te) {
        if (cmd != Query.CommandType.INSERT || q.valuesLists().isEmpty()) return false;
        if (!(te.expr() instanceof Expr.Var v && v.varno() == INSERT_SOURCE && v.levelsup() == 0)) return false;
        for (List<Expr> row : q.valuesLists()) {
            Expr e = row.get(v.attno() - 1);
            if (!(e instanceof Expr.Const c && c.value() == null && c.location() < 0)) return false;
        }
        return true;
    }

    /**
     * The complete new row of the base relation in its attribute order: assigned columns from the
     * (already Var-replaced) statement, the others unchanged (UPDATE) or defaulted (INSERT).
     */
    private List<Query.TargetEntry> newRow(Query.CommandType cmd, Query out, Query.RangeTblEntry base, int r,
                                           Map<Integer, Integer> assigned) {
        if (cmd == Query.CommandType.DELETE) return List.of();
        Map<Integer, Expr> byView = new HashMap<>();
        for (Query.TargetEntry te : out.targetList()) byView.put(te.resno(), te.expr());
        List<ColumnDef> cols = base.columns();
        List<Query.TargetEntry> tl = new ArrayList<>();
        for (int a = 1; a <= cols.size(); a++) {
            ColumnDef c = cols.get(a - 1);
            Expr e;
            if (assigned.containsKey(a)) {
                e = byView.get(assigned.get(a));
            } else if (c.name().isEmpty()) {
                e = new Expr.Const(c.typeOid(), -1, null, -1);     // a dropped column is stored as NULL
            } else if (cmd == Query.CommandType.UPDATE) {
                e = new Expr.Var(r, a, c.typeOid(), c.typmod(), c.name(), -1);
            } else {
                e = handler.columnDefault(base, a);
            }
            tl.add(new Query.TargetEntry(e, a, c.name(), false));
        }
        return List.copyOf(tl);
    }

    /** The privileges the statement needs on its target (ExecCheckRTPerms' requiredPerms). */
    private static int requiredPerms(Query q) {
        int required = switch (q.commandType()) {
            case INSERT -> Acl.ACL_INSERT;
            case UPDATE -> Acl.ACL_UPDATE;
            default -> Acl.ACL_DELETE;
        };
        boolean readsRows = q.commandType() != Query.CommandType.INSERT && q.where() != null;
        if (readsRows || !q.returningList().isEmpty()) required |= Acl.ACL_SELECT;
        return required;
    }
}
