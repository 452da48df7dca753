package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Query;
import org.tusk.optimizer.Clauses;
import org.tusk.optimizer.VarLevels;
import org.tusk.utils.error.SqlState;

/**
 * Which query level an aggregate call belongs to (parse_agg.c check_agg_arguments and
 * check_agglevels_and_constraints). The SQL standard makes an aggregate whose arguments read
 * only columns of outer query levels an aggregate of the nearest such level: in
 * {@code SELECT (SELECT max(o.x)) FROM o} the max is computed by the outer query, once per
 * group of {@code o}, and the sub-select reads its value.
 *
 * <p>The level is the smallest of the levels of the Vars and of the aggregate calls in the
 * arguments and FILTER (counted from the level the call is written in, looking into
 * sub-selects), 0 if there are none. An aggregate call of that same level in the arguments is a
 * nested aggregate (42803); a WITH query defined below that level and read in the arguments
 * is refused (0A000), as the owning level could not read it. The clause of the owning level the call stands in decides whether
 * an aggregate is allowed there at all (so a sub-select's WHERE may hold an outer-level
 * aggregate, but not one of its own).
 *
 * <p>The owning level's analyzer records the call in its aggregate list (what its Agg node
 * computes) with the arguments moved into its frame (IncrementVarSublevelsUp); the call
 * returned to the expression keeps its arguments in the frame it is written in, with
 * {@code levelsup} saying which level computes it and {@code aggno} indexing that level's list.
 */
final class AggLevels {
    private AggLevels() {}

    /** The clauses whose expressions may hold aggregates of their level. */
    private static final List<String> ALLOWED = List.of("SELECT", "HAVING", "ORDER BY", "DISTINCT ON",
            "window PARTITION BY", "window ORDER BY");

