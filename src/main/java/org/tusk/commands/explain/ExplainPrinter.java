package org.tusk.commands.explain;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.tusk.executor.ExecContext;
import org.tusk.executor.Instrumentation;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;
import org.tusk.optimizer.Clauses;
import org.tusk.optimizer.PlanCosts;
import org.tusk.utils.adt.OutputSettings;
import org.tusk.utils.adt.Texts;

/**
 * ExplainPrintPlan and ExplainNode of explain.c: walks a plan tree and writes each node through
 * {@link ExplainOutput}: its name ("Seq Scan", "Hash Join", ...), its target ("on t", "using i on
 * t"), cost estimates from {@link PlanCosts}, with ANALYZE the node's {@link Instrumentation},
 * then its properties (quals, keys, sort method), InitPlans, child nodes and SubPlans.
 *
 * <p>Tusk's plan trees are drawn as PostgreSQL draws the equivalent plan: a projection or filter
 * the planner puts over a node without a FROM item of its own (a SubqueryScan without a range
 * table entry) is not shown, its filter shown on the node below; the inner side of a hash join
 * is drawn under a "Hash" node; the inner side an unparameterized nested loop keeps in memory
 * under a "Materialize"; INTERSECT/EXCEPT's inputs under an "Append" of "Subquery Scan on
 * "*SELECT* n"" nodes; a one-row INSERT VALUES as "Result". Such drawn-only nodes show the
 * estimates and run-time statistics of the node they stand over.
 *
 * <p>Each plan node type has one {@code describe} case building a {@link Node}: a new plan node
 * type needs a case in {@link #describe} (the switch over the sealed {@link Plan} does not
 * compile without it), its {@link #outputColumns} entry if it changes the tuple layout, and
 * PlanCosts' estimate.
 */
final class ExplainPrinter implements ExplainDeparser.Context {
    /** One drawn node: names, header target, properties, and children with their relationship. */
    private final class Node {
        String sname, pname, strategy, operation, joinType, partialMode;
        /** The text format's " on t" / " using i on t" / " Intersect" after the name. */
        String target = "";
        /** Non-text properties of the target (Relation Name, Alias, Index Name, ...), in order. */
        final Map<String, String> targetProps = new LinkedHashMap<>();
        /** Estimates and run-time statistics come from this plan node. */
        Plan source;
        /** The node's input tuple, for its quals. */
        List<ExplainColumn> input = List.of();
        /** The node's output (VERBOSE's Output line); null: none shown. */
        List<String> output;
        final List<Runnable> details = new ArrayList<>();
        final List<Object[]> children = new ArrayList<>();
        /** Quals by label, each conjunct with the columns it reads; printed as one AND (make_ands_explicit). */
        final Map<String, List<Object[]>> quals = new LinkedHashMap<>();
        /** Expressions whose SubPlans are listed under this node. */
        final List<Expr> exprs = new ArrayList<>();

        void child(Object node, String relationship) { children.add(new Object[] {node, relationship}); }
    }

    /** A node of the bitmap tree under a Bitmap Heap Scan (not a plan of its own in Tusk). */
    private record BitmapChild(Plan.BitmapQual qual, Plan.BitmapHeapScan parent) {}

    /** A node drawn over {@code child} that Tusk's plan does not have as a node of its own. */
    private record Drawn(String name, Plan child, String alias) {}

    private final ExplainOptions opts;
    private final ExplainOutput out;
    private final PlanCosts costs;
    private final ExecContext analyzed;
    private final ExplainDeparser deparser;
    private final java.util.function.IntFunction<String> functionSchema;
    private final java.util.function.IntFunction<String> namespaceName;
    /** list_length(es->rtable) > 1 in PostgreSQL; here: more than one FROM item scanned anywhere in the statement. */
    private boolean multipleRelations;
    private final Map<Expr.SubPlan, Integer> subPlanIds = new IdentityHashMap<>();
    private final Map<Expr.SubPlan, Integer> initPlanParams = new IdentityHashMap<>();
    /** The top node's InitPlans a drawn Material node over it shows instead (materialize_finished_plan). */
    private final List<Expr.SubPlan> initPlansMovedUp = new ArrayList<>();
    private final Map<Integer, Object[]> nestParams = new LinkedHashMap<>();
    /**
     * The SubPlan nesting at which a NestLoop sets each of its parameters (absent for a SubPlan's
     * arguments): find_param_referent matches a NestLoop ancestor only in_same_plan_level, so from
     * inside a SubPlan an outer loop's parameter prints as {@code $n}.
     */
    private final Map<Integer, Integer> nestParamDepth = new java.util.HashMap<>();
    /** How many SubPlans / InitPlans the node being explained is inside. */
    private int subPlanDepth;
    /** The WITH queries already listed (each under one node). */
    private final java.util.Set<Integer> ctesShown = new java.util.HashSet<>();
    /** The WITH queries listed under the top node: those of the top level and any whose level's node is not in the plan. */
    private final List<Integer> topCtes = new ArrayList<>();
    private Map<Plan, List<org.tusk.nodes.PlannedStmt.LevelCte>> levelCtes = Map.of();
    /** The WITH queries to list, by id: name and plan. */
    private final Map<Integer, org.tusk.nodes.PlannedStmt.LevelCte> cteInfo = new java.util.HashMap<>();
    private int nextPlanId = 1, nextInitParam;

    ExplainPrinter(ExplainOptions opts, ExplainOutput out, PlanCosts costs, ExecContext analyzed, OutputSettings settings) {
        this(opts, out, costs, analyzed, settings, oid -> null, oid -> null);
    }

    /**
     * {@code functionSchema}: get_namespace_name_or_temp(get_func_namespace(oid)), the schema a
     * function scan's function is qualified with under VERBOSE (null: unknown, printed unqualified);
     * {@code namespaceName}: get_namespace_name of a relation's namespace OID, the schema VERBOSE
     * qualifies a scanned relation with (null: unknown, the name as written is used).
     */
    ExplainPrinter(ExplainOptions opts, ExplainOutput out, PlanCosts costs, ExecContext analyzed, OutputSettings settings,
                   java.util.function.IntFunction<String> functionSchema, java.util.function.IntFunction<String> namespaceName) {
        this.functionSchema = functionSchema;
        this.namespaceName = namespaceName;
        this.opts = opts;
        this.out = out;
        this.costs = costs;
        this.analyzed = analyzed;
        this.deparser = new ExplainDeparser(this, settings);
    }

    /** ExplainPrintPlan: the whole tree, WITH queries listed under the top node. */
    void printPlan(Plan top) {
        printPlan(top, -1);
    }

    /**
     * The whole tree; {@code rangeTableSize} is the statement's flattened range table size
     * (-1: unknown). PostgreSQL qualifies column names when that range table has more than one
     * entry, which includes subqueries the planner pulled up and so left no node of their own;
     * the scans in the plan may say so too (an INSERT's VALUES list, inheritance children).
     */
    void printPlan(Plan top, int rangeTableSize) {
        printPlan(top, rangeTableSize, false);
    }

    /**
     * The same, with {@code materializeTop}: standard_planner puts a Material node over the plan
     * of a SCROLL cursor that cannot run backward (materialize_finished_plan), which takes over
     * the top node's InitPlans. Tusk's cursors keep their rows for scrolling themselves, so the
     * node is only drawn.
     */
    void printPlan(Plan top, int rangeTableSize, boolean materializeTop) {
        printPlan(top, rangeTableSize, materializeTop, Map.of());
    }

    /**
     * The same, with {@code levelCtes}: the plan node heading each query level that has WITH
     * queries, with those queries ({@link org.tusk.nodes.PlannedStmt#levelCtes}). A WITH query is
     * listed as "CTE name" under that node (its level's init_plans, SS_attach_initplans), even
     * when nothing scans it any more; one scanned whose node is not in the plan is listed under
     * the top node.
     */
    void printPlan(Plan top, int rangeTableSize, boolean materializeTop,
                   Map<Plan, List<org.tusk.nodes.PlannedStmt.LevelCte>> levelCtes) {
        this.levelCtes = levelCtes;
        collectCtes(top);
        java.util.Set<Plan> reachable = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        forEachPlan(top, reachable::add, new IdentityHashMap<>());
        for (var e : levelCtes.entrySet())
            if (reachable.contains(e.getKey())) for (var lc : e.getValue()) cteInfo.put(lc.cteId(), lc);
        for (var e : cteById.entrySet()) {
            if (cteInfo.containsKey(e.getKey())) continue;
            Plan.CteScan c = e.getValue();
            topCtes.add(e.getKey());
            cteInfo.put(e.getKey(), new org.tusk.nodes.PlannedStmt.LevelCte(e.getKey(),
                    c.rte() == null ? "cte" + e.getKey() : c.rte().cteName(), c.ctePlan()));
        }
        rtNames = RtableNames.forPlan(top);
        findProjectedSubqueryScans(top);
        multipleRelations = rangeTableSize > 1 || countRelations(top, new IdentityHashMap<>()) > 1;
        // find_param_referent looks through the whole plan: a node above a nested loop prints the
        // loop's parameters (in a column computed below it) as the outer expressions that set them
        forEachPlan(top, p -> {
            if (p instanceof Plan.NestLoop j)
                for (Plan.NestParam np : j.nestParams()) {
                    nestParams.putIfAbsent(np.paramId(), new Object[] {np.outerExpr(), outputColumns(j.outer())});
                    nestParamDepth.putIfAbsent(np.paramId(), 0);
                }
        }, new IdentityHashMap<>());
        if (!materializeTop) {
            explainNode(top, null, null);
            return;
        }
        List<Expr.SubPlan> sub = new ArrayList<>();
        for (Expr e : describe(visible(top)).exprs) collectSubPlans(e, initPlansMovedUp, sub);
        explainNode(new Drawn("Materialize", top, null), null, null);
    }

    // ------------------------------------------------------------------ ExplainNode

    /** The drawn node of {@code obj}, described once (the InitPlans of its level are gathered from it before it is drawn). */
    private Node nodeFor(Object obj) {
        Node memo = described.get(obj);
        if (memo != null) return memo;
        Node n = obj instanceof Drawn d ? drawn(d) : obj instanceof BitmapChild b ? describeBitmap(b) : describe(visible((Plan) obj));
        // the SubPlans of projections that are not drawn belong to the node drawn in their place
        for (Plan p = obj instanceof Plan q ? q : null; p instanceof Plan.SubqueryScan s && s.rte() == null && s.qual() == null;
             p = s.child())
            if (s.targetList() != null) n.exprs.addAll(s.targetList());
        // (a gating Result projects too: create_gating_plan gives it the path's target list)
        if (obj instanceof Plan.SubqueryScan s && s.rte() == null && s.qual() == null && s.targetList() != null
                && (projectsItself(n.sname) || n.source instanceof Plan.GatingResult)) {
            n.output = tlist(s.targetList(), outputColumns(s.child()), null);
            // the projection's SubPlans read their arguments from the same tuple
            if (n.input.isEmpty()) n.input = outputColumns(s.child());
        }
        described.put(obj, n);
        return n;
    }

    private final Map<Object, Node> described = new IdentityHashMap<>();

    /**
     * Whether the children of {@code obj} belong to its query level. PostgreSQL attaches a level's
     * InitPlans to the level's top plan node (SS_attach_initplans), whichever node's expression
     * reads them; a subquery scanned (Subquery Scan), an Append's members and a set operation's
     * inputs, a WITH query, a SubPlan and the source of a ModifyTable are taken as levels of their
     * own here (an Append's members and a ModifyTable's source may really share the level, where
     * the InitPlans then stay with the node that reads them).
     */
    private static boolean childrenShareLevel(Object obj) {
        if (obj instanceof Drawn d) return d.name().equals("Hash") || d.name().equals("Materialize");
        if (!(obj instanceof Plan p)) return false;
        return switch (visible(p)) {
            case Plan.Sort x -> true;
            case Plan.Limit x -> true;
            case Plan.Agg x -> true;
            case Plan.WindowAgg x -> true;
            case Plan.Result x -> true;
            case Plan.GatingResult x -> true;
            case Plan.Unique x -> true;
            case Plan.ProjectSet x -> true;
            case Plan.NestLoop x -> true;
            case Plan.HashJoin x -> true;
            case Plan.MergeJoin x -> true;
            case Plan.LockRows x -> true;
            case Plan.Memoize x -> true;
            default -> false;
        };
    }

