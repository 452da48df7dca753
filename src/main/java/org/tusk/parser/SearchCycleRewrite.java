package org.tusk.parser;

import static org.tusk.catalog.TypeOids.BOOL;
import static org.tusk.catalog.TypeOids.INT8;
import static org.tusk.catalog.TypeOids.RECORD;
import static org.tusk.catalog.TypeOids.RECORD_ARRAY;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.ColumnDef;
import org.tusk.catalog.PgProc;
import org.tusk.catalog.PolymorphicFunction;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.optimizer.VarLevels;
import org.tusk.utils.error.SqlState;

/**
 * rewriteSearchCycle.c's rewriteSearchAndCycle: a recursive WITH query
 * {@code L UNION [ALL] R} with SEARCH or CYCLE becomes
 * <pre>
 *   SELECT cols, &lt;initial sequence&gt;, &lt;mark default&gt;, ARRAY[ROW(cycle cols)]
 *     FROM (L) "*TLOCRN*"(cols)
 * UNION [ALL]
 *   SELECT cols, &lt;next sequence&gt;, CASE WHEN ROW(cycle cols) = ANY (path) THEN mark ELSE default END,
 *          array_cat(path, ARRAY[ROW(cycle cols)])
 *     FROM (R with the self-reference's added columns) "*TROCRN*"(cols, added cols)
 *    WHERE mark &lt;&gt; mark value
 * </pre>
 * where the depth-first sequence is the array of the search columns' rows seen so far and the
 * breadth-first one {@code ROW(depth, search cols)}. L and R move one query level down, so
 * what in them refers further out moves with them (IncrementVarSublevelsUp).
 *
 * <p>PostgreSQL runs this in the rewriter; Tusk runs it at the end of the WITH query's analysis
 * (the analysed query with its clauses is kept for ruleutils), because the expression
 * building needs the analyser's operator resolution. The result is what the planner and
 * EXPLAIN see, as in PostgreSQL.
 */
final class SearchCycleRewrite {
    private final Analyzer a;
    private final List<ColumnDef> own;
    private final Query.CteSearchClause search;
    private final Query.CteCycleClause cycle;
    private final int sqcAttno, cmcAttno, cpaAttno;

    SearchCycleRewrite(Analyzer a, List<ColumnDef> own, Query.CteSearchClause search, Query.CteCycleClause cycle) {
        this.a = a;
        this.own = own;
        this.search = search;
        this.cycle = cycle;
        int next = own.size() + 1;
        sqcAttno = search != null ? next++ : 0;
        cmcAttno = cycle != null ? next++ : 0;
        cpaAttno = cycle != null ? next : 0;
    }

    /** The rewritten set operation query of WITH query {@code cteName}. */
    Query rewrite(String cteName, Query q) {
        List<ColumnDef> all = SearchCycleAnalysis.withAddedColumns(own, search, cycle);
        Query.SetOp.Op op = (Query.SetOp.Op) q.setOperations();
        int l = ((Query.SetOp.Leaf) op.left()).rtindex(), r = ((Query.SetOp.Leaf) op.right()).rtindex();
        List<Query.RangeTblEntry> rt = new ArrayList<>(q.rangeTable());
        rt.set(l - 1, leaf(rt.get(l - 1), leftQuery(rt.get(l - 1).subquery()), all));
        rt.set(r - 1, leaf(rt.get(r - 1), rightQuery(cteName, rt.get(r - 1).subquery(), all), all));
        List<Integer> types = new ArrayList<>(op.colTypes()), typmods = new ArrayList<>(op.colTypmods());
        List<Query.TargetEntry> tlist = new ArrayList<>(q.targetList());
        for (int i = own.size(); i < all.size(); i++) {
            ColumnDef d = all.get(i);
            types.add(d.typeOid());
            typmods.add(d.typmod());
            tlist.add(new Query.TargetEntry(new Expr.Var(0, i + 1, d.typeOid(), d.typmod(), d.name(), -1), i + 1, d.name(),
                    false));
        }
        Query.SetOp.Op newOp = new Query.SetOp.Op(op.op(), op.all(), op.left(), op.right(), List.copyOf(types),
                List.copyOf(typmods));
        return new Query(q.commandType(), q.utilityStmt(), List.copyOf(rt), List.copyOf(tlist), q.where(), q.sortClause(),
                q.limitCount(), q.limitOffset(), q.aggregates(), q.resultRelation(), q.valuesLists(), q.sourceQuery(),
                q.returningList(), q.fromList(), q.groupClause(), q.havingQual(), q.distinctClause(), q.hasDistinctOn(),
                newOp, q.cteList(), q.windowClause(), q.groupingSets(), q.onConflict(), q.rowMarks(), q.mergeActionList());
    }

