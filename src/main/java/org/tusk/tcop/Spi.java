package org.tusk.tcop;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.tusk.catalog.RelationProvider;
import org.tusk.executor.ConstraintSupport;
import org.tusk.executor.ExecContext;
import org.tusk.executor.ExecEnvironment;
import org.tusk.executor.Executor;
import org.tusk.executor.PlanState;
import org.tusk.nodes.Expr;
import org.tusk.nodes.PlannedStmt;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawStmt;
import org.tusk.optimizer.Planner;
import org.tusk.parser.Analyzer;
import org.tusk.parser.CheckConstraintAnalysis;
import org.tusk.parser.Parser;
import org.tusk.utils.cache.Relation;

/**
 * The backend's {@link ConstraintSupport}: PostgreSQL's SPI (spi.c SPI_execute_with_args) for
 * the queries of the referential-integrity triggers, and the analysis of stored CHECK
 * expressions. A query runs in the current transaction in a fresh statement environment (a
 * snapshot taken now, the current command id), so it sees every change made before the caller's
 * CommandCounterIncrement; the query's own changes are made under that command id. No privilege
 * check is made: PostgreSQL runs these queries as the owner of the table, which Tusk does not
 * switch to, so they are exempt instead.
 */
final class Spi implements ConstraintSupport {
    private final Supplier<ExecEnvironment> environments;

    /** @param environments makes a new statement environment (SessionStorage.statementEnvironment) */
    Spi(Supplier<ExecEnvironment> environments) {
        this.environments = environments;
    }

    @Override
    public Expr cookCheck(Relation rel, String sql, ExecContext ctx) {
        return CheckConstraintAnalysis.cook(rel, sql, ctx.inputSettings(), ctx.session().currentDatabase(), ctx.env()).expr();
    }

    @Override
    public Expr cookGenerated(Relation rel, int attnum, String sql, ExecContext ctx) {
        return org.tusk.parser.GenerationExprAnalysis.cook(rel, attnum, sql, ctx.inputSettings(),
                ctx.session().currentDatabase(), ctx.env());
    }

    @Override
    public Expr cookTriggerWhen(Relation rel, String sql, ExecContext ctx) {
        return org.tusk.parser.TriggerWhenAnalysis.stored(rel, sql, ctx.inputSettings(), ctx.session().currentDatabase(), ctx.env());
    }

    @Override
    public Expr cookDomainCheck(org.tusk.catalog.DomainInfo domain, String sql, ExecContext ctx) {
        return org.tusk.parser.DomainCheckAnalysis.cook(domain, sql, ctx.inputSettings(), ctx.session().currentDatabase(),
                ctx.env());
    }

    @Override
    public List<Expr> cookIndexExpressions(Relation heap, String sql, boolean predicate, ExecContext ctx) {
        String db = ctx.session().currentDatabase();
        if (predicate) {
            return List.of(org.tusk.parser.IndexExprAnalysis.storedPredicate(heap, sql, ctx.inputSettings(), db, ctx.env()));
        }
        return org.tusk.parser.IndexExprAnalysis.storedExpressions(heap, sql, ctx.inputSettings(), db, ctx.env());
    }

    /** A planned query: plans are generic in their parameters (the planner does not fold them). */
    private record Plan(PlannedStmt planned, boolean returnsRows) implements Prepared {}

    @Override
    public Prepared prepare(String sql, List<Integer> paramTypes, ExecContext caller) {
        ExecEnvironment env = environments.get();
        ExecContext ctx = ExecContext.of(caller.session(), env);
        List<RawStmt> raws = Parser.parse(sql, env.scanSettings());
        if (raws.size() != 1) throw new IllegalArgumentException("SPI runs exactly one statement: " + sql);
        List<Integer> types = new ArrayList<>(paramTypes);
        Query q = Analyzer.analyze(raws.get(0), sql, RelationProvider.EMPTY, env, ctx.inputSettings(),
                caller.session().currentDatabase(), types);
        return new Plan(Planner.plan(q, ctx, env), q.commandType() == Query.CommandType.SELECT);
    }

    @Override
    public List<Object[]> execute(Prepared prepared, Object[] params, int limit, ExecContext caller) {
        Plan plan = (Plan) prepared;
        ExecEnvironment env = environments.get();
        ExecContext ctx = ExecContext.of(caller.session(), env);
        ctx.setParams(params.clone());
        PlanState state = Executor.init(plan.planned().planTree(), ctx);
        List<Object[]> rows = new ArrayList<>();
        try {
            Object[] row;
            while ((limit == 0 || rows.size() < limit) && (row = state.next()) != null) {
                if (plan.returnsRows()) rows.add(row);
            }
        } finally {
            state.close();
        }
        return rows;
    }
}