    /** The InitPlans read by the nodes below {@code n} in its level, in tree order. */
    private void gatherLevelInitPlans(Object obj, Node n, List<Expr.SubPlan> init) {
        if (!childrenShareLevel(obj)) return;
        for (Object[] c : n.children) {
            Node cn = nodeFor(c[0]);
            List<Expr.SubPlan> sub = new ArrayList<>();
            for (Expr e : cn.exprs) collectSubPlans(e, init, sub);
            gatherLevelInitPlans(c[0], cn, init);
        }
    }

    private void explainNode(Object obj, String relationship, String planName) {
        explainNode(obj, relationship, planName, true);
    }

    /** {@code levelTop}: whether the node is the top of its query level, which shows the level's InitPlans. */
    private void explainNode(Object obj, String relationship, String planName, boolean levelTop) {
        Node n = nodeFor(obj);
        boolean root = relationship == null;
        List<Integer> ctes = ctesListedUnder(obj, root);
        int saveIndent = out.indent;
        out.openGroup("Plan", root ? "Plan" : null, true);
        if (out.isText()) {
            StringBuilder sb = out.text();
            if (planName != null) {
                out.indentText();
                sb.append(planName).append('\n');
                out.indent++;
            }
            if (out.indent > 0) {
                out.indentText();
                sb.append("->  ");
                out.indent += 2;
            }
            sb.append(n.pname).append(n.target);
            out.indent++;
        } else {
            out.propertyText("Node Type", n.sname);
            if (n.strategy != null) out.propertyText("Strategy", n.strategy);
            if (n.partialMode != null) out.propertyText("Partial Mode", n.partialMode);
            if (n.operation != null) out.propertyText("Operation", n.operation);
            if (relationship != null) out.propertyText("Parent Relationship", relationship);
            if (planName != null) out.propertyText("Subplan Name", planName);
            out.propertyBool("Parallel Aware", false);
            out.propertyBool("Async Capable", false);
            for (var e : n.targetProps.entrySet()) out.propertyText(e.getKey(), e.getValue());
            if (n.joinType != null) out.propertyText("Join Type", n.joinType);
        }
        PlanCosts.Estimate est = costs.of(n.source);
        if (obj instanceof Drawn d) est = drawnEstimate(d.name(), est);
        if (obj instanceof BitmapChild b) est = costs.bitmapNode(b.qual(), b.parent());
        if (opts.costs()) {
            if (out.isText()) {
                out.text().append(String.format(Locale.ROOT, "  (cost=%.2f..%.2f rows=%.0f width=%d)", est.startup(),
                        est.total(), est.rows(), est.width()));
            } else {
                out.propertyFloat("Startup Cost", null, est.startup(), 2);
                out.propertyFloat("Total Cost", null, est.total(), 2);
                out.propertyFloat("Plan Rows", null, est.rows(), 0);
                out.propertyInteger("Plan Width", null, est.width());
            }
        }
        Instrumentation instr = analyzed == null ? null : analyzed.instrumentation(n.source);
        if (obj instanceof BitmapChild b) instr = instr == null ? null : instr.bitmapNode(b.qual());
        if (opts.analyze()) actuals(instr);
        if (out.isText()) out.text().append('\n');
        // show_plan_tlist shows nothing for an empty target list
        if (opts.verbose() && n.output != null && !n.output.isEmpty()) out.propertyList("Output", n.output);
        for (Runnable r : n.details) r.run();
        if (opts.analyze() && instr != null && instr.sortMethod() != null) sortInfo(instr);
        if (opts.analyze() && instr != null && instr.hasMergeCounts()) mergeInfo(instr);

        // InitPlans (and WITH queries at the top), children, then SubPlans
        List<Expr.SubPlan> init = new ArrayList<>(), sub = new ArrayList<>();
        for (Expr e : n.exprs) collectSubPlans(e, init, sub);
        if (levelTop) {
            gatherLevelInitPlans(obj, n, init);
            // root->init_plans: in the order the planner made them
            init.sort(java.util.Comparator.comparingInt(Expr.SubPlan::planId));
        } else {
            init.clear();
        }
        if (root && obj instanceof Drawn) {
            for (Expr.SubPlan m : initPlansMovedUp) if (init.stream().noneMatch(sp -> sameSubPlan(sp, m))) init.add(m);
        } else init.removeIf(sp -> initPlansMovedUp.stream().anyMatch(m -> sameSubPlan(m, sp)));
        // find_param_referent: a SubPlan's parameters print as the expressions of this node that set them
        // (only where the argument is a column expression over this node's input, as resolved Vars say)
        for (Expr.SubPlan sp : sub)
            for (int i = 0; i < sp.parParams().size(); i++)
                if (overInput(sp.args().get(i), n.input) || sp.args().get(i) instanceof Expr.GroupingFunc)
                    nestParams.putIfAbsent(sp.parParams().get(i), new Object[] {sp.args().get(i), n.input});
        boolean hasChildren = !n.children.isEmpty() || !init.isEmpty() || !sub.isEmpty() || !ctes.isEmpty();
        if (hasChildren) out.openGroup("Plans", "Plans", false);
        for (int id : ctes) {
            org.tusk.nodes.PlannedStmt.LevelCte c = cteInfo.get(id);
            explainNode(c.plan(), "InitPlan", "CTE " + c.name());
        }
        for (Expr.SubPlan sp : init) {
            String label = subPlanName(sp).replace("SubPlan", "InitPlan") + " (returns " + initPlanOutput(sp) + ")";
            subPlanDepth++;
            explainNode(sp.plan(), "InitPlan", label);
            subPlanDepth--;
        }
        boolean shared = childrenShareLevel(obj);
        for (Object[] c : n.children) explainNode(c[0], (String) c[1], null, !shared);
        for (Expr.SubPlan sp : sub) {
            subPlanDepth++;
            explainNode(subPlanTop(sp), "SubPlan", sp.kind() == Expr.SubLinkType.MULTIEXPR
                    ? subPlanName(sp) + " (returns " + ExplainDeparser.multiExprParams(sp) + ")" : subPlanName(sp));
            subPlanDepth--;
        }
        if (hasChildren) out.closeGroup("Plans", "Plans", false);

        if (out.isText()) out.indent = saveIndent;
        out.closeGroup("Plan", root ? "Plan" : null, true);
    }

    /** The actual time/rows/loops part of a node's header (or "never executed"). */
    private void actuals(Instrumentation instr) {
        if (instr != null && instr.loops() > 0) {
            double loops = instr.loops(), rows = instr.tuples() / loops;
            if (out.isText()) {
                if (instr.timing())
                    out.text().append(String.format(Locale.ROOT, " (actual time=%.3f..%.3f rows=%.0f loops=%.0f)",
                            instr.startupMs(), instr.totalMs(), rows, loops));
                else
                    out.text().append(String.format(Locale.ROOT, " (actual rows=%.0f loops=%.0f)", rows, loops));
            } else {
                if (instr.timing()) {
                    out.propertyFloat("Actual Startup Time", null, instr.startupMs(), 3);
                    out.propertyFloat("Actual Total Time", null, instr.totalMs(), 3);
                }
                out.propertyFloat("Actual Rows", null, rows, 0);
                out.propertyFloat("Actual Loops", null, loops, 0);
            }
        } else if (out.isText()) {
            out.text().append(" (never executed)");
        } else {
            if (opts.timing()) {
                out.propertyFloat("Actual Startup Time", null, 0, 3);
                out.propertyFloat("Actual Total Time", null, 0, 3);
            }
            out.propertyFloat("Actual Rows", null, 0, 0);
            out.propertyFloat("Actual Loops", null, 0, 0);
        }
    }

    /**
     * show_modifytable_info's CMD_MERGE part: the join tuples split into those inserted, updated,
     * deleted and skipped (no action, DO NOTHING, or a trigger skipped the row).
     */
    private void mergeInfo(Instrumentation instr) {
        long total = instr.mergeSourceRows();
        long skipped = total - instr.mergeInserted() - instr.mergeUpdated() - instr.mergeDeleted();
        if (out.isText()) {
            if (total <= 0) return;
            out.indentText();
            StringBuilder b = out.text().append("Tuples:");
            if (instr.mergeInserted() > 0) b.append(" inserted=").append(instr.mergeInserted());
            if (instr.mergeUpdated() > 0) b.append(" updated=").append(instr.mergeUpdated());
            if (instr.mergeDeleted() > 0) b.append(" deleted=").append(instr.mergeDeleted());
            if (skipped > 0) b.append(" skipped=").append(skipped);
            b.append('\n');
        } else {
            out.propertyFloat("Tuples Inserted", null, instr.mergeInserted(), 0);
            out.propertyFloat("Tuples Updated", null, instr.mergeUpdated(), 0);
            out.propertyFloat("Tuples Deleted", null, instr.mergeDeleted(), 0);
            out.propertyFloat("Tuples Skipped", null, skipped, 0);
        }
    }

    /** show_sort_info. */
    private void sortInfo(Instrumentation instr) {
        String type = instr.sortOnDisk() ? "Disk" : "Memory";
        if (out.isText()) {
            out.indentText();
            out.text().append("Sort Method: ").append(instr.sortMethod()).append("  ").append(type).append(": ")
                    .append(instr.sortSpaceKb()).append("kB\n");
        } else {
            out.propertyText("Sort Method", instr.sortMethod());
            out.propertyInteger("Sort Space Used", "kB", instr.sortSpaceKb());
            out.propertyText("Sort Space Type", type);
        }
    }

    // ------------------------------------------------------------------ node descriptions

    /**
     * A projection straight over a Sort that computes volatile entries: what
     * make_sort_input_target leaves for after the sort (see optimizer.SortInputTarget).
     * PostgreSQL's Sort cannot project, so it is drawn as the Result that computes them. Other
     * projections over a Sort are not drawn (PostgreSQL computes those in the node above). So is
     * a projection computing expressions over a ProjectSet's calls (split_pathtarget_at_srfs'
     * extra level, see optimizer.SrfPlanner).
     */
    private static boolean projectsOverSort(Plan p) {
        return p instanceof Plan.SubqueryScan s && s.rte() == null && s.qual() == null && s.targetList() != null
                && (s.child() instanceof Plan.Sort && s.targetList().stream().anyMatch(Clauses::containsVolatileFunctions)
                    || Plan.computesOverProjectSet(s));
    }

    /** A projection/filter without a FROM item of its own is not drawn; its child is (see {@link #describe}). */
    private static Plan visible(Plan p) {
        while (true) {
            if (p instanceof Plan.SubqueryScan s && s.rte() == null && s.qual() == null && !projectsOverSort(s)) p = s.child();
            else if (p instanceof Plan.ModifyingCtes m) p = m.plan();   // its WITH queries are shown as CTEs
            else return p;
        }
    }

    /**
     * Whether PostgreSQL's node of this kind computes the target list of a projection Tusk puts
     * over it (create_projection_plan puts the tlist into any node that can project: joins and
     * scans of a work table or CTE), so that EXPLAIN shows the projection's expressions as the
     * node's Output.
     */
    private static boolean projectsItself(String drawnNode) {
        return switch (drawnNode) {
            case "Nested Loop", "Hash Join", "Merge Join", "WorkTable Scan", "CTE Scan", "Values Scan", "Subquery Scan",
                 "Function Scan" -> true;
            default -> false;
        };
    }