    /**
     * Assigns {@code call} (analysed at {@code a}'s level, levelsup 0, aggno not yet set) to its
     * level, checks it is allowed there, and returns the call as the expression at {@code a}'s
     * level.
     */
    static Expr.Aggref place(Analyzer a, Expr.Aggref call, int location) {
        int[] minVar = {-1};
        int[] minAgg = {-1};
        int[] minCte = {-1};
        String[] cteName = {null};
        List<Expr.Aggref> inner = new ArrayList<>();
        VarLevels.VarMapper walker = new VarLevels.VarMapper() {
            public Expr map(Expr.Var v, int depth) {
                int level = v.levelsup() - depth;
                if (level >= 0 && (minVar[0] < 0 || level < minVar[0])) minVar[0] = level;
                return null;
            }

            public int aggLevelsUp(Expr.Aggref x, int depth) {
                int level = x.levelsup() - depth;
                if (level >= 0) {
                    if (minAgg[0] < 0 || level < minAgg[0]) minAgg[0] = level;
                    inner.add(x.withLevelsUp(level));
                }
                return x.levelsup();
            }

            public int cteLevelsUp(Query.RangeTblEntry cteRef, int depth) {
                int level = cteRef.ctelevelsup() - depth;
                if (level >= 0 && (minCte[0] < 0 || level < minCte[0])) {
                    minCte[0] = level;
                    cteName[0] = cteRef.refname();
                }
                return cteRef.ctelevelsup();
            }
        };
        for (Expr arg : call.args()) VarLevels.map(arg, 0, walker);
        if (call.filter() != null) VarLevels.map(call.filter(), 0, walker);
        for (Expr.AggSort o : call.order()) VarLevels.map(o.expr(), 0, walker);
        int level;
        if (minVar[0] < 0) level = Math.max(minAgg[0], 0);
        else if (minAgg[0] < 0) level = minVar[0];
        else level = Math.min(minVar[0], minAgg[0]);

        // (bug #19055) a WITH query of a level below the aggregate's cannot be read where it is computed
        if (minCte[0] >= 0 && minCte[0] < level)
            throw a.err(SqlState.FEATURE_NOT_SUPPORTED, "outer-level aggregate cannot use a nested CTE", location)
                    .withDetail("CTE \"" + cteName[0] + "\" is below the aggregate's semantic level.");
        Analyzer owner = a;
        for (int i = 0; i < level; i++) owner = owner.parent;
        if (!ALLOWED.contains(owner.exprKind()))
            throw a.err(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in " + owner.exprKind(), location);
        if (level == minAgg[0]) {
            int at = location;
            for (Expr.Aggref x : inner) {
                if (x.levelsup() == level) {
                    at = x.location();
                    break;
                }
            }
            throw a.err(SqlState.GROUPING_ERROR, "aggregate function calls cannot be nested", at);
        }
        checkDirectArgs(a, call.directArgs(), level);
        int aggno = owner.aggregates().size();
        Expr.Aggref here = new Expr.Aggref(call.agg(), call.args(), call.star(), aggno, call.type(), call.distinct(),
                call.filter(), call.order(), level, location, call.directArgs());
        // the owner's copy: its arguments in the owner's frame, computed there (levelsup 0)
        Expr.Aggref there = level == 0 ? here : (Expr.Aggref) VarLevels.incrementLevelsUp(here, -level);
        int same = sameAggregate(owner.aggregates(), there);
        if (same >= 0) return withAggno(here, same);
        owner.aggregates().add(there);
        return here;
    }

    /**
     * find_compatible_agg: the slot of an aggregate call of the level equal to {@code agg} (all
     * but location and slot), which computes the same value and so shares its state; -1 if there
     * is none or the call has volatile arguments (each call must then run them). PostgreSQL
     * merges them in the planner (preprocess_aggrefs); merging at analysis makes a repeated call
     * in ORDER BY or DISTINCT match its target-list entry, as equal() does there.
     */
    private static int sameAggregate(List<Expr.Aggref> aggregates, Expr.Aggref agg) {
        if (Clauses.containsVolatileFunctions(agg)) return -1;
        Expr key = ExprTrees.withoutLocations(withAggno(agg, -1));
        for (int i = 0; i < aggregates.size(); i++)
            if (ExprTrees.withoutLocations(withAggno(aggregates.get(i), -1)).equals(key)) return i;
        return -1;
    }

    private static Expr.Aggref withAggno(Expr.Aggref a, int aggno) {
        return new Expr.Aggref(a.agg(), a.args(), a.star(), aggno, a.type(), a.distinct(), a.filter(), a.order(),
                a.levelsup(), a.location(), a.directArgs());
    }

    /**
     * check_agg_arguments on an ordered-set aggregate's direct arguments: they are evaluated
     * once per group of the aggregate's level, so they may read only that level or outer ones,
     * and may not hold an aggregate of that level or below.
     */
    private static void checkDirectArgs(Analyzer a, List<Expr> directArgs, int level) {
        if (directArgs.isEmpty()) return;
        int[] minVar = {-1, -1};   // level, location
        int[] minAgg = {-1, -1};
        VarLevels.VarMapper walker = new VarLevels.VarMapper() {
            public Expr map(Expr.Var v, int depth) {
                int l = v.levelsup() - depth;
                if (l >= 0 && (minVar[0] < 0 || l < minVar[0])) {
                    minVar[0] = l;
                    minVar[1] = v.location();
                }
                return null;
            }

            public int aggLevelsUp(Expr.Aggref x, int depth) {
                int l = x.levelsup() - depth;
                if (l >= 0 && (minAgg[0] < 0 || l < minAgg[0])) {
                    minAgg[0] = l;
                    minAgg[1] = x.location();
                }
                return x.levelsup();
            }
        };
        for (Expr arg : directArgs) VarLevels.map(arg, 0, walker);
        if (minVar[0] >= 0 && minVar[0] < level)
            throw a.err(SqlState.GROUPING_ERROR,
                    "outer-level aggregate cannot contain a lower-level variable in its direct arguments", minVar[1]);
        if (minAgg[0] >= 0 && minAgg[0] <= level)
            throw a.err(SqlState.GROUPING_ERROR, "aggregate function calls cannot be nested", minAgg[1]);
    }
}
