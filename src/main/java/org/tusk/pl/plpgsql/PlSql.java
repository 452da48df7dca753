package org.tusk.pl.plpgsql;

import java.util.ArrayList;
import java.util.List;

import org.tusk.executor.ExecContext;
import org.tusk.executor.ExecEnvironment;
import org.tusk.executor.ExecPermissions;
import org.tusk.executor.Executor;
import org.tusk.executor.PlanState;
import org.tusk.nodes.Expr;
import org.tusk.nodes.PlannedStmt;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawStmt;
import org.tusk.optimizer.Planner;
import org.tusk.parser.Analyzer;
import org.tusk.parser.ColumnRefHook;
import org.tusk.parser.Parser;
import org.tusk.rewrite.RewriteHandler;
import org.tusk.utils.adt.RecordValue;
import org.tusk.utils.error.PgException;

/**
 * Running the SQL of a body (pl_exec.c's exec_prepare_plan / exec_run_select through SPI): a
 * {@link PlTree.PlExpr} is analysed with the parser hooks of {@link Hook}, which turn the
 * function's variables into Params, rewritten, permission-checked and planned; the plan is kept
 * in the expression and reused by later runs of it (in this and later calls) while the catalog
 * generation and the types of its parameters stay the same. Each run takes a fresh statement
 * environment (a new snapshot with the current command id, as a volatile function's statements
 * get one; a VOLATILE function's run starts with CommandCounterIncrement, as SPI's non-read-only
 * mode does), and a statement that changes rows is followed by CommandCounterIncrement.
 */
final class PlSql {
    /** Where parameter $n of a prepared expression takes its value: a datum, or one field of a record datum. */
    record Source(PlTree.Datum datum, String field) {}

    record Prepared(List<RawStmt> raws, List<PlannedStmt> plans, List<Integer> paramTypes, List<Source> sources,
                    long generation) {}

    /** The rows of a run (only those of the last statement that returns rows), their shape, and rows processed. */
    record Result(List<Object[]> rows, List<String> names, List<Integer> types, long processed, boolean returnsRows) {}

    private final PlHost host;

    PlSql(PlHost host) {
        this.host = host;
    }

    /**
     * The parser hooks (plpgsql_post_column_ref, plpgsql_param_ref): names resolve against the
     * namespace where the expression was written; each distinct datum or record field becomes
     * one Param, typed by the datum's current type.
     */
    private static final class Hook implements ColumnRefHook {
        final PlTree.PlExpr expr;
        final PlFrame frame;
        final List<Integer> types;
        final List<Source> sources = new ArrayList<>();

        Hook(PlTree.PlExpr expr, PlFrame frame, List<Integer> types) {
            this.expr = expr;
            this.frame = frame;
            this.types = types;
        }

        @Override
        public Expr columnRef(List<String> f, int location) {
            PlNamespace ns = expr.ns;
            if (f.size() == 1) {
                PlTree.Datum d = PlNamespace.lookup(ns, f.get(0));
                return d == null ? null : param(d, null);
            }
            if (f.size() == 2) {
                PlTree.Datum q = PlNamespace.lookupQualified(ns, f.get(0), f.get(1));
                if (q != null) return param(q, null);
                PlTree.Datum d = PlNamespace.lookup(ns, f.get(0));
                if (d != null && d.kind() == PlTree.DatumKind.REC) return param(d, f.get(1));
                return null;
            }
            if (f.size() == 3) {
                PlTree.Datum q = PlNamespace.lookupQualified(ns, f.get(0), f.get(1));
                if (q != null && q.kind() == PlTree.DatumKind.REC) return param(q, f.get(2));
            }
            return null;
        }

        @Override
        public Expr paramRef(int number, int location) {
            PlTree.Datum d = PlNamespace.lookup(expr.ns, "$" + number);
            return d == null ? null : param(d, null);
        }

        private Expr param(PlTree.Datum d, String field) {
            Source s = new Source(d, field);
            int i = sources.indexOf(s);
            if (i < 0) {
                int type;
                if (field != null) {
                    RecordValue r = frame.record(d);
                    type = r.types().get(frame.fieldIndex(d, r, field));
                } else if (d.kind() == PlTree.DatumKind.REC) {
                    Object v = frame.values[d.dno()];
                    type = v instanceof RecordValue r ? r.typeOid() : frame.types[d.dno()];
                } else {
                    type = frame.types[d.dno()];
                }
                if (type == org.tusk.catalog.TypeOids.UNKNOWN) type = org.tusk.catalog.TypeOids.TEXT;
                sources.add(s);
                types.add(type);
                i = sources.size() - 1;
            }
            return new Expr.Param(i + 1, types.get(i));
        }
    }