    /** The nodes of a bitmap tree: Bitmap Index Scan with its Index Cond, BitmapAnd and BitmapOr with their children. */
    private Node describeBitmap(BitmapChild b) {
        Plan.BitmapHeapScan parent = b.parent();
        return switch (b.qual()) {
            case Plan.BitmapIndexScan s -> {
                Node n = node(parent, "Bitmap Index Scan");
                String index = s.index().name();
                if (out.isText()) n.target = " on " + Texts.quoteIdentifier(index);
                n.targetProps.put("Index Name", index);
                n.input = tableColumns(parent.rte());
                List<Expr> conds = new ArrayList<>();
                for (Plan.IndexQual q : s.indexQuals()) conds.add(q.clause());
                qual(n, "Index Cond", and(conds), scanPrefix(false));
                yield n;
            }
            case Plan.BitmapAnd a -> {
                Node n = node(parent, "BitmapAnd");
                for (Plan.BitmapQual c : a.children()) n.child(new BitmapChild(c, parent), "Member");
                yield n;
            }
            case Plan.BitmapOr o -> {
                Node n = node(parent, "BitmapOr");
                for (Plan.BitmapQual c : o.children()) n.child(new BitmapChild(c, parent), "Member");
                yield n;
            }
        };
    }

    private Node node(Plan source, String name) {
        Node n = new Node();
        n.sname = name;
        n.pname = name;
        n.source = source;
        return n;
    }

    private Node describe(Plan p) {
        Node n = describeNode(p);
        Plan.ModifyTable update = updateSources.get(p);
        if (update != null) updateSourceOutput(n, update);
        Plan.ModifyTable gated = gatedUpdateScans.get(p);
        if (gated != null) gatedScanOutput(n, gated);
        return n;
    }

    private Node describeNode(Plan p) {
        return switch (p) {
            case Plan.ModifyingCtes m -> describe(m.plan());
            case Plan.SeqScan s -> {
                Node n = node(p, "Seq Scan");
                scanTarget(n, s.rte().relname(), schema(s.rte()), rtNames.of(s.rte()));
                n.input = tableColumns(s.rte());
                n.output = tlist(s.targetList(), n.input, outputColumns(p));
                qual(n, "Filter", s.qual(), scanPrefix(false));
                if (s.targetList() != null) n.exprs.addAll(s.targetList());
                yield n;
            }
            case Plan.IndexScan s -> {
                Node n = node(p, s.indexOnly() ? "Index Only Scan" : "Index Scan");
                String index = s.index().name();
                if (out.isText()) n.target = (s.backward() ? " Backward" : "") + " using " + Texts.quoteIdentifier(index);
                n.targetProps.put("Scan Direction", s.backward() ? "Backward" : "Forward");
                n.targetProps.put("Index Name", index);
                scanTarget(n, s.rte().relname(), schema(s.rte()), rtNames.of(s.rte()));
                n.input = tableColumns(s.rte());
                n.output = tlist(s.targetList(), n.input, s.indexOnly() && s.targetList() == null
                        ? indexTargetList(s, n.input, outputColumns(p)) : outputColumns(p));
                List<Expr> conds = new ArrayList<>();
                for (Plan.IndexQual q : s.indexQuals()) conds.add(q.clause());
                qual(n, "Index Cond", and(conds), scanPrefix(false));
                List<Expr> orderBys = new ArrayList<>();
                for (Plan.IndexQual q : s.orderBys()) orderBys.add(q.clause());
                if (!orderBys.isEmpty()) qual(n, "Order By", and(orderBys), scanPrefix(false));
                qual(n, "Filter", s.qual(), scanPrefix(false));
                if (s.indexOnly() && opts.analyze()) n.details.add(() -> {
                    Instrumentation instr = analyzed == null ? null : analyzed.instrumentation(p);
                    out.propertyInteger("Heap Fetches", null, instr == null ? 0 : instr.heapFetches());
                });
                if (s.targetList() != null) n.exprs.addAll(s.targetList());
                yield n;
            }
            case Plan.BitmapHeapScan s -> {
                Node n = node(p, "Bitmap Heap Scan");
                scanTarget(n, s.rte().relname(), schema(s.rte()), rtNames.of(s.rte()));
                n.input = tableColumns(s.rte());
                n.output = tlist(s.targetList(), n.input, outputColumns(p));
                qual(n, "Recheck Cond", s.recheck(), scanPrefix(false));
                qual(n, "Filter", s.qual(), scanPrefix(false));
                if (opts.analyze()) n.details.add(() -> {
                    Instrumentation instr = analyzed == null ? null : analyzed.instrumentation(p);
                    long exact = instr == null ? 0 : instr.exactHeapBlocks();
                    if (out.isText()) {
                        if (exact > 0) out.propertyText("Heap Blocks", "exact=" + exact);
                    } else {
                        out.propertyInteger("Exact Heap Blocks", null, exact);
                        out.propertyInteger("Lossy Heap Blocks", null, 0);
                    }
                });
                n.child(new BitmapChild(s.bitmap(), s), "Outer");
                if (s.targetList() != null) n.exprs.addAll(s.targetList());
                yield n;
            }
            case Plan.Result r -> {
                Node n = node(p, "Result");
                n.output = tlist(r.targetList(), List.of(), null);
                qual(n, "One-Time Filter", r.qual(), upperPrefix());
                n.exprs.addAll(r.targetList());
                yield n;
            }
            case Plan.ValuesScan v -> {
                Node n = node(p, "Values Scan");
                scanTarget(n, "*VALUES*", null, "*VALUES*");
                for (List<Expr> row : v.rows()) n.exprs.addAll(row);
                n.output = names(outputColumns(p));
                yield n;
            }
            case Plan.ModifyTable m -> modifyTable(m);
            case Plan.Agg a -> agg(a);
            case Plan.SubqueryScan s -> subqueryScan(s);
            case Plan.NestLoop j -> {
                Node n = join(p, "Nested Loop", j.type(), j.outer(), j.inner());
                innerUnique(n, j.innerUnique());
                qual(n, "Join Filter", j.joinQual(), upperPrefix());
                qual(n, "Filter", j.otherQual(), upperPrefix());
                for (Plan.NestParam np : j.nestParams()) {
                    nestParams.put(np.paramId(), new Object[] {np.outerExpr(), outputColumns(j.outer())});
                    nestParamDepth.put(np.paramId(), subPlanDepth);
                }
                n.child(j.outer(), "Outer");
                n.child(j.materializeInner() ? new Drawn("Materialize", j.inner(), null) : j.inner(), "Inner");
                yield n;
            }
            case Plan.HashJoin j -> {
                Node n = join(p, "Hash", j.type(), j.outer(), j.inner());
                innerUnique(n, j.innerUnique());
                List<ExplainColumn> oc = outputColumns(j.outer()), ic = outputColumns(j.inner());
                List<String> conds = new ArrayList<>();
                for (int k = 0; k < j.outerKeys().size(); k++)
                    conds.add("(" + deparser.deparse(j.outerKeys().get(k), oc, upperPrefix()) + " = "
                            + deparser.deparse(j.innerKeys().get(k), ic, upperPrefix()) + ")");
                n.details.add(() -> out.propertyText("Hash Cond", conds.size() == 1 ? conds.get(0) : "(" + String.join(" AND ", conds) + ")"));
                n.exprs.addAll(j.outerKeys());
                n.exprs.addAll(j.innerKeys());
                qual(n, "Join Filter", j.joinQual(), upperPrefix());
                qual(n, "Filter", j.otherQual(), upperPrefix());
                n.child(j.outer(), "Outer");
                n.child(new Drawn("Hash", j.inner(), null), "Inner");
                yield n;
            }
            case Plan.MergeJoin j -> {
                Node n = join(p, "Merge", j.type(), j.outer(), j.inner());
                innerUnique(n, j.innerUnique());
                List<ExplainColumn> oc = outputColumns(j.outer()), ic = outputColumns(j.inner());
                List<String> conds = new ArrayList<>();
                for (int k = 0; k < j.outerKeys().size(); k++) {
                    Expr.Var ov = column(j.outerKeys().get(k)), iv = column(j.innerKeys().get(k));
                    conds.add("(" + deparser.deparse(ov, oc, upperPrefix()) + " = " + deparser.deparse(iv, ic, upperPrefix()) + ")");
                }
                if (!conds.isEmpty())
                    n.details.add(() -> out.propertyText("Merge Cond", conds.size() == 1 ? conds.get(0) : "(" + String.join(" AND ", conds) + ")"));
                qual(n, "Join Filter", j.joinQual(), upperPrefix());
                qual(n, "Filter", j.otherQual(), upperPrefix());
                n.child(j.outer(), "Outer");
                // an inner side that cannot mark and restore is read through a Materialize (create_mergejoin_plan)
                n.child(j.materializeInner() ? new Drawn("Materialize", j.inner(), null) : j.inner(), "Inner");
                yield n;
            }
            case Plan.Unique u -> {
                Node n = node(p, "Unique");
                n.output = names(outputColumns(p));
                n.child(u.child(), "Outer");
                yield n;
            }
            case Plan.FunctionScan f -> {
                Node n = node(p, "Function Scan");
                functionTarget(n, f.functions(), rtNames.of(f.rte()));
                n.input = namedColumns(f.rte());
                n.output = names(n.input);
                qual(n, "Filter", f.qual(), scanPrefix(false));
                yield n;
            }
            case Plan.ProjectSet ps -> {
                Node n = node(p, "ProjectSet");
                // its own target list, each entry printed as itself over the input
                if (opts.verbose()) {
                    n.output = new ArrayList<>();
                    for (ExplainColumn c : outputColumns(p))
                        n.output.add(c instanceof ExplainColumn.Computed cc
                                ? deparser.deparse(cc.expr(), cc.input(), multipleRelations)
                                : deparser.deparse(column(n.output.size()), outputColumns(p), multipleRelations));
                }
                n.child(ps.child(), "Outer");
                yield n;
            }
            case Plan.LockRows r -> {
                // nodeLockRows: its output is its input's (the row addresses it locks are resjunk)
                Node n = node(p, "LockRows");
                // the target list, then each locked table's row address (preprocess_rowmarks' resjunk
                // ctid, and tableoid for a table with children); the rest of the raw tuple is Tusk's
                List<ExplainColumn> all = outputColumns(p), shown = new ArrayList<>(all.subList(0, Math.min(r.rawOffset(), all.size())));
                for (Plan.PlanRowMark m : r.rowMarks()) {
                    int tid = r.rawOffset() + m.columnOffset() + m.rte().columns().size();
                    if (tid < all.size()) shown.add(all.get(tid));
                    if (m.isParent() && tid + 5 < all.size()) shown.add(all.get(tid + 5));
                }
                n.output = names(shown);
                n.child(r.child(), "Outer");
                yield n;
            }
            case Plan.WindowAgg w -> {
                Node n = node(p, "WindowAgg");
                List<ExplainColumn> outCols = outputColumns(p);
                n.output = names(outCols);
                qual(n, "Filter", w.qual(), upperPrefix(), outCols);
                // runConditionOrig: the window functions shown in place of the columns holding their values
                qual(n, "Run Condition", windowFuncsInline(w, w.runCondition()), upperPrefix(), outputColumns(w.child()));
                n.child(w.child(), "Outer");
                yield n;
            }
            case Plan.Append a when isModifyAppend(a) -> modifyAppend(a);
            case Plan.Append a -> {
                Node n = node(p, "Append");
                for (Plan c : a.children()) n.child(c, "Member");
                yield n;
            }
            case Plan.MergeAppend a -> {
                Node n = node(p, "Merge Append");
                List<ExplainColumn> in = outputColumns(p);
                List<String> keys = new ArrayList<>();
                for (Plan.SortKey k : a.keys()) keys.add(sortKey(in, k));
                n.output = names(in);
                n.details.add(() -> out.propertyList("Sort Key", keys));
                for (Plan c : a.children()) n.child(c, "Member");
                yield n;
            }
            case Plan.SetOp o -> {
                Node n = node(p, "SetOp");
                n.pname = "HashSetOp";
                n.strategy = "Hashed";
                String cmd = switch (o.op()) {
                    case INTERSECT -> o.all() ? "Intersect All" : "Intersect";
                    case EXCEPT -> o.all() ? "Except All" : "Except";
                    case UNION -> o.all() ? "Union All" : "Union";
                };
                if (out.isText()) n.target = " " + cmd; else n.details.add(() -> out.propertyText("Command", cmd));
                n.output = names(outputColumns(p));
                n.child(new Drawn("Append", o.left(), null), "Outer");
                setOpInputs = new Plan[] {o.left(), o.right()};
                yield n;
            }
            case Plan.CteScan c -> {
                Node n = node(p, "CTE Scan");
                String name = c.rte() == null ? "cte" + c.cteId() : c.rte().cteName();
                scanTarget(n, name, null, c.rte() == null ? name : rtNames.of(c.rte()));
                n.targetProps.remove("Relation Name");
                n.targetProps.put("CTE Name", name);
                n.targetProps.put("Alias", c.rte() == null ? name : rtNames.of(c.rte()));
                n.output = names(outputColumns(p));
                yield n;
            }
            case Plan.WorkTableScan w -> {
                Node n = node(p, "WorkTable Scan");
                String name = w.rte().cteName();
                scanTarget(n, name, null, rtNames.of(w.rte()));
                n.output = names(outputColumns(p));
                n.targetProps.remove("Relation Name");
                n.targetProps.put("CTE Name", name);
                yield n;
            }
            case Plan.RecursiveUnion r -> {
                Node n = node(p, "Recursive Union");
                n.child(r.nonRecursive(), "Outer");
                n.child(r.recursive(), "Inner");
                yield n;
            }
            case Plan.Sort s -> {
                Node n = node(p, s.presorted() > 0 ? "Incremental Sort" : "Sort");
                List<ExplainColumn> in = outputColumns(s.child());
                List<String> keys = new ArrayList<>();
                for (Plan.SortKey k : s.keys()) keys.add(sortKey(in, k));
                n.output = names(outputColumns(p));
                n.details.add(() -> out.propertyList("Sort Key", keys));
                // show_incremental_sort_keys: the leading keys the input is already ordered on
                if (s.presorted() > 0) n.details.add(() -> out.propertyList("Presorted Key", keys.subList(0, s.presorted())));
                n.child(s.child(), "Outer");
                yield n;
            }
            case Plan.Memoize m -> memoize(p, m);
            case Plan.GatingResult g -> {
                Node n = node(p, "Result");
                n.output = names(outputColumns(p));
                qual(n, "One-Time Filter", g.qual(), upperPrefix());
                n.child(g.child(), "Outer");
                yield n;
            }
            case Plan.Limit l -> {
                Node n = node(p, "Limit");
                n.output = names(outputColumns(p));
                if (l.offset() != null) n.exprs.add(l.offset());
                if (l.count() != null) n.exprs.add(l.count());
                n.child(l.child(), "Outer");
                yield n;
            }
        };
    }

