package org.tusk.optimizer;

import static org.tusk.catalog.TypeOids.*;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.FunctionCallContext;
import org.tusk.catalog.PgProc;
import org.tusk.executor.ExecEnvironment;
import org.tusk.executor.ExprEvaluator;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Plan;
import org.tusk.nodes.PlannedStmt;
import org.tusk.nodes.Query;

/**
 * The planner (PostgreSQL's planner.c/createplan.c, for the single-relation case): constant-folds
 * immutable expressions (eval_const_expressions), then builds
 * <pre>
 *   [Limit] -> [Sort] -> [Agg] -> SeqScan(rel, qual, tlist) | Result(tlist, one-time qual)
 * </pre>
 * The scan of a catalog table is a SeqScan or an IndexScan as {@link ScanPaths} decides.
 * INSERT/UPDATE/DELETE become a ModifyTable node (see {@link #plan(Query, FunctionCallContext, ExecEnvironment)}).
 * Without aggregation the scan/result node projects the final target list (including resjunk
 * sort columns); with aggregation the scan emits raw tuples and Agg projects. Sort keys and
 * visible columns refer to positions in that final target list.
 */
public final class Planner {
    private Planner() {}

    public static PlannedStmt plan(Query q, FunctionCallContext ctx) {
        return plan(q, ctx, null);
    }

    /**
     * Plans {@code q}; {@code env} (null when the backend has no storage) gives the table and
     * index sizes and the indexes path selection considers for scans of catalog tables.
     */
    public static PlannedStmt plan(Query q, FunctionCallContext ctx, ExecEnvironment env) {
        return switch (q.commandType()) {
            case UTILITY -> new PlannedStmt(null, q.utilityStmt(), List.of(), List.of(), List.of());
            case INSERT, UPDATE, DELETE -> planModify(q, ctx, env);
            case SELECT -> planSelect(q, ctx, env);
        };
    }

    /**
     * INSERT/UPDATE/DELETE: ModifyTable over a ValuesScan, the planned SELECT, or a scan of the
     * target table emitting its raw scan tuples (values, then TID) filtered by WHERE.
     */
    private static PlannedStmt planModify(Query q, FunctionCallContext ctx, ExecEnvironment env) {
        Query.RangeTblEntry target = q.resultRte();
        Plan source;
        List<Expr> newRow = null;
        Expr where = q.where() == null ? null : fold(q.where(), ctx);
        if (where instanceof Expr.Const c && Boolean.TRUE.equals(c.value())) where = null;
        if (q.commandType() == Query.CommandType.INSERT) {
            if (q.sourceQuery() != null) {
                source = planSelect(q.sourceQuery(), ctx, env).planTree();
            } else {
                List<List<Expr>> rows = new ArrayList<>();
                for (List<Expr> row : q.valuesLists()) rows.add(foldAll(row, ctx));
                source = new Plan.ValuesScan(List.copyOf(rows), rows.isEmpty() ? 0 : rows.get(0).size());
            }
        } else {
            source = ScanPaths.scan(target, where, null, env, ctx);
        }
        if (q.commandType() != Query.CommandType.DELETE) {
            newRow = new ArrayList<>();
            for (Query.TargetEntry te : q.targetList()) newRow.add(fold(te.expr(), ctx));
            newRow = List.copyOf(newRow);
        }
        List<Expr> returning = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        List<Integer> typmods = new ArrayList<>();
        for (Query.TargetEntry te : q.returningList()) {
            returning.add(fold(te.expr(), ctx));
            names.add(te.name());
            types.add(te.expr().type());
            typmods.add(te.expr().typmod());
        }
        Plan plan = new Plan.ModifyTable(q.commandType(), target, source, newRow, where, List.copyOf(returning));
        return new PlannedStmt(plan, null, List.copyOf(names), List.copyOf(types), List.copyOf(typmods), q.commandType());
    }

    private static PlannedStmt planSelect(Query q, FunctionCallContext ctx, ExecEnvironment env) {
        List<Expr> tlist = new ArrayList<>();
        Expr having = null;
        List<String> names = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        List<Integer> typmods = new ArrayList<>();
        for (Query.TargetEntry te : q.targetList()) {
            Expr e = fold(te.expr(), ctx);
            if (te.resjunk() && "?having?".equals(te.name())) {
                having = e;
                continue;
            }
            tlist.add(e);
            if (!te.resjunk()) {
                names.add(te.name());
                types.add(te.expr().type());
                typmods.add(te.expr().typmod());
            }
        }
        Expr where = q.where() == null ? null : fold(q.where(), ctx);
        if (where instanceof Expr.Const c && Boolean.TRUE.equals(c.value())) where = null;

        Plan plan;
        boolean agg = q.hasAggs() || having != null;
        if (q.rangeTable().isEmpty()) {
            plan = new Plan.Result(agg ? List.of() : tlist, where, true);
        } else if (q.rangeTable().get(0).isTable()) {
            plan = ScanPaths.scan(q.rangeTable().get(0), where, agg ? null : tlist, env, ctx);
        } else {
            plan = new Plan.SeqScan(q.rangeTable().get(0), where, agg ? null : tlist);
        }
        if (agg) {
            List<Expr.Aggref> aggs = new ArrayList<>();
            for (Expr.Aggref a : q.aggregates()) {
                List<Expr> args = new ArrayList<>();
                for (Expr x : a.args()) args.add(fold(x, ctx));
                aggs.add(new Expr.Aggref(a.agg(), args, a.star(), a.aggno(), a.type()));
            }
            plan = new Plan.Agg(plan, aggs, tlist, having);
        }
        if (!q.sortClause().isEmpty()) {
            List<Plan.SortKey> keys = new ArrayList<>();
            for (Query.SortClause s : q.sortClause()) keys.add(new Plan.SortKey(s.resno() - 1, s.desc(), s.nullsFirst()));
            plan = new Plan.Sort(plan, keys);
        }
        if (q.limitCount() != null || q.limitOffset() != null) {
            plan = new Plan.Limit(plan, q.limitOffset() == null ? null : fold(q.limitOffset(), ctx),
                    q.limitCount() == null ? null : fold(q.limitCount(), ctx));
        }
        return new PlannedStmt(plan, null, List.copyOf(names), List.copyOf(types), List.copyOf(typmods));
    }