    /** exec_prepare_plan, or the kept plan when it still fits. */
    private Prepared prepare(PlTree.PlExpr e, PlFrame frame, ExecContext ctx) {
        long g = host.generation();
        // a call with transition tables plans against this firing's rows: such plans are not kept
        boolean keep = frame.transitionTables == null;
        Prepared p = e.cached;
        if (keep && p != null && p.generation() == g && sameTypes(p, frame)) return p;
        List<Integer> types = new ArrayList<>();
        Hook hook = new Hook(e, frame, types);
        List<RawStmt> raws = Parser.parse(e.query, host.session().scanSettings());
        List<PlannedStmt> plans = new ArrayList<>();
        for (RawStmt raw : raws) {
            plans.add(plan(raw, e.query, types, hook, ctx, relations(frame)));
        }
        p = new Prepared(raws, plans, List.copyOf(types), List.copyOf(hook.sources), g);
        if (keep) e.cached = p;
        return p;
    }

    /**
     * The relations names resolve to: the host's, with this call's transition tables first (an
     * unqualified name, as PostgreSQL's query environment of ephemeral named relations).
     */
    private org.tusk.catalog.RelationProvider relations(PlFrame frame) {
        org.tusk.catalog.RelationProvider base = host.relations();
        if (frame == null || frame.transitionTables == null) return base;
        java.util.Map<String, org.tusk.catalog.ScannableRelation> named = frame.transitionTables;
        return (schema, name) -> {
            if (schema == null && named.containsKey(name)) return named.get(name);
            return base.lookup(schema, name);
        };
    }

    private PlannedStmt plan(RawStmt raw, String text, List<Integer> types, ColumnRefHook hook, ExecContext ctx,
                             org.tusk.catalog.RelationProvider relations) {
        ExecEnvironment env = ctx.env();
        Query q = Analyzer.analyze(raw, text, relations, env, ctx.inputSettings(), host.session().currentDatabase(),
                types, null, hook);
        if (q.commandType() == Query.CommandType.UTILITY) return new PlannedStmt(null, raw.stmt(), List.of(), List.of(), List.of());
        ExecPermissions.check(q, env);   // before rewriting, as Engine does: a view target is checked as itself
        q = new RewriteHandler(relations, env, ctx.inputSettings(), host.session().currentDatabase(), true)
                .rowSecurity(org.tusk.rewrite.RowSecurity.setting(host.session())).rewrite(q);
        return Planner.plan(q, ctx, env);
    }

    /** Whether the datums behind a kept plan's parameters still have the types it was planned for. */
    private static boolean sameTypes(Prepared p, PlFrame frame) {
        for (int i = 0; i < p.sources().size(); i++) {
            Source s = p.sources().get(i);
            int now;
            if (s.field() != null || s.datum().kind() == PlTree.DatumKind.REC) {
                Object v = frame.values[s.datum().dno()];
                if (!(v instanceof RecordValue r)) {
                    if (s.field() == null) {
                        if (p.paramTypes().get(i) != frame.types[s.datum().dno()]) return false;
                        continue;
                    }
                    RecordValue shape = frame.record(s.datum());
                    int fi = PlFrame.fieldNames(shape).indexOf(s.field());
                    if (fi < 0 || shape.types().get(fi) != (int) p.paramTypes().get(i)) return false;
                    continue;
                }
                if (s.field() == null) now = r.typeOid();
                else {
                    int fi = PlFrame.fieldNames(r).indexOf(s.field());
                    if (fi < 0) return false;
                    now = r.types().get(fi);
                }
            } else {
                now = frame.types[s.datum().dno()];
                if (now == org.tusk.catalog.TypeOids.UNKNOWN) now = org.tusk.catalog.TypeOids.TEXT;
            }
            if (now != p.paramTypes().get(i)) return false;
        }
        return true;
    }