    /** show_memoize_info: the cache keys (the outer expressions the loop's parameters come from), the mode, and under ANALYZE the cache's use. */
    private Node memoize(Plan p, Plan.Memoize m) {
        Node n = node(p, "Memoize");
        n.output = names(outputColumns(p));
        n.exprs.addAll(m.keys());
        List<ExplainColumn> in = outputColumns(m.child());
        boolean prefix = upperPrefix();
        n.details.add(() -> {
            List<String> keys = new ArrayList<>();
            for (Expr k : m.keys()) keys.add(deparser.deparse(k, in, prefix));
            out.propertyText("Cache Key", String.join(", ", keys));
            out.propertyText("Cache Mode", m.binaryMode() ? "binary" : "logical");
            Instrumentation instr = analyzed == null ? null : analyzed.instrumentation(p);
            if (!opts.analyze() || instr == null || instr.memoizeMisses() == 0) return;
            if (out.isText()) {
                out.indentText();
                out.text().append(String.format(Locale.ROOT, "Hits: %d  Misses: %d  Evictions: %d  Overflows: %d  Memory Usage: %dkB\n",
                        instr.memoizeHits(), instr.memoizeMisses(), instr.memoizeEvictions(), instr.memoizeOverflows(),
                        instr.memoizePeakKb()));
            } else {
                out.propertyInteger("Cache Hits", null, instr.memoizeHits());
                out.propertyInteger("Cache Misses", null, instr.memoizeMisses());
                out.propertyInteger("Cache Evictions", null, instr.memoizeEvictions());
                out.propertyInteger("Cache Overflows", null, instr.memoizeOverflows());
                out.propertyInteger("Peak Memory Usage", "kB", instr.memoizePeakKb());
            }
        });
        n.child(m.child(), "Outer");
        return n;
    }

    /** The statement-wide unique names of the range table entries the plan scans (set_rtable_names). */
    private RtableNames rtNames = RtableNames.forPlan(null);

    /** INTERSECT/EXCEPT inputs being drawn under their Append. */
    private Plan[] setOpInputs;

    /** cost_material and the Hash node's cost (all of it before the first row) for drawn nodes. */
    private static PlanCosts.Estimate drawnEstimate(String name, PlanCosts.Estimate child) {
        return switch (name) {
            case "Hash" -> new PlanCosts.Estimate(child.total(), child.total(), child.rows(), child.width());
            case "Materialize" -> new PlanCosts.Estimate(child.startup(), child.total() + 2 * 0.0025 * child.rows(), child.rows(),
                    child.width());
            default -> child;
        };
    }

    /** The nodes PostgreSQL's plan would have where Tusk's has none. */
    private Node drawn(Drawn d) {
        Node n = node(d.child(), d.name());
        switch (d.name()) {
            case "Hash", "Materialize" -> {
                n.output = names(outputColumns(d.child()));
                n.child(d.child(), "Outer");
            }
            case "Append" -> {
                Plan[] inputs = setOpInputs;
                for (int i = 0; i < inputs.length; i++) n.child(new Drawn("Subquery Scan", inputs[i], "*SELECT* " + (i + 1)), "Member");
            }
            case "Subquery Scan" -> {
                scanTarget(n, d.alias(), null, d.alias());
                n.targetProps.remove("Relation Name");
                n.child(d.child(), "Subquery");
            }
            default -> throw new IllegalStateException("no drawn node " + d.name());
        }
        return n;
    }

    /**
     * build_subplan's Material node: the rows of an uncorrelated ANY/ALL SubPlan that is not
     * hashed are read once and kept (the executor keeps them per statement), which PostgreSQL
     * draws as a Materialize unless the top node stores its rows anyway (ExecMaterializesOutput).
     */
    private Object subPlanTop(Expr.SubPlan sp) {
        boolean quantified = sp.kind() == Expr.SubLinkType.ANY || sp.kind() == Expr.SubLinkType.ALL;
        if (!quantified || sp.correlated() || org.tusk.executor.SubPlanEvaluator.useHashTable(sp)) return sp.plan();
        Plan v = visible(sp.plan());
        boolean stores = v instanceof Plan.Sort || v instanceof Plan.CteScan || v instanceof Plan.WorkTableScan
                || v instanceof Plan.FunctionScan
                || v instanceof Plan.SubqueryScan s && s.rte() != null && s.rte().kind() == Query.RteKind.FUNCTION;
        return stores ? sp.plan() : new Drawn("Materialize", sp.plan(), null);
    }

    /** Whether {@code e} reads at least one column and only columns of {@code input} (Vars indexing it: resolved, or a scan's range table index). */
    private static boolean overInput(Expr e, List<ExplainColumn> input) {
        boolean[] bad = {false}, some = {false};
        ExprTrees.any(e, x -> {
            if (x instanceof Expr.Var v) {
                some[0] = true;
                if (v.levelsup() != 0 || v.attno() < 1 || v.attno() > input.size()) bad[0] = true;
            } else if (x instanceof Expr.ExecParam || x instanceof Expr.SubPlan || x instanceof Expr.Aggref) {
                bad[0] = true;
            }
            return false;
        });
        return some[0] && !bad[0];
    }

    private Node join(Plan p, String name, Query.JoinType type, Plan outer, Plan inner) {
        Node n = node(p, name + " Join");
        n.pname = name;
        String jt = switch (type) {
            case INNER -> "Inner";
            case LEFT -> "Left";
            case RIGHT -> "Right";
            case FULL -> "Full";
            case SEMI -> "Semi";
            case ANTI -> "Anti";
        };
        n.joinType = jt;
        if (out.isText()) {
            if (type != Query.JoinType.INNER) n.target = " " + jt + " Join";
            else if (!name.equals("Nested Loop")) n.target = " Join";
        }
        if (name.equals("Nested Loop")) n.sname = "Nested Loop";
        n.input = concat(outputColumns(outer), outputColumns(inner));
        n.output = names(n.input);
        return n;
    }

    private Node agg(Plan.Agg a) {
        Node n = node(a, "Aggregate");
        switch (a.strategy()) {
            case PLAIN -> { n.pname = "Aggregate"; n.strategy = "Plain"; }
            case SORTED -> { n.pname = "GroupAggregate"; n.strategy = "Sorted"; }
            case HASHED -> { n.pname = "HashAggregate"; n.strategy = "Hashed"; }
            case MIXED -> { n.pname = "MixedAggregate"; n.strategy = "Mixed"; }
        }
        n.partialMode = "Simple";
        List<ExplainColumn> in = outputColumns(a.child());
        List<ExplainColumn> withGrouping = aggInput(a);
        n.input = withGrouping;
        // an aggregate call whose arguments hold a sub-select shows the planned call (its SubPlan
        // or InitPlan output), which the node computes as one of its aggregates
        n.output = tlist(shownTargetList(a), withGrouping, null);
        // parseCheckAggregates: one grouping set that is not empty is a plain GROUP BY (the parser
        // drops the set), here planned as one phase for its GROUPING() calls: shown as plain keys
        boolean oneSet = a.phases().size() == 1 && a.phases().get(0).setLengths().size() == 1
                && a.phases().get(0).setLengths().get(0) > 0;
        if (!a.phases().isEmpty() && !oneSet) {
            boolean prefix = upperPrefix();
            n.details.add(() -> groupingSets(a, in, prefix));
        } else if (!a.groupKeys().isEmpty()) {
            List<String> keys = new ArrayList<>();
            for (Expr k : a.groupKeys())
                keys.add(a.child() instanceof Plan.Sort ? deparseKey(k, in, upperPrefix()) : deparseGroupKey(k, in, upperPrefix()));
            n.details.add(() -> out.propertyList("Group Key", keys));
        }
        Expr having = groupingCallsShown(a, a.havingQual());
        qual(n, "Filter", having, upperPrefix());
        // (the GROUPING() calls as written: a SubPlan passed one as its parameter prints it, and
        // an InitPlan in a call's argument is one of the level's, though never run)
        for (Expr e : a.targetList()) n.exprs.add(groupingCallsShown(a, e));
        if (having != null) n.exprs.add(having);
        for (Expr.Aggref r : a.aggs()) n.exprs.add(r);
        n.child(a.child(), "Outer");
        return n;
    }

    /**
     * The columns an Agg's target list reads: its input's, then the GROUPING() values the node
     * appends to each group's row, which read as the calls themselves.
     */
    private List<ExplainColumn> aggInput(Plan.Agg a) {
        List<ExplainColumn> in = outputColumns(a.child());
        List<ExplainColumn> withGrouping = new ArrayList<>(in);
        for (int j = 0; j < a.groupingFuncs().size(); j++) {
            if (j < a.groupingShown().size()) {
                withGrouping.add(new ExplainColumn.Computed(a.groupingShown().get(j), in));
                continue;
            }
            List<Expr> args = new ArrayList<>();
            for (int c : a.groupingFuncs().get(j)) args.add(column(c));
            withGrouping.add(new ExplainColumn.Computed(new Expr.GroupingFunc(List.copyOf(args), List.of(), -1), in));
        }
        return withGrouping;
    }