    /** The non-recursive term: its query wrapped as "*TLOCRN*", the initial added values after its columns. */
    private Query leftQuery(Query sub) {
        List<Query.TargetEntry> tl = ownColumns();
        if (search != null) add(tl, search.breadthFirst() ? depthRow(new Expr.Const(INT8, -1, 0L, -1)) : pathArray(searchRow()),
                search.seqColumn());
        if (cycle != null) {
            add(tl, cycle.markDefault(), cycle.markColumn());
            add(tl, pathArray(cycleRow()), cycle.pathColumn());
        }
        return select(subqueryEntry("*TLOCRN*", VarLevels.incrementLevelsUp(sub, 1), own), tl, null);
    }

    /**
     * The recursive term: its query, reading the added columns of the self-reference too,
     * wrapped as "*TROCRN*"; the next values computed from them; rows that close a cycle are
     * not followed further.
     */
    private Query rightQuery(String cteName, Query sub, List<ColumnDef> all) {
        int selfRef = 0;
        for (int i = 0; i < sub.rangeTable().size() && selfRef == 0; i++) {
            Query.RangeTblEntry e = sub.rangeTable().get(i);
            if (e.kind() == Query.RteKind.CTE && cteName.equals(e.cteName()) && e.ctelevelsup() == 2) selfRef = i + 1;
        }
        if (selfRef == 0)
            throw a.err(SqlState.FEATURE_NOT_SUPPORTED, "with a SEARCH or CYCLE clause, the recursive reference to WITH query \""
                    + cteName + "\" must be at the top level of its right-hand SELECT", -1);
        for (Query.TargetEntry te : sub.targetList())
            if (te.resjunk())   // the added columns must follow the visible ones, before any resjunk entry
                throw a.err(SqlState.FEATURE_NOT_SUPPORTED, "with a SEARCH or CYCLE clause, the recursive term of WITH query \""
                        + cteName + "\" cannot have ORDER BY, GROUP BY or DISTINCT ON expressions outside its select list", -1);
        Query moved = VarLevels.incrementLevelsUp(sub, 1);
        List<Query.TargetEntry> inner = new ArrayList<>(moved.targetList());
        for (int att = own.size() + 1; att <= all.size(); att++) {
            ColumnDef d = all.get(att - 1);
            add(inner, new Expr.Var(selfRef, att, d.typeOid(), d.typmod(), d.name(), -1), d.name());
        }
        moved = withTargetList(moved, inner);

        List<Query.TargetEntry> tl = ownColumns();
        Expr where = null;
        if (search != null) {
            Expr next;
            if (search.breadthFirst()) {
                Expr depth = new Expr.FieldSelect(var(sqcAttno, RECORD, -1, search.seqColumn()), 1, INT8, -1, "*DEPTH*");
                next = depthRow(new Expr.FuncExpr(int8inc(), List.of(depth), INT8, -1));
            } else {
                next = arrayCat(var(sqcAttno, RECORD_ARRAY, -1, search.seqColumn()), pathArray(searchRow()));
            }
            add(tl, next, search.seqColumn());
        }
        if (cycle != null) {
            Expr path = var(cpaAttno, RECORD_ARRAY, -1, cycle.pathColumn());
            Expr row = cycleRow();
            Expr.OpExpr eq = (Expr.OpExpr) a.makeOp("=", row, row, -1, -1, -1);   // record_eq
            Expr seen = new Expr.ScalarArrayOpExpr(eq.op(), true, row, path);
            add(tl, new Expr.CaseExpr(List.of(new Expr.CaseWhen(seen, cycle.markValue())), cycle.markDefault(),
                    cycle.markType()), cycle.markColumn());
            add(tl, arrayCat(path, pathArray(row)), cycle.pathColumn());
            where = new Expr.OpExpr(cycle.neOp(), List.of(var(cmcAttno, cycle.markType(), cycle.markTypmod(),
                    cycle.markColumn()), cycle.markValue()), BOOL, -1);
        }
        return select(subqueryEntry("*TROCRN*", moved, all), tl, where);
    }

