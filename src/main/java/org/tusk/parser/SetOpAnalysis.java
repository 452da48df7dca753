package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tusk.catalog.ColumnDef;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.nodes.Stmt;
import org.tusk.parser.ParseCoerce.Context;
import org.tusk.utils.error.SqlState;

/**
 * UNION/INTERSECT/EXCEPT (analyze.c transformSetOperationStmt and transformSetOperationTree):
 * each leaf SELECT becomes a subquery range table entry; the column types of each operation are
 * resolved pairwise with select_common_type (so literals of unknown type take the other side's
 * type) and each leaf's output coerced to them. The result's columns are named after the
 * leftmost leaf's; ORDER BY may use only those names or ordinals.
 */
final class SetOpAnalysis {
    private final Analyzer a;
    private int leaves;

    SetOpAnalysis(Analyzer a) {
        this.a = a;
    }

    /** A subtree: its node, an exemplar expression per column (the leaf's for leaves) and its location. */
    private record Tree(Query.SetOp node, List<Expr> cols, List<Integer> locs, int location) {}

    Query transform(Stmt.SelectStmt s, List<Query.CommonTableExpr> cteList) {
        List<String> names = new ArrayList<>();
        Tree t = tree(s, names, true);
        Query.SetOp top = resolveUnknown(t);
        Query.SetOp.Op op = (Query.SetOp.Op) top;
        List<Query.TargetEntry> tlist = new ArrayList<>();
        List<Expr> vars = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Expr v = new Expr.Var(0, i + 1, op.colTypes().get(i), op.colTypmods().get(i), names.get(i), -1);
            vars.add(v);
            tlist.add(new Query.TargetEntry(v, i + 1, names.get(i), false));
        }
        a.namespace = new ArrayList<>(List.of(new NsItem(null, 0, null, List.copyOf(names), List.copyOf(vars), false, true)));
        a.setExprKind("ORDER BY");
        int visible = tlist.size();
        List<Query.SortClause> sort = a.transformSortClause(s.sortClause(), tlist, visible);
        if (tlist.size() > visible) {
            int loc = -1;
            for (int i = 0; i < sort.size(); i++) if (sort.get(i).resno() > visible) loc = s.sortClause().get(i).location();
            throw a.err(SqlState.FEATURE_NOT_SUPPORTED, "invalid UNION/INTERSECT/EXCEPT ORDER BY clause", loc)
                    .withDetail("Only result column names can be used, not expressions or functions.")
                    .withHint("Add the expression/function to every SELECT, or move the UNION into a FROM clause.");
        }
        a.setExprKind("LIMIT");
        Expr limit = s.limitCount() == null ? null : a.transformLimit(s.limitCount(), "LIMIT");
        a.setExprKind("OFFSET");
        Expr offset = s.limitOffset() == null ? null : a.transformLimit(s.limitOffset(), "OFFSET");
        return new Query(Query.CommandType.SELECT, null, List.copyOf(a.rtable), List.copyOf(tlist), null, List.copyOf(sort),
                limit, offset, List.of(), 0, List.of(), null, List.of(), List.of(), List.of(), null, List.of(), false, top,
                cteList);
    }

    private Tree tree(Stmt.SelectStmt s, List<String> names, boolean top) {
        boolean leaf = s.op() == Stmt.SetOperation.NONE
                || !top && (!s.sortClause().isEmpty() || s.limitCount() != null || s.limitOffset() != null || s.with() != null);
        if (leaf) {
            Analyzer sub = a.subquery();
            sub.resolveUnknowns = false;
            Query q = sub.transformSelect(s);
            List<Expr> cols = new ArrayList<>();
            List<Integer> locs = new ArrayList<>();
            List<ColumnDef> defs = new ArrayList<>();
            int i = 0;
            for (Query.TargetEntry te : q.targetList()) {
                if (te.resjunk()) continue;
                cols.add(te.expr());
                locs.add(i < s.targetList().size() ? s.targetList().get(i).location() : s.location());
                defs.add(new ColumnDef(te.name(), te.expr().type(), te.expr().typmod()));
                if (names.size() < cols.size() && leaves == 0) names.add(te.name());
                i++;
            }
            leaves++;
            int rtindex = a.addRangeTableEntry(new Query.RangeTblEntry(Query.RteKind.SUBQUERY, "*SELECT* " + leaves, null,
                    null, null, List.copyOf(defs), null, q, null, null, null, 0, false, false));
            return new Tree(new Query.SetOp.Leaf(rtindex), cols, locs, s.location());
        }
        Tree l = tree(s.larg(), names, false);
        Tree r = tree(s.rarg(), names, false);
        String context = s.op().name().toUpperCase(Locale.ROOT);
        if (l.cols().size() != r.cols().size())
            throw a.err(SqlState.SYNTAX_ERROR, "each " + context + " query must have the same number of columns",
                    r.locs().isEmpty() ? r.location() : r.locs().get(0));
        List<Integer> types = new ArrayList<>(), typmods = new ArrayList<>();
        List<Expr> cols = new ArrayList<>();
        for (int i = 0; i < l.cols().size(); i++) {
            Expr le = l.cols().get(i), re = r.cols().get(i);
            int t = le.type() == org.tusk.catalog.TypeOids.UNKNOWN && re.type() == org.tusk.catalog.TypeOids.UNKNOWN
                    ? org.tusk.catalog.TypeOids.UNKNOWN
                    : ParseCoerce.selectCommonType(List.of(le, re), List.of(l.locs().get(i), r.locs().get(i)), context, a.src());
            int typmod = le.typmod() == re.typmod() && le.type() == t && re.type() == t ? le.typmod() : -1;
            if (t != org.tusk.catalog.TypeOids.UNKNOWN) {
                coerceColumn(l.node(), i, t, l.locs().get(i));
                coerceColumn(r.node(), i, t, r.locs().get(i));
            }
            types.add(t);
            typmods.add(typmod);
            cols.add(t == org.tusk.catalog.TypeOids.UNKNOWN ? le : new Expr.Const(t, typmod, null, -1));
        }
        Query.SetOpType op = switch (s.op()) {
            case UNION -> Query.SetOpType.UNION;
            case INTERSECT -> Query.SetOpType.INTERSECT;
            default -> Query.SetOpType.EXCEPT;
        };
        Query.SetOp node = new Query.SetOp.Op(op, s.all(), l.node(), r.node(), List.copyOf(types), List.copyOf(typmods));
        return new Tree(node, cols, l.locs(), s.location());
    }

    /** Columns that are unknown on every side become text (as PostgreSQL resolves them at the top). */
    private Query.SetOp resolveUnknown(Tree t) {
        Query.SetOp.Op op = (Query.SetOp.Op) t.node();
        List<Integer> types = new ArrayList<>(op.colTypes());
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i) != org.tusk.catalog.TypeOids.UNKNOWN) continue;
            coerceColumn(op, i, org.tusk.catalog.TypeOids.TEXT, t.locs().get(i));
            types.set(i, org.tusk.catalog.TypeOids.TEXT);
        }
        return rebuild(op, types);
    }

    private Query.SetOp rebuild(Query.SetOp.Op op, List<Integer> types) {
        return new Query.SetOp.Op(op.op(), op.all(), op.left(), op.right(), List.copyOf(types), op.colTypmods());
    }

    /** Coerces column {@code i} of every leaf under {@code node} to {@code type}. */
    private void coerceColumn(Query.SetOp node, int i, int type, int location) {
        switch (node) {
            case Query.SetOp.Leaf leaf -> {
                Query.RangeTblEntry rte = a.rtable.get(leaf.rtindex() - 1);
                Query q = rte.subquery();
                List<Query.TargetEntry> tl = new ArrayList<>(q.targetList());
                int visibleIdx = -1;
                for (int k = 0, seen = 0; k < tl.size(); k++) {
                    if (tl.get(k).resjunk()) continue;
                    if (seen++ == i) visibleIdx = k;
                }
                Query.TargetEntry te = tl.get(visibleIdx);
                if (te.expr().type() == type) return;
                Expr e = a.coerce(te.expr(), type, -1, Context.IMPLICIT, location);
                tl.set(visibleIdx, new Query.TargetEntry(e, te.resno(), te.name(), false));
                Query nq = new Query(q.commandType(), q.utilityStmt(), q.rangeTable(), List.copyOf(tl), q.where(),
                        q.sortClause(), q.limitCount(), q.limitOffset(), q.aggregates(), q.resultRelation(), q.valuesLists(),
                        q.sourceQuery(), q.returningList(), q.fromList(), q.groupClause(), q.havingQual(),
                        q.distinctClause(), q.hasDistinctOn(), q.setOperations(), q.cteList());
                List<ColumnDef> cols = new ArrayList<>(rte.columns());
                ColumnDef c = cols.get(i);
                cols.set(i, new ColumnDef(c.name(), type, -1));
                a.rtable.set(leaf.rtindex() - 1, new Query.RangeTblEntry(rte.kind(), rte.refname(), null, null, null,
                        List.copyOf(cols), null, nq, null, null, null, 0, false, false));
            }
            case Query.SetOp.Op op -> {
                coerceColumn(op.left(), i, type, location);
                coerceColumn(op.right(), i, type, location);
            }
        }
    }
}