    /**
     * {@code e} of the Agg with each column holding a GROUPING() value replaced by the call
     * itself: the node computes it (nodeAgg.c evaluates the GroupingFunc in its own target list
     * and qual), so EXPLAIN prints the call there, not a reference to a lower column.
     */
    private static Expr groupingCallsShown(Plan.Agg a, Expr e) {
        if (e == null || a.groupingShown().isEmpty()) return e;
        int w = a.child().width();
        return ExprTrees.map(e, x -> x instanceof Expr.Var v && v.varno() == Expr.Var.RESOLVED && v.levelsup() == 0
                && v.attno() > w && v.attno() <= w + a.groupingShown().size() ? a.groupingShown().get(v.attno() - w - 1) : null);
    }

    /**
     * show_grouping_sets / show_grouping_set_keys: per phase (rollup) its sets, largest first,
     * as "Group Key" lines ("()" for the empty set), or one "Hash Key" line for a hashed phase;
     * every sorted phase after the first sorts its input again, shown as its "Sort Key" with
     * the sets indented under it (the first sorted phase's sort is the Sort node below).
     */
    private void groupingSets(Plan.Agg a, List<ExplainColumn> in, boolean prefix) {
        out.openGroup("Grouping Sets", "Grouping Sets", false);
        boolean firstSorted = true;
        for (Plan.GroupingSetPhase phase : a.phases()) {
            List<String> cols = new ArrayList<>();
            // a key computed below is shown as its expression (get_tle_by_resno on the child's
            // target list), not as a reference to it; a Sort below only passes the column
            // through, so there the key prints as a reference to it, in parentheses (a constant
            // stays itself: set_dummy_tlist_references does not replace Consts)
            for (int c : phase.sortColumns())
                cols.add(a.child() instanceof Plan.Sort
                        && !(in.get(c) instanceof ExplainColumn.Computed x && x.expr() instanceof Expr.Const)
                        ? deparseKey(column(c), in, prefix)
                        : in.get(c) instanceof ExplainColumn.Computed x ? deparser.deparse(x.expr(), x.input(), prefix)
                        : deparseColumn(in, c, prefix));
            String keyName = phase.hashed() ? "Hash Key" : "Group Key";
            String keySetName = phase.hashed() ? "Hash Keys" : "Group Keys";
            boolean sortShown = !phase.hashed() && !firstSorted;
            if (!phase.hashed()) firstSorted = false;
            out.openGroup("Grouping Set", null, true);
            if (sortShown) {
                out.propertyList("Sort Key", cols);
                if (out.isText()) out.indent++;
            }
            out.openGroup(keySetName, keySetName, false);
            for (int len : phase.setLengths()) {
                if (len == 0 && out.isText()) out.propertyText(keyName, "()");
                else out.propertyListNested(keyName, cols.subList(0, len));
            }
            out.closeGroup(keySetName, keySetName, false);
            if (sortShown && out.isText()) out.indent--;
            out.closeGroup("Grouping Set", null, true);
        }
        out.closeGroup("Grouping Sets", "Grouping Sets", false);
    }

    private Node modifyTable(Plan.ModifyTable m) {
        String op = switch (m.operation()) {
            case INSERT -> "Insert";
            case UPDATE -> "Update";
            case DELETE -> "Delete";
            case MERGE -> "Merge";
            default -> "Modify";
        };
        Node n = node(m, "ModifyTable");
        n.pname = op;
        n.operation = op;
        Query.RangeTblEntry t = m.target();
        scanTarget(n, t.relname(), schema(t), rtNames.of(t));
        n.input = tableColumns(t);
        if (!m.returning().isEmpty()) n.output = tlist(m.returning(), n.input, null);
        Plan src0 = m.source();
        // a gating Result over the scan (create_gating_plan) computes them in its place, the scan
        // below it emitting only the columns they read
        Plan scan0 = src0 instanceof Plan.GatingResult g ? g.child() : src0;
        if (m.operation() == Query.CommandType.UPDATE && m.newRow() != null && isPlainScanOf(scan0, t)) {
            // the scan computes the new values, and their SubPlans are drawn there; InitPlans stay at the top
            updateSources.put(src0, m);
            if (scan0 != src0) gatedUpdateScans.put(scan0, m);
            n.exprs.addAll(subPlansOf(m.newRow(), true));
        } else if (m.newRow() != null) {
            n.exprs.addAll(m.newRow());
        }
        n.exprs.addAll(mergeExpressions(m));   // the SubPlans of MERGE's WHEN conditions and actions
        if (m.onConflict() != null) onConflict(n, m.onConflict(), t);
        Plan src = m.source();
        if (src instanceof Plan.ValuesScan v && v.rows().size() == 1) {
            n.child(new Plan.Result(v.rows().get(0), null, true), "Outer");
        } else {
            n.child(src, "Outer");
        }
        return n;
    }

    /** Whether {@code a} is Tusk's plan of an UPDATE or DELETE of a table with children: one ModifyTable per table. */
    static boolean isModifyAppend(Plan.Append a) {
        if (a.children().isEmpty()) return false;
        for (Plan c : a.children()) {
            if (!(c instanceof Plan.ModifyTable m) || m.operation() == Query.CommandType.INSERT
                    || m.operation() == Query.CommandType.MERGE) return false;
        }
        return true;
    }

    /**
     * An UPDATE or DELETE of a table with children as PostgreSQL draws its one ModifyTable
     * (show_modifytable_info): the named table, then one "Update on child alias_N" line per table
     * changed, over the Append of their scans (just the scan when there is one).
     */
    private Node modifyAppend(Plan.Append a) {
        Plan.ModifyTable first = (Plan.ModifyTable) a.children().get(0);
        String op = first.operation() == Query.CommandType.UPDATE ? "Update" : "Delete";
        Node n = node(a, "ModifyTable");
        n.pname = op;
        n.operation = op;
        org.tusk.utils.cache.Relation root = first.rootRelation() != null ? first.rootRelation() : first.target().table();
        String rootSchema = root == null ? schema(first.target()) : root.persistence() == 't' ? "pg_temp"
                : root.namespace() == 2200 ? "public" : root.namespace() == 11 ? "pg_catalog"
                : java.util.Objects.requireNonNullElseGet(namespaceName.apply(root.namespace()), () -> schema(first.target()));
        scanTarget(n, root == null ? first.target().relname() : root.name(), rootSchema, rtNames.rootOf(a));
        n.input = tableColumns(first.target());
        if (!first.returning().isEmpty()) n.output = tlist(first.returning(), n.input, null);
        List<Plan> sources = new ArrayList<>();
        for (Plan c : a.children()) {
            Plan.ModifyTable m = (Plan.ModifyTable) c;
            Query.RangeTblEntry t = m.target();
            String schema = schema(t);
            String alias = rtNames.of(t);
            if (out.isText()) n.details.add(() -> {
                out.indentText();
                out.text().append(op).append(" on ");
                if (opts.verbose() && schema != null) out.text().append(Texts.quoteIdentifier(schema)).append('.');
                out.text().append(Texts.quoteIdentifier(t.relname()));
                if (alias != null && !alias.equals(t.relname())) out.text().append(' ').append(Texts.quoteIdentifier(alias));
                out.text().append('\n');
            });
            inheritedTargets.add(m);
            if (m.operation() == Query.CommandType.UPDATE && m.newRow() != null && isPlainScanOf(m.source(), t)) {
                updateSources.put(m.source(), m);
                n.exprs.addAll(subPlansOf(m.newRow(), true));
            } else if (m.newRow() != null) {
                n.exprs.addAll(m.newRow());
            }
            sources.add(m.source());
        }
        n.child(sources.size() == 1 ? sources.get(0) : new Plan.Append(List.copyOf(sources), sources.get(0).width()), "Outer");
        return n;
    }

    /** The scans an UPDATE reads its rows from directly, and the UPDATE, whose SET list they are shown computing. */
    private final Map<Plan, Plan.ModifyTable> updateSources = new IdentityHashMap<>();
    /** The ModifyTables of one table each of an UPDATE/DELETE of a table with children. */
    private final java.util.Set<Plan.ModifyTable> inheritedTargets = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    /** The scans under an UPDATE's gating Result, and the UPDATE. */
    private final Map<Plan, Plan.ModifyTable> gatedUpdateScans = new IdentityHashMap<>();

    /**
     * The scan under an UPDATE's gating Result: it emits the columns the new values read (in
     * column order, as use_physical_tlist is not taken below a projecting Result) and the ctid.
     */
    private void gatedScanOutput(Node n, Plan.ModifyTable m) {
        int natts = m.target().columns().size();
        java.util.TreeSet<Integer> read = new java.util.TreeSet<>();
        for (int i = 0; i < m.newRow().size(); i++) {
            Expr e = m.newRow().get(i);
            if (e instanceof Expr.Var v && v.attno() == i + 1 && v.levelsup() == 0) continue;
            ExprTrees.any(e, x -> {
                if (x instanceof Expr.Var v && v.levelsup() == 0 && v.attno() >= 1 && v.attno() <= natts) read.add(v.attno());
                return false;
            });
        }
        List<Expr> out = new ArrayList<>();
        for (int a : read) {
            var c = m.target().columns().get(a - 1);
            out.add(new Expr.Var(Expr.Var.RESOLVED, a, c.typeOid(), c.typmod(), c.name(), -1));
        }
        out.add(new Expr.Var(Expr.Var.RESOLVED, natts + 1, 27 /* tid */, -1, "ctid", -1));
        n.output = tlist(out, n.input, null);
    }

    private static boolean isPlainScanOf(Plan p, Query.RangeTblEntry t) {
        return switch (p) {
            case Plan.SeqScan s -> s.targetList() == null && s.rte() == t;
            case Plan.IndexScan s -> s.targetList() == null && s.rte() == t && !s.indexOnly();
            case Plan.BitmapHeapScan s -> s.targetList() == null && s.rte() == t;
            default -> false;
        };
    }

    /**
     * The scan under an UPDATE as PostgreSQL's plan has it since version 14: its target list is
     * the new values of the assigned columns (in column order), then the resjunk MULTIEXPR
     * SubPlans of {@code SET (a, b) = (SELECT ...)} and the row's ctid; the SubPlans of the SET
     * list are that node's.
     */
    private void updateSourceOutput(Node n, Plan.ModifyTable m) {
        List<Expr> out = new ArrayList<>();
        List<Expr.SubPlan> multi = new ArrayList<>();
        for (int i = 0; i < m.newRow().size(); i++) {
            Expr e = m.newRow().get(i);
            // expand_targetlist's copies of unassigned columns are not in the subplan's list
            if (e instanceof Expr.Var v && v.attno() == i + 1 && v.levelsup() == 0) continue;
            if (e instanceof Expr.Const c && m.target().columns().get(i).name().isEmpty()) continue;   // dropped column
            out.add(e);
            ExprTrees.any(e, x -> {
                if (x instanceof Expr.SubPlan sp && sp.kind() == Expr.SubLinkType.MULTIEXPR
                        && multi.stream().noneMatch(o -> sameSubPlan(o, sp)))
                    multi.add(sp);
                return false;
            });
        }
        multi.sort(java.util.Comparator.comparingInt(Expr.SubPlan::planId));
        out.addAll(multi);
        int natts = m.target().columns().size();
        out.add(new Expr.Var(Expr.Var.RESOLVED, natts + 1, 27 /* tid */, -1, "ctid", -1));
        if (n.input == null || n.input.isEmpty()) n.input = tableColumns(m.target());   // a gating Result's
        n.output = tlist(out, n.input, null);
        if (n.output != null && inheritedTargets.contains(m)) {
            // add_row_identity_columns: an inherited target's rows also carry their tableoid
            List<String> o = new ArrayList<>(n.output);
            String ctid = o.get(o.size() - 1);
            o.add(o.size() - 1, ctid.substring(0, ctid.length() - "ctid".length()) + "tableoid");
            n.output = o;
        }
        n.exprs.addAll(subPlansOf(m.newRow(), false));
    }

