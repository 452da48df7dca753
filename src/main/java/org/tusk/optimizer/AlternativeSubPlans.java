package org.tusk.optimizer;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Plan;

/**
 * setrefs.c fix_alternative_subplan: once the whole plan is built, each
 * {@link Expr.AlternativeSubPlan} is replaced by the alternative that is cheapest for the number
 * of times the node holding it evaluates it: startup cost + num_exec * per-call cost
 * (cost_subplan), num_exec being the node's estimated rows for a target list and twice that for
 * a qual (NUM_EXEC_TLIST / NUM_EXEC_QUAL); on a tie the later one (the hashed form) wins.
 *
 * <p>Plan nodes are records; the pass rebuilds only the nodes on the way to an alternative
 * (through their canonical constructors), keeping every other node, and nodes reached twice (a
 * WITH query's plan), as they are.
 */
final class AlternativeSubPlans {
    private final PlanCosts costs;
    private final Map<Object, Object> done = new IdentityHashMap<>();
    private final Map<Object, Boolean> holds = new IdentityHashMap<>();

    private AlternativeSubPlans(PlanCosts costs) {
        this.costs = costs;
    }

    /**
     * {@code plan} with every AlternativeSubPlan in it (sub-plans included) resolved;
     * {@code levelCtes} (plan nodes heading query levels, by identity) are moved to the nodes
     * rebuilt in their place.
     */
    static Plan resolve(Plan plan, PlanCosts costs, Map<Plan, List<org.tusk.nodes.PlannedStmt.LevelCte>> levelCtes) {
        AlternativeSubPlans pass = new AlternativeSubPlans(costs);
        Plan out = (Plan) pass.node(plan, 1);
        Map<Plan, List<org.tusk.nodes.PlannedStmt.LevelCte>> moved = new IdentityHashMap<>();
        for (var e : levelCtes.entrySet()) moved.put((Plan) pass.done.getOrDefault(e.getKey(), e.getKey()), e.getValue());
        levelCtes.clear();
        levelCtes.putAll(moved);
        return out;
    }

    /** A plan node, nested plan record, expression or list, rebuilt where it holds an alternative. */
    private Object node(Object o, double rows) {
        if (o == null || !holdsAlternative(o)) return o;
        Object d = done.get(o);
        if (d != null) return d;
        Object out;
        switch (o) {
            case Expr e -> out = expr(e, rows);
            case List<?> l -> {
                List<Object> m = new ArrayList<>(l.size());
                for (Object x : l) m.add(node(x, rows));
                out = List.copyOf(m);
            }
            case Plan p -> out = rebuild((Record) p, Math.max(1, costs.of(p).rows()));
            case Record r -> out = rebuild(r, rows);
            default -> out = o;
        }
        done.put(o, out);
        return out;
    }

    /** A record with each component mapped; {@code rows} are the evaluating node's. */
    private Object rebuild(Record r, double rows) {
        RecordComponent[] comps = r.getClass().getRecordComponents();
        Object[] values = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        try {
            for (int i = 0; i < comps.length; i++) {
                types[i] = comps[i].getType();
                Object v = comps[i].getAccessor().invoke(r);
                // NUM_EXEC_TLIST for what the node outputs, NUM_EXEC_QUAL for what it tests
                boolean tlist = comps[i].getName().equals("targetList");
                values[i] = v instanceof Plan ? node(v, rows) : node(v, tlist ? rows : 2 * rows);
            }
            Constructor<?> c = r.getClass().getDeclaredConstructor(types);
            c.setAccessible(true);
            return c.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot rebuild plan node " + r.getClass().getSimpleName(), e);
        }
    }

