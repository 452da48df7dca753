package org.tusk.commands.explain;

import java.util.List;
import java.util.function.Consumer;

import org.tusk.executor.ExecContext;
import org.tusk.executor.Executor;
import org.tusk.executor.PlanState;
import org.tusk.nodes.PlannedStmt;
import org.tusk.optimizer.PlanCosts;

/**
 * EXPLAIN (explain.c ExplainQuery / ExplainOnePlan): given the planned statement, runs it when
 * ANALYZE is asked for (with per-node instrumentation, discarding its rows; INSERT, UPDATE and
 * DELETE really change the table, as in PostgreSQL), then prints the plan in the chosen format,
 * followed by "Planning Time" (SUMMARY) and "Execution Time" (SUMMARY with ANALYZE).
 *
 * <p>The traffic cop analyses and plans the explained statement itself and hands the result
 * here; the result is one text column "QUERY PLAN", one row per line in TEXT format and a
 * single row in the others.
 */
public final class ExplainCommand {
    private ExplainCommand() {}

    /** The rows of the QUERY PLAN column. {@code planningMs}: the planner's time, for SUMMARY. */
    public static List<String> explain(ExplainOptions opts, PlannedStmt planned, ExecContext ctx, double planningMs) {
        return explain(opts, planned, ctx, planningMs, null, false);
    }

    /**
     * The same for EXPLAIN CREATE TABLE AS / SELECT INTO (ExplainOnePlan with an IntoClause):
     * under ANALYZE the rows go to {@code into} (the new table's intorel receiver) instead of
     * being discarded; with {@code skipData} (WITH NO DATA) the plan is started but not run
     * (NoMovementScanDirection), so every node shows "never executed".
     */
    public static List<String> explain(ExplainOptions opts, PlannedStmt planned, ExecContext ctx, double planningMs,
                                       Consumer<Object[]> into, boolean skipData) {
        return explain(opts, planned, ctx, planningMs, into, skipData, false);
    }

    /**
     * The same; {@code scrollMaterialized}: the plan is a SCROLL cursor's that cannot run
     * backward, which PostgreSQL's planner tops with a Material node (EXPLAIN DECLARE ... SCROLL).
     */
    public static List<String> explain(ExplainOptions opts, PlannedStmt planned, ExecContext ctx, double planningMs,
                                       Consumer<Object[]> into, boolean skipData, boolean scrollMaterialized) {
        double executionMs = 0;
        if (opts.analyze()) {
            ctx.enableInstrumentation(opts.timing());
            long t0 = System.nanoTime();
            PlanState state = Executor.init(planned.planTree(), ctx);
            try {
                if (!skipData) {
                    for (Object[] row; (row = state.next()) != null; ) {
                        if (into != null) into.accept(row);
                        ctx.session().checkForInterrupts();
                    }
                }
                state.close();
            } finally {
                ctx.releaseResources();
            }
            switch (planned.commandType()) {
                case INSERT, UPDATE, DELETE -> ctx.env().commandCounterIncrement();
                default -> { }
            }
            executionMs = (System.nanoTime() - t0) / 1e6;
        }
        ExplainOutput out = new ExplainOutput(opts.format());
        out.beginOutput();
        out.openGroup("Query", null, true);
        new ExplainPrinter(opts, out, new PlanCosts(ctx.env(), ctx), opts.analyze() ? ctx : null, ctx.outputSettings(),
                oid -> functionSchema(ctx, oid), oid -> ctx.env().catalog().namespaceName(oid))
                .printPlan(planned.planTree(), planned.rangeTableSize(), scrollMaterialized, planned.levelCtes());
        if (opts.summary()) out.propertyFloat("Planning Time", "ms", planningMs, 3);
        if (opts.summary() && opts.analyze()) out.propertyFloat("Execution Time", "ms", executionMs, 3);
        out.closeGroup("Query", null, true);
        out.endOutput();
        return out.rows();
    }

    /**
     * get_namespace_name_or_temp(get_func_namespace(oid)): a user function's schema is its pg_proc
     * row's; a function with no pg_proc row is one of the built-ins, which live in pg_catalog.
     */
    private static String functionSchema(ExecContext ctx, int oid) {
        org.tusk.catalog.Catalog catalog = ctx.env().catalog();
        org.tusk.catalog.FunctionDdl functions = catalog.functions();
        org.tusk.catalog.SqlFunction f = functions == null ? null : functions.byOid(oid);
        return f == null ? "pg_catalog" : catalog.namespaceName(f.namespace());
    }
}