    /** The SubPlans in {@code exprs} that are InitPlans ({@code init}) or that are not. */
    private List<Expr.SubPlan> subPlansOf(List<Expr> exprs, boolean init) {
        List<Expr.SubPlan> l = new ArrayList<>();
        for (Expr e : exprs) {
            ExprTrees.any(e, x -> {
                if (x instanceof Expr.SubPlan sp && isInitPlan(sp) == init) l.add(sp);
                return false;
            });
        }
        return l;
    }

    /**
     * show_modifytable_info's ON CONFLICT part: the action, the arbiter indexes (none shown when
     * DO NOTHING arbitrates on every index) and DO UPDATE's WHERE as "Conflict Filter", over the
     * existing row (the target's columns and ctid) followed by EXCLUDED's columns.
     */
    private void onConflict(Node n, Plan.OnConflict oc, Query.RangeTblEntry t) {
        n.details.add(() -> out.propertyText("Conflict Resolution", oc.doUpdate() ? "UPDATE" : "NOTHING"));
        if (!oc.arbiterIndexes().isEmpty()) {
            List<String> names = new ArrayList<>();
            for (var index : oc.arbiterIndexes()) names.add(index.name());
            n.details.add(() -> out.propertyList("Conflict Arbiter Indexes", names));
        }
        if (oc.set() != null) n.exprs.addAll(oc.set());
        if (oc.where() != null) {
            List<ExplainColumn> input = new ArrayList<>(tableColumns(t));
            for (var c : t.columns()) input.add(new ExplainColumn.Named("excluded", c.name()));
            qual(n, "Conflict Filter", oc.where(), true, input);
        }
    }

    /**
     * A SubqueryScan with a FROM item: a Function/Values/CTE/WorkTable scan with a filter, or a
     * subquery that was not pulled up; without one, a filter over a lower node, drawn on it.
     */
    private Node subqueryScan(Plan.SubqueryScan s) {
        Query.RangeTblEntry rte = drawnAsChild(s) ? null : s.rte();
        if (projectsOverSort(s)) {
            // a Sort cannot project: create_projection_plan puts a Result over it (and over a
            // ProjectSet whose calls an expression reads)
            Node n = node(s, "Result");
            n.output = tlist(s.targetList(), outputColumns(s.child()), null);
            n.exprs.addAll(s.targetList());
            n.child(s.child(), "Outer");
            return n;
        }
        if (rte == null) {
            Plan below = visible(s.child());
            Node n = describe(below);
            n.source = s;
            boolean join = below instanceof Plan.NestLoop || below instanceof Plan.HashJoin || below instanceof Plan.MergeJoin;
            // the filter reads the subquery's output, which may be a projection over the node drawn
            qual(n, join ? "Join Filter" : "Filter", s.qual(), join ? upperPrefix() : scanPrefix(false), outputColumns(s.child()));
            return n;
        }
        Node n;
        switch (rte.kind()) {
            case FUNCTION -> {
                n = node(s, "Function Scan");
                Plan.Result r = (Plan.Result) visible(s.child());
                functionTarget(n, List.of(rte.function()), rtNames.of(rte));
                n.exprs.addAll(r.targetList());
            }
            case VALUES -> {
                n = node(s, "Values Scan");
                // ExplainScanTarget: a VALUES list has no object name, only its (unique) alias
                scanTarget(n, null, null, rtNames.of(rte));
                n.targetProps.remove("Relation Name");
                if (visible(s.child()) instanceof Plan.ValuesScan v) for (List<Expr> row : v.rows()) n.exprs.addAll(row);
            }
            case CTE -> {
                Plan below = visible(s.child());
                n = describe(below);
                n.source = s;
            }
            default -> {
                n = node(s, "Subquery Scan");
                scanTarget(n, rtNames.of(rte), null, rtNames.of(rte));
                n.targetProps.remove("Relation Name");
                n.child(s.child(), "Subquery");
            }
        }
        n.input = namedColumns(rte);
        n.output = tlist(s.targetList(), n.input, n.input);
        if (s.targetList() != null) n.exprs.addAll(s.targetList());
        qual(n, "Filter", s.qual(), scanPrefix(rte.kind() == Query.RteKind.SUBQUERY));
        return n;
    }

    /**
     * Whether a SubqueryScan is not drawn, its child drawn in its place: no FROM item of its own,
     * or a subquery PostgreSQL would have pulled up, or a trivial one setrefs.c removes. Its
     * columns are then its child's (the pulled-up subquery's expressions).
     */
    private boolean drawnAsChild(Plan.SubqueryScan s) {
        Query.RangeTblEntry rte = s.rte();
        return rte == null || rte.kind() == Query.RteKind.SUBQUERY
                && (pulledUp(visible(s.child())) && Clauses.pullableTargetList(rte.subquery())
                        // is_simple_subquery: no WITH list, no FOR UPDATE
                        && rte.subquery().cteList().isEmpty() && rte.subquery().rowMarks().isEmpty()
                    || trivial(s) && !projected.containsKey(s));
    }

    /**
     * The scans of subqueries whose own target list, in PostgreSQL, would not be the subquery's
     * columns in order: a projection Tusk puts right over the scan computes something else
     * (a column twice, fewer columns, an expression), which PostgreSQL's Subquery Scan computes
     * itself, so trivial_subqueryscan keeps it.
     */
    private final Map<Plan.SubqueryScan, Boolean> projected = new IdentityHashMap<>();

    private void findProjectedSubqueryScans(Plan top) {
        forEachPlan(top, p -> {
            if (p instanceof Plan.SubqueryScan proj && proj.rte() == null && proj.qual() == null && proj.targetList() != null
                    && proj.child() instanceof Plan.SubqueryScan s && s.rte() != null
                    && s.rte().kind() == Query.RteKind.SUBQUERY && !identity(proj.targetList(), s.width()))
                projected.put(s, true);
        }, new IdentityHashMap<>());
    }

    /** Whether a target list just passes on the {@code width} columns of its input, in order. */
    private static boolean identity(List<Expr> tlist, int width) {
        if (tlist.size() != width) return false;
        for (int i = 0; i < width; i++)
            if (!(tlist.get(i) instanceof Expr.Var v && v.varno() == Expr.Var.RESOLVED && v.attno() == i + 1)) return false;
        return true;
    }

    /**
     * trivial_subqueryscan, roughly: a scan of a subquery without a filter whose subquery emits
     * only the columns it returns (no resjunk sort columns to drop) is removed from the plan.
     */
    private static boolean trivial(Plan.SubqueryScan s) {
        if (s.qual() != null) return false;
        // its own projection computes something other than the subquery's columns in order
        if (s.targetList() != null && !identity(s.targetList(), s.child().width())) return false;
        // an INTERSECT/EXCEPT emits its inputs' flag column too, which the scan drops
        if (visible(s.child()) instanceof Plan.SetOp) return false;
        // rows locked FOR UPDATE carry their row addresses, which the scan drops
        if (visible(s.child()) instanceof Plan.LockRows) return false;
        for (Query.TargetEntry te : s.rte().subquery().targetList()) if (te.resjunk()) return false;
        return true;
    }

    /** {@code e} over a WindowAgg's output with each reference to a function's value replaced by the call. */
    private static Expr windowFuncsInline(Plan.WindowAgg w, Expr e) {
        if (e == null) return null;
        int inWidth = w.child().width();
        return org.tusk.nodes.ExprTrees.map(e, x -> x instanceof Expr.Var v && v.varno() == Expr.Var.RESOLVED
                && v.attno() > inWidth ? w.funcs().get(v.attno() - 1 - inWidth) : null);
    }

    /**
     * get_namespace_name_or_temp of the relation's schema (VERBOSE qualifies relation names): a
     * temporary table, which lives in the session's own temporary schema, shows as pg_temp. The
     * schema is the relation's own, whether or not the query named it (ExplainTargetRel).
     */
    private String schema(Query.RangeTblEntry rte) {
        if (rte.table() != null) {
            if (rte.table().persistence() == 't') return "pg_temp";
            switch (rte.table().namespace()) {
                case 2200 -> { return "public"; }
                case 11 -> { return "pg_catalog"; }
                default -> {
                    String name = namespaceName.apply(rte.table().namespace());
                    if (name != null) return name;
                }
            }
        }
        return rte.schema();
    }

    /**
     * Whether PostgreSQL would have pulled a subquery with this plan up into its parent
     * (is_simple_subquery: no aggregation, window functions, sorting, LIMIT, DISTINCT or set operation), so that
     * no Subquery Scan appears and its filter sits on the scan or join below.
     */
    private static boolean pulledUp(Plan sub) {
        return !(sub instanceof Plan.Agg || sub instanceof Plan.Sort || sub instanceof Plan.Limit || sub instanceof Plan.Unique
                || sub instanceof Plan.SetOp || sub instanceof Plan.Append || sub instanceof Plan.MergeAppend
                || sub instanceof Plan.RecursiveUnion
                || sub instanceof Plan.WindowAgg
                || sub instanceof Plan.CteScan || sub instanceof Plan.SubqueryScan);
    }

    /** ExplainScanTarget: " on name [alias]" in text; Relation Name, Schema (VERBOSE), Alias otherwise. */
    private void scanTarget(Node n, String objectName, String schema, String alias) {
        if (out.isText()) {
            StringBuilder t = new StringBuilder(n.target).append(" on ");
            if (objectName != null) {
                if (opts.verbose() && schema != null) t.append(Texts.quoteIdentifier(schema)).append('.');
                t.append(Texts.quoteIdentifier(objectName));
            }
            if (alias != null && !alias.equals(objectName)) {
                if (objectName != null) t.append(' ');
                t.append(Texts.quoteIdentifier(alias));
            }
            n.target = t.toString();
        } else {
            n.targetProps.put("Relation Name", objectName);
            if (opts.verbose() && schema != null) n.targetProps.put("Schema", schema);
            n.targetProps.put("Alias", alias == null ? objectName : alias);
        }
    }

    /**
     * ExplainTargetRel and ExplainNode for a FunctionScan: the function's name only while the one
     * expression is still a function call (a call inlined or folded to a constant has none, and the
     * scan shows its alias), qualified by its schema under VERBOSE, which also prints the
     * expressions as "Function Call".
     */
    private void functionTarget(Node n, List<Expr> functions, String alias) {
        String fname = null, schema = null;
        if (functions.size() == 1 && functions.get(0) instanceof Expr.FuncExpr fe) {
            fname = fe.proc().name();
            if (opts.verbose()) schema = functionSchema.apply(fe.proc().oid());
        }
        if (out.isText()) {
            scanTarget(n, fname, schema, alias);
        } else {
            if (fname != null) n.targetProps.put("Function Name", fname);
            if (schema != null) n.targetProps.put("Schema", schema);
            n.targetProps.put("Alias", alias);
        }
        n.exprs.addAll(functions);
        if (opts.verbose()) {
            n.details.add(() -> {
                List<String> calls = deparser.deparseList(functions, n.input, true);
                out.propertyText("Function Call", String.join(", ", calls));
            });
        }
    }

    // ------------------------------------------------------------------ quals and columns

    /** show_scan_qual's prefix rule: none, except for a subquery scan or under VERBOSE. */
    /** explain.c's "Inner Unique" of a join: in text format only when true and VERBOSE ("not too chatty"). */
    private void innerUnique(Node n, boolean unique) {
        if (opts.format() != ExplainFormat.TEXT || opts.verbose() && unique) n.details.add(() -> out.propertyBool("Inner Unique", unique));
    }