    private static Object[] paramValues(Prepared p, PlFrame frame) {
        Object[] out = new Object[p.sources().size()];
        for (int i = 0; i < out.length; i++) {
            Source s = p.sources().get(i);
            Object v = frame.values[s.datum().dno()];
            if (s.field() != null) {
                RecordValue r = frame.record(s.datum());
                v = r.get(frame.fieldIndex(s.datum(), r, s.field()));
            }
            out[i] = v;
        }
        return out;
    }

    /** Runs a body's expression or statement with the frame's values; {@code maxRows} 0 keeps every row. */
    Result run(PlTree.PlExpr e, PlFrame frame, ExecContext caller, int maxRows) {
        ExecEnvironment env = statementEnvironment(frame);
        ExecContext ctx = ExecContext.of(caller.session(), env);
        Prepared p = prepare(e, frame, ctx);
        return execute(p.raws(), p.plans(), e.query, paramValues(p, frame), ctx, env, maxRows);
    }

    /**
     * EXECUTE's string (exec_stmt_dynexecute): parsed, analysed and planned afresh each time,
     * with the USING values as $1..$n of their own types.
     */
    Result runDynamic(String query, List<Integer> paramTypes, Object[] params, PlFrame frame, ExecContext caller, int maxRows) {
        ExecEnvironment env = statementEnvironment(frame);
        ExecContext ctx = ExecContext.of(caller.session(), env);
        List<RawStmt> raws = Parser.parse(query, host.session().scanSettings());
        List<PlannedStmt> plans = new ArrayList<>();
        Result r = null;
        for (RawStmt raw : raws) {
            List<Integer> types = new ArrayList<>(paramTypes);
            PlannedStmt plan = plan(raw, query, types, null, ctx, relations(frame));
            r = execute(List.of(raw), List.of(plan), query, params, ctx, env, maxRows);
            env = statementEnvironment(frame);
            ctx = ExecContext.of(caller.session(), env);
        }
        return r == null ? new Result(List.of(), List.of(), List.of(), 0, false) : r;
    }

    /**
     * The environment a statement of the body runs in. Outside read-only mode (a VOLATILE
     * function), _SPI_execute_plan's CommandCounterIncrement comes first, so the statement sees
     * what the calling statement has changed so far.
     */
    private ExecEnvironment statementEnvironment(PlFrame frame) {
        ExecEnvironment env = host.statementEnvironment();
        if (frame != null && !frame.readOnly) env.commandCounterIncrement();
        return env;
    }

    private Result execute(List<RawStmt> raws, List<PlannedStmt> plans, String text, Object[] params, ExecContext ctx,
                           ExecEnvironment env, int maxRows) {
        Result last = new Result(List.of(), List.of(), List.of(), 0, false);
        for (int i = 0; i < plans.size(); i++) {
            PlannedStmt plan = plans.get(i);
            if (plan.utilityStmt() != null) {
                RawStmt raw = raws.get(i);
                PlHost.UtilityRows u = host.runUtility(raw, text, env);
                if (u == null) {
                    last = new Result(List.of(), List.of(), List.of(), 0, false);
                } else {
                    List<Object[]> rows = maxRows > 0 && u.rows().size() > maxRows ? u.rows().subList(0, maxRows) : u.rows();
                    last = new Result(rows, u.names(), u.types(), u.rows().size(), true);
                }
                continue;
            }
            ctx.setParams(params);
            boolean modify = plan.commandType() != Query.CommandType.SELECT;
            boolean returnsRows = !modify || plan.visibleColumns() > 0;
            PlanState state = Executor.init(plan.planTree(), ctx);
            List<Object[]> rows = new ArrayList<>();
            long n = 0;
            try {
                Object[] row;
                while ((row = state.next()) != null) {
                    n++;
                    if (returnsRows && (maxRows == 0 || rows.size() < maxRows)) {
                        rows.add(java.util.Arrays.copyOf(row, plan.visibleColumns()));
                    } else if (!modify && maxRows > 0 && rows.size() >= maxRows) {
                        break;
                    }
                }
            } finally {
                state.close();
                ctx.releaseResources();
            }
            if (modify) {
                n = Executor.processedRows(state);
                env.commandCounterIncrement();
            }
            last = new Result(rows, plan.columnNames(), plan.columnTypes(), n, returnsRows);
        }
        return last;
    }
}