    private Expr expr(Expr e, double numExec) {
        return ExprTrees.map(e, x -> switch (x) {
            case Expr.AlternativeSubPlan a -> expr(choose(a, numExec), numExec);
            case Expr.SubPlan sp when holdsAlternative(sp) -> {
                List<Expr> args = new ArrayList<>();
                for (Expr arg : sp.args()) args.add(expr(arg, numExec));
                yield new Expr.SubPlan(sp.kind(), (Plan) node(sp.plan(), 1), expr(sp.testexpr(), numExec), sp.paramIds(),
                        sp.parParams(), List.copyOf(args), sp.correlated(), sp.type(), sp.typmod(), sp.planId(),
                        sp.unknownEqFalse(), sp.extParams());
            }
            case Expr.SubPlan sp -> sp;
            default -> null;
        });
    }

    /** fix_alternative_subplan's choice. */
    private Expr.SubPlan choose(Expr.AlternativeSubPlan a, double numExec) {
        Expr.SubPlan best = null;
        double bestCost = 0;
        for (Expr.SubPlan sp : a.subplans()) {
            double[] c = subplanCost(sp);
            double cost = c[0] + numExec * c[1];
            if (best == null || cost <= bestCost) {
                best = sp;
                bestCost = cost;
            }
        }
        return best;
    }

    /**
     * cost_subplan: {startup, per call}. A hashed subplan runs its plan once and loads each row
     * into the table; otherwise each call runs the plan as far as the sublink needs it (one row
     * for EXISTS, half for ANY/ALL, all for the rest), paying its startup again when correlated.
     */
    private double[] subplanCost(Expr.SubPlan sp) {
        PlanCosts.Estimate p = costs.of(sp.plan());
        double startup = 0, perCall = PlanCosts.exprCost(sp.testexpr());
        if (org.tusk.executor.SubPlanEvaluator.useHashTable(sp)) {
            startup += p.total() + PlanCosts.CPU_OPERATOR_COST * p.rows();
        } else {
            double run = p.total() - p.startup();
            switch (sp.kind()) {
                case EXISTS -> perCall += run / Math.max(1, Math.rint(p.rows()));
                case ANY, ALL -> perCall += 0.5 * run + 0.5 * p.rows() * PlanCosts.CPU_OPERATOR_COST;
                default -> perCall += run;
            }
            if (sp.parParams().isEmpty() && materializes(sp.plan())) startup += p.startup();
            else perCall += p.startup();
        }
        return new double[] {startup, perCall};
    }

    /** ExecMaterializesOutput: a node that keeps its whole output anyway. */
    private static boolean materializes(Plan p) {
        return p instanceof Plan.Sort || p instanceof Plan.CteScan || p instanceof Plan.WorkTableScan;
    }

    /** Whether an AlternativeSubPlan is reachable from {@code o} (plans, their expressions, sub-plans). */
    private boolean holdsAlternative(Object o) {
        if (o == null) return false;
        Boolean known = holds.get(o);
        if (known != null) return known;
        holds.put(o, false);   // a node reached again while being searched (none expected) holds nothing new
        boolean found = switch (o) {
            case Expr.AlternativeSubPlan a -> true;
            case Expr.SubPlan sp -> holdsAlternative(sp.plan()) || holdsAlternative(sp.testexpr())
                    || holdsAlternative(sp.args());
            case Expr e -> ExprTrees.any(e, x -> x instanceof Expr.AlternativeSubPlan
                    || x instanceof Expr.SubPlan sp && x != e && holdsAlternative(sp.plan()));
            case List<?> l -> l.stream().anyMatch(this::holdsAlternative);
            case Plan p -> components((Record) p);
            case Record r when r.getClass().getEnclosingClass() == Plan.class -> components(r);
            default -> false;
        };
        holds.put(o, found);
        return found;
    }

    private boolean components(Record r) {
        try {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                Object v = c.getAccessor().invoke(r);
                if (v instanceof Plan || v instanceof Expr || v instanceof List<?>
                        || v instanceof Record x && x.getClass().getEnclosingClass() == Plan.class) {
                    if (holdsAlternative(v)) return true;
                }
            }
            return false;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