    private boolean scanPrefix(boolean subqueryScan) { return subqueryScan || opts.verbose(); }

    /** show_upper_qual's: with more than one range table entry, or under VERBOSE. */
    private boolean upperPrefix() { return multipleRelations || opts.verbose(); }

    private void qual(Node n, String label, Expr qual, boolean prefix) {
        qual(n, label, qual, prefix, null);
    }

    /**
     * show_qual: the conjuncts under one label are printed as one AND expression, so a filter
     * Tusk keeps above a node and the node's own filter read as PostgreSQL's single qual.
     */
    private void qual(Node n, String label, Expr qual, boolean prefix, List<ExplainColumn> input) {
        if (qual == null) return;
        n.exprs.add(qual);
        List<Object[]> parts = n.quals.get(label);
        if (parts == null) {
            List<Object[]> created = parts = new ArrayList<>();
            n.quals.put(label, created);
            n.details.add(() -> {
                List<String> texts = new ArrayList<>();
                for (Object[] c : created) {
                    @SuppressWarnings("unchecked") List<ExplainColumn> in = (List<ExplainColumn>) c[1];
                    texts.add(deparser.deparse((Expr) c[0], in != null ? in : n.input, (Boolean) c[2]));
                }
                out.propertyText(label, texts.size() == 1 ? texts.get(0) : "(" + String.join(" AND ", texts) + ")");
            });
        }
        for (Expr c : conjuncts(qual)) parts.add(new Object[] {c, input, prefix});
    }

    private static List<Expr> conjuncts(Expr e) {
        List<Expr> l = new ArrayList<>();
        if (e instanceof Expr.BoolExpr b && b.op() == org.tusk.nodes.RawExpr.BoolOp.AND) {
            for (Expr a : b.args()) l.addAll(conjuncts(a));
        } else {
            l.add(e);
        }
        return l;
    }

    private static Expr and(List<Expr> l) {
        if (l.isEmpty()) return null;
        return l.size() == 1 ? l.get(0) : new Expr.BoolExpr(org.tusk.nodes.RawExpr.BoolOp.AND, List.copyOf(l));
    }

    private static Expr.Var column(int k) {
        return new Expr.Var(Expr.Var.RESOLVED, k + 1, 0, -1, null, -1, 0);
    }

    /** show_sortorder_options: a sort key column with DESC and a NULLS clause where they are not the default. */
    private String sortKey(List<ExplainColumn> in, Plan.SortKey k) {
        String key = deparseColumn(in, k.column(), upperPrefix());
        if (k.desc()) key += " DESC";
        if (k.nullsFirst() && !k.desc()) key += " NULLS FIRST";
        if (!k.nullsFirst() && k.desc()) key += " NULLS LAST";
        return key;
    }

    private String deparseColumn(List<ExplainColumn> in, int k, boolean prefix) {
        return deparser.deparse(column(k), in, prefix);
    }

    /** A grouping key: an expression over the input, printed as a sort/group key (in parentheses unless a column). */
    /**
     * show_agg_keys: the key is the expression in the input node's target list (get_tle_by_resno of
     * the outer plan's target list), printed as itself when that node computes it; a Sort below
     * only passes the column through, so there the key prints as a reference to it, in parentheses.
     */
    private String deparseGroupKey(Expr k, List<ExplainColumn> in, boolean prefix) {
        if (k instanceof Expr.Var v && v.varno() == Expr.Var.RESOLVED && v.attno() >= 1 && v.attno() <= in.size()
                && in.get(v.attno() - 1) instanceof ExplainColumn.Computed c && !(c.expr() instanceof Expr.Var))
            return deparser.deparse(c.expr(), c.input(), prefix);
        return deparser.deparse(k, in, prefix);
    }

    private String deparseKey(Expr k, List<ExplainColumn> in, boolean prefix) {
        String s = deparser.deparse(k, in, prefix);
        // a Param (an InitPlan's output too) prints as itself (get_parameter), as a Var does
        boolean param = k instanceof Expr.ExecParam || k instanceof Expr.SubPlan && s.matches("\\$\\d+");
        return k instanceof Expr.Var || k instanceof Expr.WholeRowVar || param || s.startsWith("(") ? s : "(" + s + ")";
    }

    /**
     * An index-only scan's physical target list (use_physical_tlist's index-only case: the
     * index's indextlist): the table columns the index returns, in index order; the table's
     * columns when an index column is an expression.
     */
    private static List<ExplainColumn> indexTargetList(Plan.IndexScan s, List<ExplainColumn> tableColumns,
                                                       List<ExplainColumn> ifUnknown) {
        var info = s.index().index();
        List<ExplainColumn> l = new ArrayList<>();
        for (int k = 0; k < info.natts(); k++) {
            int a = info.attnum(k);
            if (a < 1 || a > s.rte().columns().size()) return ifUnknown;
            l.add(tableColumns.get(a - 1));
        }
        return l;
    }

    private List<String> tlist(List<Expr> tl, List<ExplainColumn> input, List<ExplainColumn> ifNull) {
        if (!opts.verbose()) return null;
        if (tl == null) return ifNull == null ? null : names(ifNull);
        return deparser.deparseList(tl, input, multipleRelations);
    }

    /**
     * An Agg's target list as EXPLAIN shows it: an aggregate call whose arguments hold a
     * sub-select or a reference to an outer query level shows the planned call the node computes
     * (its SubPlan or InitPlan output, the exec parameter the outer reference became), which
     * ruleutils then prints as the expression that sets the parameter (find_param_referent).
     */
    private static List<Expr> shownTargetList(Plan.Agg a) {
        List<Expr> shown = new ArrayList<>();
        for (Expr e : a.targetList())
            shown.add(groupingCallsShown(a, ExprTrees.map(e, x -> x instanceof Expr.Aggref r && r.levelsup() == 0 && r.aggno() >= 0
                    && r.aggno() < a.aggs().size() && ExprTrees.any(r, y -> y instanceof Expr.SubLink
                            || y instanceof Expr.Var v && v.levelsup() > 0 || y instanceof Expr.Aggref o && o.levelsup() > 0)
                    ? a.aggs().get(r.aggno()) : null)));
        return shown;
    }

    /**
     * The columns a node passes on, as its Output. A constant the node below computes prints as
     * itself: set_dummy_tlist_references keeps a Const rather than a reference to it.
     */
    private List<String> names(List<ExplainColumn> cols) {
        if (!opts.verbose()) return null;
        List<String> out = new ArrayList<>();
        for (int k = 0; k < cols.size(); k++)
            out.add(cols.get(k) instanceof ExplainColumn.Computed c && c.expr() instanceof Expr.Const
                    ? deparser.deparse(c.expr(), c.input(), multipleRelations) : deparseColumn(cols, k, multipleRelations));
        return out;
    }

    private static List<ExplainColumn> concat(List<ExplainColumn> a, List<ExplainColumn> b) {
        List<ExplainColumn> l = new ArrayList<>(a);
        l.addAll(b);
        return l;
    }

    private List<ExplainColumn> tableColumns(Query.RangeTblEntry rte) {
        List<ExplainColumn> l = new ArrayList<>();
        for (var c : rte.columns()) l.add(new ExplainColumn.Named(rtNames.of(rte), c.name()));
        if (rte.isTable()) l.add(new ExplainColumn.Named(rtNames.of(rte), "ctid"));
        return l;
    }

    /**
     * The columns of an Append over a table and its children: the parent's (the Vars above it
     * are the parent relation's, as in PostgreSQL), then whatever the first member adds (system columns).
     */
    private List<ExplainColumn> appendRelColumns(Query.RangeTblEntry parent, List<Plan> members) {
        List<ExplainColumn> l = new ArrayList<>(namedColumns(parent));
        List<ExplainColumn> first = outputColumns(members.get(0));
        if (first.size() > l.size()) l.addAll(first.subList(l.size(), first.size()));
        return l;
    }

    private List<ExplainColumn> namedColumns(Query.RangeTblEntry rte) {
        List<ExplainColumn> l = new ArrayList<>();
        for (var c : rte.columns()) l.add(new ExplainColumn.Named(rtNames.of(rte), c.name()));
        return l;
    }

    /** A pulled-up subquery's output columns: its expressions stand in for the Vars that read them. */
    private static List<ExplainColumn> inlined(List<ExplainColumn> cols) {
        List<ExplainColumn> l = new ArrayList<>();
        for (ExplainColumn c : cols)
            l.add(c instanceof ExplainColumn.Computed x ? new ExplainColumn.Computed(x.expr(), x.input(), true) : c);
        return l;
    }

    private static List<ExplainColumn> computed(List<Expr> tl, List<ExplainColumn> input) {
        List<ExplainColumn> l = new ArrayList<>();
        for (Expr e : tl) l.add(new ExplainColumn.Computed(e, input));
        return l;
    }

    /**
     * The columns of a node's output tuple, for the Vars of the node above: {@code width()} of
     * them (a table scan's trailing TID is not part of what a join or upper node sees).
     */
    private List<ExplainColumn> outputColumns(Plan p) {
        List<ExplainColumn> l = allOutputColumns(p);
        return l.size() > p.width() ? l.subList(0, p.width()) : l;
    }

    private List<ExplainColumn> allOutputColumns(Plan p) {
        return switch (p) {
            case Plan.ModifyingCtes m -> allOutputColumns(m.plan());
            case Plan.SeqScan s -> s.targetList() == null ? tableColumns(s.rte()) : computed(s.targetList(), tableColumns(s.rte()));
            case Plan.IndexScan s -> s.targetList() == null ? tableColumns(s.rte()) : computed(s.targetList(), tableColumns(s.rte()));
            case Plan.BitmapHeapScan s -> s.targetList() == null ? tableColumns(s.rte()) : computed(s.targetList(), tableColumns(s.rte()));
            case Plan.Result r -> computed(r.targetList(), List.of());
            case Plan.ValuesScan v -> {
                List<ExplainColumn> l = new ArrayList<>();
                for (int i = 1; i <= v.width(); i++) l.add(new ExplainColumn.Named("*VALUES*", "column" + i));
                yield l;
            }
            case Plan.ModifyTable m -> computed(m.returning(), tableColumns(m.target()));
            case Plan.Agg a -> computed(shownTargetList(a), aggInput(a));
            case Plan.SubqueryScan s -> {
                List<ExplainColumn> in = s.rte() == null ? outputColumns(s.child())
                        : drawnAsChild(s) ? inlined(outputColumns(s.child())) : namedColumns(s.rte());
                yield s.targetList() == null ? in : computed(s.targetList(), in);
            }
            case Plan.NestLoop j -> concat(outputColumns(j.outer()), outputColumns(j.inner()));
            case Plan.HashJoin j -> concat(outputColumns(j.outer()), outputColumns(j.inner()));
            case Plan.MergeJoin j -> concat(outputColumns(j.outer()), outputColumns(j.inner()));
            case Plan.Unique u -> outputColumns(u.child());
            case Plan.LockRows r -> outputColumns(r.child());
            case Plan.FunctionScan f -> namedColumns(f.rte());
            case Plan.ProjectSet ps -> {
                // the set-returning calls are the node's own target list entries in PostgreSQL: a
                // column holding one prints as the call, in parentheses where a node above reads it
                int w = ps.child().width();
                List<Expr> tl = new ArrayList<>();
                for (Expr e : ps.targetList())
                    tl.add(ExprTrees.map(e, x -> x instanceof Expr.Var v && v.varno() == Expr.Var.RESOLVED && v.attno() > w
                            && v.attno() <= w + ps.srfs().size() ? ps.srfs().get(v.attno() - w - 1) : null));
                yield computed(tl, outputColumns(ps.child()));
            }
            case Plan.WindowAgg w -> {
                List<ExplainColumn> in = outputColumns(w.child());
                List<ExplainColumn> l = new ArrayList<>(in);
                for (Expr.WindowFunc f : w.funcs()) l.add(new ExplainColumn.Computed(f, in));
                yield l;
            }
            case Plan.Append a -> a.parent() == null ? outputColumns(a.children().get(0)) : appendRelColumns(a.parent(), a.children());
            case Plan.MergeAppend a -> appendRelColumns(a.parent(), a.children());
            case Plan.SetOp o -> outputColumns(o.left());
            case Plan.CteScan c -> c.rte() != null ? namedColumns(c.rte()) : outputColumns(c.ctePlan());
            case Plan.WorkTableScan w -> namedColumns(w.rte());
            case Plan.RecursiveUnion r -> outputColumns(r.nonRecursive());
            case Plan.Sort s -> outputColumns(s.child());
            case Plan.Limit l -> outputColumns(l.child());
            case Plan.Memoize m -> outputColumns(m.child());
            case Plan.GatingResult g -> outputColumns(g.child());
        };
    }