    /**
     * array_cat(path, ARRAY[row]): rewriteSearchAndCycle calls the function itself (F_ARRAY_CAT),
     * not the || operator, so that is what EXPLAIN shows; bound to record[] as the parser
     * would bind the polymorphic function.
     */
    private static Expr arrayCat(Expr path, Expr element) {
        PgProc cat = BuiltinCatalog.functions("array_cat").get(0);
        List<Integer> types = List.of(RECORD_ARRAY, RECORD_ARRAY);
        PgProc bound = new PgProc(cat.oid(), cat.name(), types, RECORD_ARRAY, cat.strict(), cat.volatility(), false,
                ((PolymorphicFunction) cat.impl()).bind(types, RECORD_ARRAY));
        return new Expr.FuncExpr(bound, List.of(path, element), RECORD_ARRAY, -1);
    }

    /** int8inc: the breadth-first depth's increment (F_INT8INC in rewriteSearchAndCycle). */
    private static PgProc int8inc() {
        return BuiltinCatalog.functions("int8inc").get(0);
    }

    private List<Query.TargetEntry> ownColumns() {
        List<Query.TargetEntry> tl = new ArrayList<>();
        for (int i = 0; i < own.size(); i++) {
            ColumnDef d = own.get(i);
            add(tl, var(i + 1, d.typeOid(), d.typmod(), d.name()), d.name());
        }
        return tl;
    }

    private static void add(List<Query.TargetEntry> tl, Expr e, String name) {
        tl.add(new Query.TargetEntry(e, tl.size() + 1, name, false));
    }

    private static Expr.Var var(int attno, int type, int typmod, String name) {
        return new Expr.Var(1, attno, type, typmod, name, -1);
    }

    /** make_path_rowexpr: ROW(cols) over the wrapped query's columns, by name. */
    private Expr.RowExpr row(List<String> cols) {
        List<Expr> args = new ArrayList<>();
        for (String c : cols) {
            for (int i = 0; i < own.size(); i++) {
                ColumnDef d = own.get(i);
                if (d.name().equals(c)) {
                    args.add(var(i + 1, d.typeOid(), d.typmod(), d.name()));
                    break;
                }
            }
        }
        return new Expr.RowExpr(List.copyOf(args), RECORD, List.copyOf(cols), -1);
    }

    private Expr.RowExpr searchRow() { return row(search.columns()); }

    private Expr.RowExpr cycleRow() { return row(cycle.columns()); }

    /** ROW(depth, search cols): the breadth-first sequence value, its first field named "*DEPTH*". */
    private Expr depthRow(Expr depth) {
        Expr.RowExpr r = searchRow();
        List<Expr> args = new ArrayList<>(r.args());
        args.add(0, depth);
        List<String> names = new ArrayList<>(r.colnames());
        names.add(0, "*DEPTH*");
        return new Expr.RowExpr(List.copyOf(args), RECORD, List.copyOf(names), -1);
    }

    /** make_path_initial_array: ARRAY[row], a record[]. */
    private static Expr pathArray(Expr row) {
        return new Expr.ArrayExpr(RECORD, RECORD_ARRAY, List.of(row), false, -1);
    }

    private static Query.RangeTblEntry subqueryEntry(String alias, Query sub, List<ColumnDef> cols) {
        return new Query.RangeTblEntry(Query.RteKind.SUBQUERY, alias, null, null, null, List.copyOf(cols), null, sub, null,
                null, null, 0, false, false);
    }

    private static Query select(Query.RangeTblEntry from, List<Query.TargetEntry> tl, Expr where) {
        return new Query(Query.CommandType.SELECT, null, List.of(from), List.copyOf(tl), where, List.of(), null, null,
                List.of());
    }

    private static Query.RangeTblEntry leaf(Query.RangeTblEntry r, Query q, List<ColumnDef> cols) {
        return new Query.RangeTblEntry(r.kind(), r.refname(), r.schema(), r.relname(), r.relation(), List.copyOf(cols),
                r.table(), q, r.values(), r.function(), r.cteName(), r.ctelevelsup(), r.selfReference(), r.lateral(),
                r.inh(), r.functions(), r.funcOrdinality());
    }

    private static Query withTargetList(Query q, List<Query.TargetEntry> tl) {
        return new Query(q.commandType(), q.utilityStmt(), q.rangeTable(), List.copyOf(tl), q.where(), q.sortClause(),
                q.limitCount(), q.limitOffset(), q.aggregates(), q.resultRelation(), q.valuesLists(), q.sourceQuery(),
                q.returningList(), q.fromList(), q.groupClause(), q.havingQual(), q.distinctClause(), q.hasDistinctOn(),
                q.setOperations(), q.cteList(), q.windowClause(), q.groupingSets(), q.onConflict(), q.rowMarks(), q.mergeActionList());
    }
}