    /**
     * eval_const_expressions, simplified: a function, operator or cast whose inputs are all
     * constants and which is immutable (and does not depend on the session time zone) is
     * evaluated now. Errors it raises (division by zero, overflow) are raised at plan time, as
     * in PostgreSQL.
     */
    public static Expr fold(Expr e, FunctionCallContext ctx) {
        switch (e) {
            case Expr.OpExpr o -> {
                List<Expr> args = foldAll(o.args(), ctx);
                Expr n = new Expr.OpExpr(o.op(), args, o.type(), o.location());
                if (allConst(args) && o.op().volatility() == PgProc.Volatility.IMMUTABLE && !zoneDependent(args, o.type()))
                    return new Expr.Const(o.type(), -1, ExprEvaluator.eval(n, null, null, ctx), o.location());
                return n;
            }
            case Expr.FuncExpr f -> {
                List<Expr> args = foldAll(f.args(), ctx);
                Expr n = new Expr.FuncExpr(f.proc(), args, f.type(), f.location());
                if (allConst(args) && f.proc().volatility() == PgProc.Volatility.IMMUTABLE && !zoneDependent(args, f.type()))
                    return new Expr.Const(f.type(), -1, ExprEvaluator.eval(n, null, null, ctx), f.location());
                return n;
            }
            case Expr.CastFunc c -> {
                Expr arg = fold(c.arg(), ctx);
                Expr n = new Expr.CastFunc(c.cast(), arg, c.type());
                if (arg instanceof Expr.Const && !zoneDependent(List.of(arg), c.type()))
                    return new Expr.Const(c.type(), -1, ExprEvaluator.eval(n, null, null, ctx), -1);
                return n;
            }
            case Expr.BoolExpr b -> { return new Expr.BoolExpr(b.op(), foldAll(b.args(), ctx)); }
            case Expr.NullTest n -> { return new Expr.NullTest(fold(n.arg(), ctx), n.isNot()); }
            case Expr.BooleanTest b -> { return new Expr.BooleanTest(fold(b.arg(), ctx), b.test()); }
            case Expr.CoerceViaIO c -> { return new Expr.CoerceViaIO(fold(c.arg(), ctx), c.type(), c.location()); }
            case Expr.RelabelType r -> { return new Expr.RelabelType(fold(r.arg(), ctx), r.type(), r.typmod()); }
            case Expr.CoerceToTypmod c -> {
                return new Expr.CoerceToTypmod(fold(c.arg(), ctx), c.type(), c.typmod(), c.explicit());
            }
            case Expr.CoalesceExpr c -> { return new Expr.CoalesceExpr(foldAll(c.args(), ctx), c.type()); }
            case Expr.MinMaxExpr m -> { return new Expr.MinMaxExpr(m.greatest(), m.lt(), foldAll(m.args(), ctx), m.type()); }
            case Expr.NullIfExpr n -> { return new Expr.NullIfExpr(n.eq(), fold(n.a(), ctx), fold(n.b(), ctx), n.type()); }
            case Expr.DistinctExpr d -> { return new Expr.DistinctExpr(d.eq(), fold(d.left(), ctx), fold(d.right(), ctx), d.not()); }
            case Expr.CaseExpr c -> {
                List<Expr.CaseWhen> whens = new ArrayList<>();
                for (Expr.CaseWhen w : c.whens()) whens.add(new Expr.CaseWhen(fold(w.cond(), ctx), w.result()));
                return new Expr.CaseExpr(whens, c.defResult(), c.type());
            }
            default -> { return e; }
        }
    }

    private static boolean zoneDependent(List<Expr> args, int result) {
        if (result == TIMESTAMPTZ) return true;
        for (Expr a : args) if (a.type() == TIMESTAMPTZ) return true;
        return false;
    }

    private static List<Expr> foldAll(List<Expr> l, FunctionCallContext ctx) {
        List<Expr> out = new ArrayList<>(l.size());
        for (Expr e : l) out.add(fold(e, ctx));
        return out;
    }

    private static boolean allConst(List<Expr> l) {
        for (Expr e : l) if (!(e instanceof Expr.Const)) return false;
        return true;
    }
}