    // ------------------------------------------------------------------ relations, CTEs, subplans

    private final Map<Integer, Plan.CteScan> cteById = new LinkedHashMap<>();

    /** The WITH queries scanned anywhere in the statement, by id. */
    private void collectCtes(Plan top) {
        forEachPlan(top, p -> {
            if (p instanceof Plan.CteScan c && !cteById.containsKey(c.cteId())) cteById.put(c.cteId(), c);
        }, new IdentityHashMap<>());
    }

    /**
     * The WITH queries listed under the node drawn for {@code obj}, in the order they were
     * planned: those of the query level it heads, found on it or on the nodes drawn in its place
     * (a projection, the Subquery Scan setrefs.c removes, whose initPlans clean_up_removed_plan_level
     * moves to the subquery's top node), and under the top node the rest of {@link #topCtes}.
     */
    private List<Integer> ctesListedUnder(Object obj, boolean root) {
        List<Integer> ids = new ArrayList<>();
        if (root) ids.addAll(topCtes);
        // a drawn Hash or Materialize draws its input as a node of its own, which lists them; the
        // Material node over a whole plan takes over its initPlans (materialize_finished_plan)
        Object o = root && obj instanceof Drawn d ? d.child() : obj;
        while (o != null) {
            if (!(o instanceof Plan p)) break;
            List<org.tusk.nodes.PlannedStmt.LevelCte> here = levelCtes.get(p);
            if (here != null) for (var lc : here) ids.add(lc.cteId());
            o = switch (p) {
                case Plan.SubqueryScan s when s.rte() == null -> projectsOverSort(s) ? null : s.child();
                case Plan.SubqueryScan s when s.rte().kind() != Query.RteKind.SUBQUERY || drawnAsChild(s) -> s.child();
                case Plan.ModifyingCtes m -> m.plan();
                default -> null;
            };
        }
        List<Integer> out = new ArrayList<>();
        for (int id : ids) if (cteInfo.containsKey(id) && ctesShown.add(id)) out.add(id);
        java.util.Collections.sort(out);
        return out;
    }

    /** Counts the FROM items the statement scans (PostgreSQL's range table length, roughly). */
    private int countRelations(Plan top, IdentityHashMap<Plan, Boolean> seen) {
        int[] n = {0};
        forEachPlan(top, p -> {
            switch (p) {
                case Plan.SeqScan s -> n[0]++;
                case Plan.IndexScan s -> n[0]++;
                case Plan.BitmapHeapScan s -> n[0]++;
                case Plan.ValuesScan v -> n[0]++;
                case Plan.CteScan c -> n[0]++;
                case Plan.WorkTableScan w -> n[0]++;
                // a VALUES list's scan is counted as its ValuesScan
                case Plan.SubqueryScan s when s.rte() != null && s.rte().kind() != Query.RteKind.VALUES -> n[0]++;
                default -> { }
            }
        }, seen);
        return n[0];
    }

    /** Visits every plan node, including those of SubPlans and WITH queries, once. */
    private void forEachPlan(Plan p, java.util.function.Consumer<Plan> f, IdentityHashMap<Plan, Boolean> seen) {
        if (p == null || seen.put(p, true) != null) return;
        f.accept(p);
        List<Plan> kids = switch (p) {
            case Plan.ModifyTable m -> List.of(m.source());
            case Plan.Agg a -> List.of(a.child());
            case Plan.SubqueryScan s -> List.of(s.child());
            case Plan.NestLoop j -> List.of(j.outer(), j.inner());
            case Plan.HashJoin j -> List.of(j.outer(), j.inner());
            case Plan.MergeJoin j -> List.of(j.outer(), j.inner());
            case Plan.Unique u -> List.of(u.child());
            case Plan.WindowAgg w -> List.of(w.child());
            case Plan.LockRows r -> List.of(r.child());
            case Plan.ProjectSet ps -> List.of(ps.child());
            case Plan.Append a -> a.children();
            case Plan.MergeAppend a -> a.children();
            case Plan.SetOp o -> List.of(o.left(), o.right());
            case Plan.CteScan c -> List.of(c.ctePlan());
            case Plan.ModifyingCtes m -> {
                List<Plan> all = new ArrayList<>(m.ctes());
                all.add(0, m.plan());
                yield all;
            }
            case Plan.RecursiveUnion r -> List.of(r.nonRecursive(), r.recursive());
            case Plan.Sort s -> List.of(s.child());
            case Plan.Limit l -> List.of(l.child());
            case Plan.Memoize m -> List.of(m.child());
            case Plan.GatingResult g -> List.of(g.child());
            default -> List.of();
        };
        for (Plan k : kids) forEachPlan(k, f, seen);
        for (Expr e : expressions(p)) ExprTrees.any(e, x -> {
            if (x instanceof Expr.SubPlan sp) forEachPlan(sp.plan(), f, seen);
            return false;
        });
    }

    /** The expressions a node evaluates (where its SubPlans are). */
    /** The conditions and new rows of MERGE's WHEN clauses, in clause order; none for other commands. */
    private static List<Expr> mergeExpressions(Plan.ModifyTable m) {
        List<Expr> l = new ArrayList<>();
        for (Plan.MergeActionPlan a : m.mergeActions()) {
            if (a.qual() != null) l.add(a.qual());
            if (a.newRow() != null) l.addAll(a.newRow());
        }
        return l;
    }

    static List<Expr> expressions(Plan p) {
        List<Expr> l = new ArrayList<>();
        java.util.function.Consumer<Expr> add = e -> { if (e != null) l.add(e); };
        switch (p) {
            case Plan.SeqScan s -> { add.accept(s.qual()); if (s.targetList() != null) l.addAll(s.targetList()); }
            case Plan.IndexScan s -> { add.accept(s.qual()); if (s.targetList() != null) l.addAll(s.targetList()); }
            case Plan.BitmapHeapScan s -> {
                add.accept(s.recheck());
                add.accept(s.qual());
                if (s.targetList() != null) l.addAll(s.targetList());
            }
            case Plan.Result r -> { add.accept(r.qual()); l.addAll(r.targetList()); }
            case Plan.ValuesScan v -> v.rows().forEach(l::addAll);
            case Plan.ModifyTable m -> {
                if (m.newRow() != null) l.addAll(m.newRow());
                l.addAll(m.returning());
                l.addAll(mergeExpressions(m));
            }
            case Plan.Agg a -> { l.addAll(a.targetList()); add.accept(a.havingQual()); l.addAll(a.aggs()); }
            case Plan.WindowAgg w -> l.addAll(w.funcs());
            case Plan.FunctionScan f -> { l.addAll(f.functions()); add.accept(f.qual()); }
            case Plan.ProjectSet ps -> { l.addAll(ps.srfs()); l.addAll(ps.targetList()); }
            case Plan.SubqueryScan s -> { add.accept(s.qual()); if (s.targetList() != null) l.addAll(s.targetList()); }
            case Plan.NestLoop j -> { add.accept(j.joinQual()); add.accept(j.otherQual()); }
            case Plan.HashJoin j -> { add.accept(j.joinQual()); add.accept(j.otherQual()); }
            case Plan.MergeJoin j -> { add.accept(j.joinQual()); add.accept(j.otherQual()); }
            case Plan.Limit lim -> { add.accept(lim.offset()); add.accept(lim.count()); }
            case Plan.Memoize m -> l.addAll(m.keys());
            case Plan.GatingResult g -> add.accept(g.qual());
            default -> { }
        }
        return l;
    }

    private void collectSubPlans(Expr e, List<Expr.SubPlan> init, List<Expr.SubPlan> sub) {
        collectSubPlans(e, init, sub, false);
    }

    /**
     * {@code initOnly}: below a GROUPING() call, whose arguments are never evaluated (ExecInitExprRec
     * initializes none of them), so a SubPlan there is none of the node's; an InitPlan there is
     * still one of the level's (SS_attach_initplans lists them all).
     */
    private void collectSubPlans(Expr e, List<Expr.SubPlan> init, List<Expr.SubPlan> sub, boolean initOnly) {
        if (e == null) return;
        if (e instanceof Expr.SubPlan sp) {
            // ANY/ALL SubPlans, hashed or not, stay SubPlans of the node (drawn after its children)
            boolean isInit = isInitPlan(sp) && sp.kind() != Expr.SubLinkType.ANY && sp.kind() != Expr.SubLinkType.ALL;
            if (isInit || !initOnly) {
                List<Expr.SubPlan> target = isInit ? init : sub;
                if (target.stream().noneMatch(y -> sameSubPlan(y, sp))) target.add(sp);
                subPlanName(sp);
            }
        }
        boolean below = initOnly || e instanceof Expr.GroupingFunc;
        for (Expr c : ExprTrees.children(e)) collectSubPlans(c, init, sub, below);
    }

    /**
     * Whether two SubPlan nodes are one subplan: the same node, or copies of it made where an
     * expression holding it was rebuilt, which keep its plan_id (a MIN/MAX InitPlan whose Param
     * several expressions read).
     */
    private static boolean sameSubPlan(Expr.SubPlan a, Expr.SubPlan b) {
        return a == b || a.planId() > 0 && a.planId() == b.planId();
    }

    @Override
    public String subPlanName(Expr.SubPlan sp) {
        // plan_id, the order the planner made the subplans in
        if (sp.planId() > 0) return "SubPlan " + sp.planId();
        Integer id = subPlanIds.get(sp);
        if (id == null) {
            id = nextPlanId++;
            subPlanIds.put(sp, id);
        }
        return "SubPlan " + id;
    }

    @Override
    public boolean isInitPlan(Expr.SubPlan sp) {
        // build_subplan: an initplan is one its level passes no parameters to (parParam NIL); it may
        // still read a parameter of a level further out, which reruns it when that changes
        return sp.parParams().isEmpty();
    }

    @Override
    public String initPlanOutput(Expr.SubPlan sp) {
        // the Params the planner gave its output (build_subplan's setParam: one for EXPR, EXISTS and
        // ARRAY, one per column for ROWCOMPARE and MULTIEXPR)
        if (!sp.paramIds().isEmpty()) return ExplainDeparser.multiExprParams(sp);
        for (var e : initPlanParams.entrySet()) if (sameSubPlan(e.getKey(), sp)) sp = e.getKey();
        Integer n = initPlanParams.get(sp);
        if (n == null) {
            n = nextInitParam++;
            initPlanParams.put(sp, n);
        }
        return "$" + n;
    }

    @Override
    public String param(int id, boolean useprefix) {
        Object[] np = nestParams.get(id);
        if (np == null) return null;
        Integer setAt = nestParamDepth.get(id);
        if (setAt != null && setAt < subPlanDepth) return null;
        @SuppressWarnings("unchecked") List<ExplainColumn> cols = (List<ExplainColumn>) np[1];
        return deparser.deparse((Expr) np[0], cols, true);
    }
}
