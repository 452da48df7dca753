package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;

/**
 * The join tree of one query level (PostgreSQL's allpaths.c, initsplan.c distribute_qual_to_rels,
 * joinpath.c and costsize.c). Quals are pushed as far down as outer joins allow:
 * a WHERE conjunct goes to the lowest node covering its relations unless that would put it
 * below the nullable side of an outer join; an outer join's ON conjunct that reads only the
 * nullable side filters that side's scan. Inner JOINs are flattened into the level's list of
 * items; outer joins keep their syntactic order. The items are joined in the order
 * {@link JoinSearch} finds cheapest (standard_join_search), or, with LATERAL items or more than
 * join_collapse_limit items, greedily, each next item one that is connected by a join clause
 * (else the first whose LATERAL references are satisfied).
 *
 * <p>For each join the candidate paths are offered in add_paths_to_joinrel's order (merge join
 * over sorted inputs, nested loop over a parameterized inner index scan, nested loop over the
 * materialized inner side, hash join), for an inner join with either input as the outer one
 * (make_join_rel), each estimated by {@link PlanCosts} (costsize.c) and kept or dropped as
 * add_path does ({@link PathChoice}); join sizes are PlanCosts' (eqjoinsel over the key
 * columns' statistics, {@link JoinSelectivity}). An inner side with LATERAL references to the outer side is always the inner
 * of a nested loop that sets its parameters. RIGHT joins are planned as LEFT joins with the
 * inputs swapped; FULL joins use hash or merge join (FULL JOIN needs an equality clause).
 */
final class JoinPlanner {
    static final double CPU_TUPLE_COST = 0.01, CPU_OPERATOR_COST = 0.0025, DEFAULT_EQ_SEL = 0.005,
            DEFAULT_INEQ_SEL = 1.0 / 3.0;

    /** costsize.c disable_cost: what a disabled join method adds to its estimate. */
    static final double DISABLE_COST = 1.0e10;
    /** join_collapse_limit's default: up to this many items are ordered by {@link JoinSearch}. */
    static final int JOIN_COLLAPSE_LIMIT = 8;

    private final PlannerInfo info;
    private final Query q;
    private final PlanCosts costs;

    /**
     * A planned join tree node: its plan, tuple layout, relations, row and cost estimates, and
     * the exec parameters its LATERAL references need from relations outside it.
     */
    record Rel(Plan plan, SetRefs layout, Set<Integer> relids, double rows, double cost,
               List<PlannerInfo.PlanParam> lateralParams, Query.RangeTblEntry table, List<Expr> scanQuals) {
        Set<Integer> lateralRelids() {
            Set<Integer> s = new HashSet<>();
            for (PlannerInfo.PlanParam p : lateralParams) s.add(p.var().varno());
            return s;
        }
    }

    /**
     * Whether an equivalence class equates two different constants across relations, which
     * makes the level's whole join dummy (its plan is then PostgreSQL's lone gating Result).
     */
    boolean provedEmpty;

    /**
     * The pseudoconstant conjuncts of the inner joins' ON conditions (they read no relation and
     * call nothing volatile): distribute_qual_to_rels pushes such a qual, not being below an
     * outer join, to the top of the join tree, where it gates the whole tree. The caller puts
     * them in its gating Result; {@link #plan} leaves them out of the plan it returns.
     */
    final List<Expr> gatingQuals = new ArrayList<>();

    JoinPlanner(PlannerInfo info) {
        this.info = info;
        this.q = info.query;
        this.costs = new PlanCosts(info.glob.env, info.glob.ctx);
    }

    /** Plans FROM with the (processed, not yet fixed) WHERE conjuncts. */
    Rel plan(List<Expr> where) {
        processedWhere = List.copyOf(where);
        where = new ArrayList<>(where);
        List<Query.JoinNode> items = new ArrayList<>();
        for (Query.JoinNode n : q.fromList()) flattenLateral(n, items, where);
        // equivalence classes replace their equalities by the restrictions and join clauses they imply
        Set<Integer> eligible = new HashSet<>();
        for (Query.JoinNode n : items) nonNullable(n, eligible);
        EquivalenceClasses ecs = EquivalenceClasses.build(where, eligible);
        where.addAll(foldAll(ecs.baseClauses()));
        for (Expr c : ecs.constantEqualitiesAcrossRels()) {
            Expr f = Planner.fold(c, info.glob.ctx);
            if (f instanceof Expr.Const k && (k.value() == null || Boolean.FALSE.equals(k.value()))) provedEmpty = true;
        }
        for (Expr c : List.copyOf(where)) if (Planner.gatingQual(c)) {
            where.remove(c);
            gatingQuals.add(c);
        }
        List<Set<Integer>> itemRelids = new ArrayList<>();
        List<List<Expr>> pushed = new ArrayList<>();
        for (Query.JoinNode n : items) {
            itemRelids.add(relids(n));
            pushed.add(new ArrayList<>());
        }
        // a class's constant-to-constant equality gates the scan of the class's one relation
        for (var e : ecs.singleRelationConstantEqualities().entrySet())
            for (int i = 0; i < items.size(); i++)
                if (itemRelids.get(i).contains(e.getKey())) pushed.get(i).addAll(foldAll(e.getValue()));
        List<Expr> pending = new ArrayList<>();
        for (Expr c : where) {
            Set<Integer> r = varnos(c);
            int target = -1;
            for (int i = 0; i < items.size(); i++) if (itemRelids.get(i).containsAll(r)) {
                target = i;
                break;
            }
            if (target >= 0) pushed.get(target).add(c); else pending.add(c);
        }
        // extract_restriction_or_clauses: an OR join clause implies a restriction on each base
        // relation every arm reads; it filters (or index-scans) that relation, the join clause stays
        for (Expr c : pending) {
            if (!(c instanceof Expr.BoolExpr b) || b.op() != org.tusk.nodes.RawExpr.BoolOp.OR) continue;
            Set<Integer> reads = varnos(c);
            for (int i = 0; i < items.size(); i++) {
                if (!(items.get(i) instanceof Query.JoinNode.RangeRef r) || !reads.contains(r.rtindex())) continue;
                Expr restriction = OrClauses.extract(c, r.rtindex());
                if (restriction != null && costs.restrictionSelectivity(q.rangeTable().get(r.rtindex() - 1), restriction)
                        <= OrClauses.USEFUL_SELECTIVITY) pushed.get(i).add(restriction);
            }
        }
        List<Rel> rels = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) rels.add(build(items.get(i), pushed.get(i)));
        Rel current = null;
        boolean lateralItems = false;
        for (Rel r : rels) lateralItems |= !r.lateralParams().isEmpty();
        if (!lateralItems && rels.size() >= 2 && rels.size() <= JOIN_COLLAPSE_LIMIT) {
            current = new JoinSearch(this, pending, ecs).search(rels);
            rels.clear();
        }
        while (!rels.isEmpty()) {
            Rel pick = null;
            Set<Integer> have = current == null ? Set.of() : current.relids();
            for (Rel r : rels) {
                if (!have.containsAll(r.lateralRelids())) continue;
                if (pick == null) pick = r;
                // a LATERAL item whose references the joined part satisfies is joined next (as a
                // join clause would connect it), rather than a cross join with something else
                if (current != null && (connected(pending, current, r) || ecs.relevant(current.relids(), r.relids())
                        || !r.lateralRelids().isEmpty() && current.relids().containsAll(r.lateralRelids()))) {
                    pick = r;
                    break;
                }
            }
            if (pick == null) pick = rels.get(0);
            rels.remove(pick);
            if (current == null) {
                current = pick;
                continue;
            }
            List<Expr> clauses = new ArrayList<>();
            Set<Integer> both = union(current.relids(), pick.relids());
            for (Expr c : List.copyOf(pending)) if (both.containsAll(varnos(c))) {
                clauses.add(c);
                pending.remove(c);
            }
            clauses.addAll(ecs.joinClauses(current.relids(), pick.relids()));
            current = join(Query.JoinType.INNER, current, pick, clauses, List.of());
        }
        if (!pending.isEmpty()) {
            Plan p = new Plan.SubqueryScan(current.plan(), current.layout().fix(ScanPaths.and(pending)), null);
            current = new Rel(p, current.layout(), current.relids(), current.rows() * DEFAULT_INEQ_SEL, current.cost(),
                    current.lateralParams(), null, null);
        }
        return current;
    }

    /** {@code rel} under a Result checking {@link #gatingQuals} once, for a caller without a gating Result of its own. */
    Rel withGating(Rel rel) {
        if (gatingQuals.isEmpty()) return rel;
        return new Rel(new Plan.GatingResult(rel.plan(), ScanPaths.and(gatingQuals)), rel.layout(), rel.relids(), rel.rows(),
                rel.cost(), rel.lateralParams(), null, null);
    }

    /**
     * deconstruct_jointree's flattening of inner JOINs into the list of items to order (as
     * join_collapse_limit allows PostgreSQL): their ON conditions join WHERE, and the items are
     * ordered by {@link JoinSearch} (or greedily when there are LATERAL items or more than
     * {@link #JOIN_COLLAPSE_LIMIT}). An outer join stays one item, planned as written.
     */
    private void flattenLateral(Query.JoinNode n, List<Query.JoinNode> items, List<Expr> where) {
        if (n instanceof Query.JoinNode.Join j && j.type() == Query.JoinType.INNER) {
            flattenLateral(j.left(), items, where);
            flattenLateral(j.right(), items, where);
            if (j.quals() != null) where.addAll(foldAll(ScanPaths.conjuncts(SubLinks.process(j.quals(), info))));
            return;
        }
        items.add(n);
    }

    /**
     * The relations of a join tree item that no outer join in it null-extends: only their
     * columns may be members of equivalence classes (a nullable side's equalities are
     * outer-join delayed in PostgreSQL and stay ordinary clauses).
     */
    private void nonNullable(Query.JoinNode n, Set<Integer> out) {
        switch (n) {
            case Query.JoinNode.RangeRef r -> out.add(r.rtindex());
            case Query.JoinNode.Join j -> {
                if (j.type() == Query.JoinType.INNER || j.type() == Query.JoinType.LEFT
                        || j.type() == Query.JoinType.SEMI || j.type() == Query.JoinType.ANTI) nonNullable(j.left(), out);
                if (j.type() == Query.JoinType.INNER || j.type() == Query.JoinType.RIGHT) nonNullable(j.right(), out);
            }
        }
    }

    private static Set<Integer> without(Set<Integer> a, Set<Integer> b) {
        Set<Integer> s = new HashSet<>(a);
        s.removeAll(b);
        return s;
    }

    static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
        Set<Integer> s = new HashSet<>(a);
        s.addAll(b);
        return s;
    }

    static boolean connected(List<Expr> clauses, Rel a, Rel b) {
        for (Expr c : clauses) {
            Set<Integer> r = varnos(c);
            if (union(a.relids(), b.relids()).containsAll(r) && !java.util.Collections.disjoint(r, a.relids())
                    && !java.util.Collections.disjoint(r, b.relids())) return true;
        }
        return false;
    }

    private Set<Integer> relids(Query.JoinNode n) {
        return switch (n) {
            case Query.JoinNode.RangeRef r -> Set.of(r.rtindex());
            case Query.JoinNode.Join j -> union(relids(j.left()), relids(j.right()));
        };
    }

    /** pull_varnos: the range table entries of this level an expression reads. */
    static Set<Integer> varnos(Expr e) {
        Set<Integer> s = new HashSet<>();
        ExprTrees.any(e, x -> {
            if (x instanceof Expr.Var v && v.levelsup() == 0) s.add(v.varno());
            return false;
        });
        return s;
    }

    /** A join tree node with the quals pushed down to it. */
    /** Each base relation's estimated rows after its restriction clauses (RelOptInfo.rows), by range table index. */
    private final java.util.Map<Integer, Double> baseRows = new java.util.HashMap<>();
    /** The rows of each base relation that is not a table (a subquery, function, VALUES list), by range table index. */
    private final java.util.Map<Integer, Double> baseTuples = new java.util.HashMap<>();

    private Rel build(Query.JoinNode n, List<Expr> pushed) {
        if (n instanceof Query.JoinNode.RangeRef r) {
            Rel rel = new BaseRels(info).scan(r.rtindex(), pushed);
            baseRows.put(r.rtindex(), rel.rows());
            // a relation that is not a table: the rows its plan produces (RelOptInfo.tuples), before its
            // own filter, as the restriction-scaled rows: its plan's estimate
            if (rel.table() == null) {
                double rows = costs.of(rel.plan()).rows();
                baseTuples.put(r.rtindex(), rows);
                baseRows.put(r.rtindex(), rows);
            }
            return rel;
        }
        Query.JoinNode.Join j = (Query.JoinNode.Join) n;
        Set<Integer> lr = relids(j.left()), rr = relids(j.right());
        List<Expr> toLeft = new ArrayList<>(), toRight = new ArrayList<>(), joinQuals = new ArrayList<>(),
                otherQuals = new ArrayList<>();
        List<Expr> on = ScanPaths.conjuncts(j.quals() == null ? null : SubLinks.process(j.quals(), info));
        on = foldAll(on);
        Query.JoinType type = j.type();
        if (type == Query.JoinType.FULL) {
            pushed = new ArrayList<>(pushed);
            fullJoinConstants(pushed, on, lr, rr, toLeft, toRight);
        }
        for (Expr c : pushed) {
            Set<Integer> v = varnos(c);
            boolean leftOk = type == Query.JoinType.INNER || type == Query.JoinType.LEFT || type == Query.JoinType.ANTI;
            boolean rightOk = type == Query.JoinType.INNER || type == Query.JoinType.RIGHT;
            // a parameterized join relation's clause that no scan takes as an index condition stays at the join
            boolean atJoin = joinLevelOnly.contains(c);
            if (leftOk && lr.containsAll(v) && !(atJoin && j.left() instanceof Query.JoinNode.RangeRef)) toLeft.add(c);
            else if (rightOk && rr.containsAll(v) && !(atJoin && j.right() instanceof Query.JoinNode.RangeRef)) toRight.add(c);
            else if (type == Query.JoinType.INNER) joinQuals.add(c);
            else otherQuals.add(c);
        }
        for (Expr c : on) {
            Set<Integer> v = varnos(c);
            if (type == Query.JoinType.INNER) {
                if (lr.containsAll(v) && !v.isEmpty()) toLeft.add(c);
                else if (rr.containsAll(v) && !v.isEmpty()) toRight.add(c);
                else joinQuals.add(c);
            } else if ((type == Query.JoinType.LEFT || type == Query.JoinType.ANTI) && rr.containsAll(v) && !v.isEmpty()) {
                toRight.add(c);
            } else if (type == Query.JoinType.RIGHT && lr.containsAll(v) && !v.isEmpty()) {
                toLeft.add(c);
            } else {
                joinQuals.add(c);
            }
        }
        if (type == Query.JoinType.LEFT || type == Query.JoinType.ANTI)
            toRight.addAll(outerJoinConstants(toLeft, joinQuals, lr, rr));
        // an inner join's pseudoconstant quals below an outer join are evaluated at the join's own
        // level (distribute_qual_to_rels' qualscope), as a gating Result above it
        List<Expr> gating = new ArrayList<>();
        if (type == Query.JoinType.INNER) for (Expr c : joinQuals) if (Planner.gatingQual(c)) gating.add(c);
        joinQuals.removeAll(gating);
        Rel left = build(j.left(), toLeft), right = build(j.right(), toRight);
        Rel joined = join(type, left, right, joinQuals, otherQuals);
        // the nullable side a join: also as a nested loop over it parameterized by the outer row
        if ((type == Query.JoinType.LEFT || type == Query.JoinType.ANTI) && j.right() instanceof Query.JoinNode.Join)
            joined = withParameterizedInner(type, joined, left, j.right(), toRight, joinQuals, otherQuals);
        else if (type == Query.JoinType.RIGHT && j.left() instanceof Query.JoinNode.Join)
            joined = withParameterizedInner(Query.JoinType.LEFT, joined, right, j.left(), toLeft, joinQuals, otherQuals);
        if (gating.isEmpty()) return joined;
        return new Rel(new Plan.GatingResult(joined.plan(), ScanPaths.and(gating)), joined.layout(), joined.relids(),
                joined.rows(), joined.cost(), joined.lateralParams(), null, null);
    }

    /**
     * The clauses a parameterized join relation enforces at its joins rather than in a base
     * relation's scan (they would be no index condition there): {@link #build} keeps them from
     * a child that is a single relation. Identity, since equal clauses may be pushed elsewhere.
     */
    private final Set<Expr> joinLevelOnly = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    /**
     * A left (or anti) join whose nullable side is itself a join, done as a nested loop over that join
     * relation parameterized by the outer row (joinpath.c try_nestloop_path over the inner
     * relation's parameterized paths, relnode.c get_joinrel_parampathinfo): the join clauses
     * movable into the inner side (join_clause_is_movable_into: they read both sides and nothing
     * the inner side null-extends itself) take the outer row's values as exec parameters. A
     * clause that one inner base relation can use as an index condition goes to that relation's
     * scan (its parameterized index path); the others are checked at the inner joins covering
     * their relations (the join relation's ppi_clauses). PostgreSQL makes such a path only when
     * some base relation has a parameterized index path, so at least one clause must end up an
     * index condition. The result competes with {@code joined}, the plan chosen without it, as
     * add_path compares them. Only over plain tables without LATERAL references or sub-selects,
     * which can be planned a second time without side effects.
     */
    private Rel withParameterizedInner(Query.JoinType type, Rel joined, Rel outer, Query.JoinNode innerNode, List<Expr> innerPushed,
                                       List<Expr> joinQuals, List<Expr> otherQuals) {
        if (!ScanPaths.setting(info.glob.ctx, "enable_nestloop", true) || !plainTables(innerNode)
                || !outer.lateralParams().isEmpty() || joinQuals.isEmpty()) return joined;
        for (Expr c : innerPushed) if (ExprTrees.any(c, x -> x instanceof Expr.SubLink || x instanceof Expr.SubPlan)) return joined;
        Set<Integer> innerRelids = relids(innerNode);
        Set<Integer> nonNullable = new HashSet<>();
        nonNullable(innerNode, nonNullable);
        Set<Integer> both = union(outer.relids(), innerRelids);
        List<Expr> moved = new ArrayList<>(), kept = new ArrayList<>();
        for (Expr c : joinQuals) {
            Set<Integer> v = varnos(c);
            Set<Integer> innerPart = new HashSet<>(v);
            innerPart.retainAll(innerRelids);
            if (both.containsAll(v) && !innerPart.isEmpty() && !java.util.Collections.disjoint(v, outer.relids())
                    && nonNullable.containsAll(innerPart) && !Clauses.containsVolatileFunctions(c)
                    && !ExprTrees.any(c, x -> x instanceof Expr.SubLink || x instanceof Expr.SubPlan)) moved.add(c);
            else kept.add(c);
        }
        if (moved.isEmpty()) return joined;
        java.util.Map<Expr.Var, Integer> params = new java.util.LinkedHashMap<>();
        List<Expr> parameterized = new ArrayList<>();
        for (Expr c : moved)
            parameterized.add(ExprTrees.map(c, x -> x instanceof Expr.Var v && v.levelsup() == 0 && outer.relids().contains(v.varno())
                    ? new Expr.ExecParam(params.computeIfAbsent(new Expr.Var(v.varno(), v.attno(), v.type(), v.typmod(), null, -1, 0),
                            k -> info.newParamId()), v.type(), v.typmod()) : null));
        List<Plan.NestParam> nestParams = new ArrayList<>();
        for (var e : params.entrySet()) nestParams.add(new Plan.NestParam(e.getValue(), outer.layout().fix(e.getKey())));
        // which clauses an inner base relation can take as an index condition (its parameterized path)
        boolean anyIndexable = false;
        List<Expr> atJoins = new ArrayList<>();
        for (Expr c : parameterized) {
            Set<Integer> v = varnos(c);
            boolean indexable = v.size() == 1 && ScanPaths.parameterizedScan(q.rangeTable().get(v.iterator().next() - 1), c, null,
                    info.glob.env, info.glob.ctx, null, false) != null;
            anyIndexable |= indexable;
            if (!indexable) atJoins.add(c);
        }
        if (!anyIndexable) return joined;
        // the scans and joins of the inner side are costed as repeated once per outer row
        costs.parameterizedBy(outer.plan(), nestParams);
        java.util.Map<Integer, Double> savedRows = new java.util.HashMap<>(baseRows), savedTuples = new java.util.HashMap<>(baseTuples);
        Rel inner;
        joinLevelOnly.addAll(atJoins);
        try {
            List<Expr> pushed = new ArrayList<>(innerPushed);
            pushed.addAll(parameterized);
            inner = build(innerNode, pushed);
        } finally {
            joinLevelOnly.removeAll(atJoins);
            baseRows.clear();
            baseRows.putAll(savedRows);
            baseTuples.clear();
            baseTuples.putAll(savedTuples);
        }
        Set<Integer> ids = new HashSet<>(params.values());
        if (!indexesWithParams(inner.plan(), ids)) return joined;
        SetRefs layout = SetRefs.concat(outer.layout(), inner.layout());
        Plan p = new Plan.NestLoop(type, outer.plan(), inner.plan(), layout.fix(ScanPaths.and(kept)),
                layout.fix(ScanPaths.and(otherQuals)), List.copyOf(nestParams));
        PathChoice<Chosen> choice = new PathChoice<>();
        PlanCosts.Estimate e = costs.of(joined.plan());
        double disabled = joined.cost() - e.total();
        choice.add(new Chosen(joined.plan(), joined.layout()), e.startup() + disabled, joined.cost(), false);
        offer(choice, p, layout, false, true);
        if (choice.cheapest().payload().plan() != p) return joined;
        // the relation's size is the same whichever path produces it (set_joinrel_size_estimates)
        return new Rel(p, layout, joined.relids(), joined.rows(), costs.of(p).total(), joined.lateralParams(), null, null);
    }

    /** Whether every relation of a join tree item is a plain table without LATERAL references, and no ON clause has a sub-select. */
    private boolean plainTables(Query.JoinNode n) {
        return switch (n) {
            case Query.JoinNode.RangeRef r -> {
                Query.RangeTblEntry rte = q.rangeTable().get(r.rtindex() - 1);
                yield rte.kind() == Query.RteKind.RELATION && rte.isTable() && !rte.lateral();
            }
            case Query.JoinNode.Join j -> !ExprTrees.any(j.quals(), x -> x instanceof Expr.SubLink || x instanceof Expr.SubPlan)
                    && plainTables(j.left()) && plainTables(j.right());
        };
    }

    /** Whether some index scan in the plan compares in an index condition with one of the exec parameters {@code ids}. */
    private static boolean indexesWithParams(Plan p, Set<Integer> ids) {
        if (p instanceof Plan.IndexScan s) {
            for (Plan.IndexQual iq : s.indexQuals()) if (iq.argument() instanceof Expr.ExecParam e && ids.contains(e.id())) return true;
            return false;
        }
        return switch (p) {
            case Plan.NestLoop n -> indexesWithParams(n.outer(), ids) || indexesWithParams(n.inner(), ids);
            case Plan.HashJoin h -> indexesWithParams(h.outer(), ids) || indexesWithParams(h.inner(), ids);
            case Plan.MergeJoin m -> indexesWithParams(m.outer(), ids) || indexesWithParams(m.inner(), ids);
            case Plan.Sort s -> indexesWithParams(s.child(), ids);
            case Plan.SubqueryScan s -> s.rte() == null && indexesWithParams(s.child(), ids);
            case Plan.Memoize m -> indexesWithParams(m.child(), ids);
            case Plan.GatingResult g -> indexesWithParams(g.child(), ids);
            default -> false;
        };
    }

    /**
     * equivclass.c reconsider_outer_join_clause for a LEFT (or anti) join: when a restriction of
     * the outer side pins a column to a constant ({@code a.x = 5}) and a join clause equates that
     * column to an expression of the inner side ({@code a.x = b.y}), every inner row that can
     * join has {@code b.y = 5}, which then restricts the inner side too (its scan can use an
     * index on it). The join clause stays as it is, since an outer row still needs it to find
     * its partners. Only a restriction of the column's own type (a same-type equality with a
     * constant) is used, so the constant fits the join operator's argument.
     */
    private static List<Expr> outerJoinConstants(List<Expr> outerRestrictions, List<Expr> joinQuals, Set<Integer> outerRelids,
                                                 Set<Integer> innerRelids) {
        List<Expr> derived = new ArrayList<>();
        for (Expr jc : joinQuals) {
            if (!(jc instanceof Expr.OpExpr op) || !isEquality(op) || op.args().size() != 2
                    || !org.tusk.catalog.IntegerOpFamily.oneFamily(op.op())) continue;
            for (int side = 0; side < 2; side++) {
                Expr outer = op.args().get(side), inner = op.args().get(1 - side);
                Set<Integer> iv = varnos(inner);
                if (!(outer instanceof Expr.Var ov) || ov.levelsup() != 0 || !outerRelids.contains(ov.varno())
                        || iv.isEmpty() || !innerRelids.containsAll(iv) || Clauses.containsVolatileFunctions(inner)) continue;
                Expr.Const k = pinnedConstant(outerRestrictions, ov);
                if (k == null) continue;
                derived.add(new Expr.OpExpr(op.op(), side == 0 ? List.of(k, inner) : List.of(inner, k), op.type(), op.location()));
            }
        }
        return derived;
    }

    /**
     * equivclass.c reconsider_full_join_clause: a restriction of a FULL join's result pinning
     * the merged column of one of its join clauses to a constant ({@code COALESCE(a.x, b.y) = 5}
     * over {@code a.x = b.y}, what {@code WHERE x = 5} over {@code FULL JOIN ... USING (x)} is)
     * holds exactly when {@code a.x = 5} restricts the left side and {@code b.y = 5} the right
     * one: a row of either side with another value can only be emitted with it in the merged
     * column, and two rows of the value join each other. So both restrictions are pushed to the
     * sides (their scans can use an index) and the restriction is dropped, as PostgreSQL drops
     * the COALESCE member from the equivalence class. Only same-type equalities are used, so the
     * constant fits the operator on each side. {@code restrictions} loses what was used.
     */
    private static void fullJoinConstants(List<Expr> restrictions, List<Expr> joinQuals, Set<Integer> leftRelids,
                                          Set<Integer> rightRelids, List<Expr> toLeft, List<Expr> toRight) {
        for (Expr c : List.copyOf(restrictions)) {
            if (!(c instanceof Expr.OpExpr op) || !isEquality(op) || op.args().size() != 2 || op.op().left() != op.op().right())
                continue;
            for (int side = 0; side < 2; side++) {
                if (!(op.args().get(side) instanceof Expr.CoalesceExpr co) || co.args().size() != 2
                        || !(op.args().get(1 - side) instanceof Expr.Const k) || k.value() == null) continue;
                Expr.OpExpr clause = mergedBy(joinQuals, co, leftRelids, rightRelids, op.op().left());
                if (clause == null) continue;
                Expr l = clause.args().get(0), r = clause.args().get(1);
                toLeft.add(new Expr.OpExpr(op.op(), side == 0 ? List.of(l, k) : List.of(k, l), op.type(), op.location()));
                toRight.add(new Expr.OpExpr(op.op(), side == 0 ? List.of(r, k) : List.of(k, r), op.type(), op.location()));
                restrictions.remove(c);
                break;
            }
        }
    }

    /**
     * The join clause {@code l = r} of type {@code type} (l reading the left side, r the right one)
     * whose merged column {@code COALESCE(l, r)} is {@code co}, or null.
     */
    private static Expr.OpExpr mergedBy(List<Expr> joinQuals, Expr.CoalesceExpr co, Set<Integer> leftRelids,
                                        Set<Integer> rightRelids, int type) {
        for (Expr jc : joinQuals) {
            if (!(jc instanceof Expr.OpExpr op) || !isEquality(op) || op.args().size() != 2 || op.op().left() != type
                    || op.op().right() != type) continue;
            Expr l = op.args().get(0), r = op.args().get(1);
            Set<Integer> lv = varnos(l), rv = varnos(r);
            if (lv.isEmpty() || !leftRelids.containsAll(lv) || rv.isEmpty() || !rightRelids.containsAll(rv)
                    || Clauses.containsVolatileFunctions(jc)) continue;
            if (ExprTrees.equal(co.args().get(0), l) && ExprTrees.equal(co.args().get(1), r)) return op;
        }
        return null;
    }

    /** The non-null constant a restriction {@code v = const} (or {@code const = v}) of v's own type pins {@code v} to, or null. */
    private static Expr.Const pinnedConstant(List<Expr> restrictions, Expr.Var v) {
        for (Expr r : restrictions) {
            if (!(r instanceof Expr.OpExpr op) || !isEquality(op) || op.args().size() != 2
                    || op.op().left() != op.op().right() || op.op().left() != v.type()) continue;
            for (int side = 0; side < 2; side++)
                if (op.args().get(side) instanceof Expr.Var x && x.varno() == v.varno() && x.attno() == v.attno()
                        && x.levelsup() == 0 && op.args().get(1 - side) instanceof Expr.Const k && k.value() != null)
                    return k;
        }
        return null;
    }

    /**
     * eval_const_expressions then make_ands_implicit over a qual's conjuncts, as
     * simplify_and_arguments does: a conjunct folded to constant TRUE constrains nothing and is
     * dropped (so ON true leaves no join filter), and one folded to constant FALSE is the whole qual.
     */
    private List<Expr> foldAll(List<Expr> l) {
        List<Expr> out = new ArrayList<>();
        for (Expr e : l) {
            Expr f = Planner.fold(e, info.glob.ctx);
            if (f instanceof Expr.Const c && c.value() instanceof Boolean b) {
                if (b) continue;
                return new ArrayList<>(List.of(f));
            }
            out.add(f);
        }
        return out;
    }

    /** An equality clause usable as a hash or merge key: outer-side and inner-side expressions of one type. */
    private record EquiKey(Expr outer, Expr inner, Expr clause) {}

    private static List<EquiKey> equiKeys(List<Expr> clauses, Rel outer, Rel inner) {
        List<EquiKey> keys = new ArrayList<>();
        for (Expr c : clauses) {
            if (!(c instanceof Expr.OpExpr op) || !op.op().name().equals("=") || op.args().size() != 2
                    || !org.tusk.catalog.IntegerOpFamily.oneFamily(op.op())) continue;
            Expr a = op.args().get(0), b = op.args().get(1);
            Set<Integer> va = varnos(a), vb = varnos(b);
            if (va.isEmpty() || vb.isEmpty()) continue;
            if (outer.relids().containsAll(va) && inner.relids().containsAll(vb)) keys.add(new EquiKey(a, b, c));
            else if (outer.relids().containsAll(vb) && inner.relids().containsAll(va)) keys.add(new EquiKey(b, a, c));
        }
        return keys;
    }

    /** Chooses and builds the join of {@code outer} and {@code inner} (joinpath.c add_paths_to_joinrel). */
    Rel join(Query.JoinType type, Rel outer, Rel inner, List<Expr> joinClauses, List<Expr> otherClauses) {
        if (type == Query.JoinType.RIGHT) return join(Query.JoinType.LEFT, inner, outer, joinClauses, otherClauses);
        // LATERAL: the side that refers to the other must be the inner of a nested loop
        boolean innerNeedsOuter = !java.util.Collections.disjoint(inner.lateralRelids(), outer.relids());
        boolean outerNeedsInner = !java.util.Collections.disjoint(outer.lateralRelids(), inner.relids());
        if (outerNeedsInner && type == Query.JoinType.INNER) return join(type, inner, outer, joinClauses, otherClauses);

        SetRefs layout = SetRefs.concat(outer.layout(), inner.layout());
        Set<Integer> relids = union(outer.relids(), inner.relids());
        List<PlannerInfo.PlanParam> lateral = new ArrayList<>();
        for (Rel r : List.of(outer, inner))
            for (PlannerInfo.PlanParam p : r.lateralParams()) if (!relids.contains(p.var().varno())) lateral.add(p);
        Expr otherQual = layout.fix(ScanPaths.and(otherClauses));

        if (innerNeedsOuter) {
            List<Plan.NestParam> nestParams = new ArrayList<>();
            // the Memoize keys' origins: the outer sides of the clauses moved into the inner
            // side, then the LATERAL references (paraminfo_get_equal_hashops' order)
            List<Expr> origins = new ArrayList<>();
            Query.JoinType nlType = type == Query.JoinType.FULL ? Query.JoinType.LEFT : type;
            List<Expr> kept = new ArrayList<>(joinClauses);
            Plan innerPlan = inner.plan();
            boolean memoizable = true;
            List<Expr> moved = movableIntoLateral(nlType, outer, inner, joinClauses);
            if (!moved.isEmpty()) {
                kept.removeAll(moved);
                java.util.Map<Expr.Var, Integer> params = new java.util.LinkedHashMap<>();
                List<Expr> filter = new ArrayList<>();
                for (Expr c : moved) {
                    memoizable &= outerSide(c, outer, inner) != null;
                    filter.add(inner.layout().fix(ExprTrees.map(c, x -> x instanceof Expr.Var v && v.levelsup() == 0
                            && outer.relids().contains(v.varno())
                            ? new Expr.ExecParam(params.computeIfAbsent(new Expr.Var(v.varno(), v.attno(), v.type(), v.typmod(),
                                    null, -1, 0), k -> info.newParamId()), v.type(), v.typmod()) : null)));
                }
                for (var e : params.entrySet()) {
                    nestParams.add(new Plan.NestParam(e.getValue(), outer.layout().fix(e.getKey())));
                    origins.add(e.getKey());
                }
                if (innerPlan instanceof Plan.SubqueryScan sq && sq.rte() != null && sq.targetList() == null) {
                    // the Subquery Scan's own filter, then the moved clauses
                    List<Expr> all = new ArrayList<>();
                    if (sq.qual() != null) all.add(sq.qual());
                    all.addAll(filter);
                    innerPlan = new Plan.SubqueryScan(sq.child(), ScanPaths.and(all), null, sq.rte());
                } else {
                    innerPlan = new Plan.SubqueryScan(innerPlan, ScanPaths.and(filter), null, null);
                }
            }
            for (PlannerInfo.PlanParam p : inner.lateralParams())
                if (outer.relids().contains(p.var().varno())) {
                    nestParams.add(new Plan.NestParam(p.id(), outer.layout().fix(p.var())));
                    origins.add(p.var());
                }
            Expr joinQual = layout.fix(ScanPaths.and(kept));
            Plan p = new Plan.NestLoop(nlType, outer.plan(), innerPlan, joinQual, otherQual, List.copyOf(nestParams));
            // match_unsorted_outer: the inner path as it is, then through a Memoize keyed by its
            // parameters (binary mode: how the inner side uses the LATERAL references is not known)
            Plan.Memoize memo = memoizable
                    ? memoize(nlType, outer, innerPlan, nestParams, origins, true, false, joinQual == null) : null;
            if (memo == null) return new Rel(p, layout, relids, costs.of(p).rows(), costs.of(p).total(), lateral, null, null);
            boolean nlOn = ScanPaths.setting(info.glob.ctx, "enable_nestloop", true);
            PathChoice<Chosen> choice = new PathChoice<>();
            offer(choice, p, layout, false, nlOn);
            offer(choice, new Plan.NestLoop(nlType, outer.plan(), memo, joinQual, otherQual, List.copyOf(nestParams)), layout,
                    false, nlOn);
            return cheapest(choice, relids, lateral);
        }

        PathChoice<Chosen> choice = new PathChoice<>();
        addPaths(type, outer, inner, joinClauses, otherClauses, choice);
        // make_join_rel: an inner or full join is also tried with the inputs swapped, a left join
        // as the right join of the swapped inputs (hash or merge join, the preserved side inner)
        if (type == Query.JoinType.INNER || type == Query.JoinType.FULL)
            addPaths(type, inner, outer, joinClauses, otherClauses, choice);
        else if (type == Query.JoinType.LEFT)
            addPaths(Query.JoinType.RIGHT, inner, outer, joinClauses, otherClauses, choice);
        return cheapest(choice, relids, lateral);
    }

    /**
     * The join clauses a LATERAL inner relation enforces itself (its ParamPathInfo's ppi_clauses):
     * a relation with LATERAL references has only paths parameterized by the relations it
     * references (set_function_pathlist, set_subquery_pathlist: required_outer is its
     * lateral_relids), and each join clause over it and those relations is movable into such a
     * path (join_clause_is_movable_into: an inner join's clause, or an outer join's ON clause
     * over its nullable side), so it filters the inner relation's rows there rather than the
     * join's. Only for one relation joined by an inner or left join.
     */
    private static List<Expr> movableIntoLateral(Query.JoinType type, Rel outer, Rel inner, List<Expr> joinClauses) {
        if (type != Query.JoinType.INNER && type != Query.JoinType.LEFT || inner.relids().size() != 1) return List.of();
        // the filter goes on the relation's scan node: a Subquery Scan, or the scan under Tusk's projections; a
        // subquery planned as something else (a join, say) is one PostgreSQL would have pulled up, its
        // clauses then going further down, so they stay the join's here
        Plan top = inner.plan();
        if (!(top instanceof Plan.SubqueryScan sq && sq.rte() != null && sq.targetList() == null)) {
            while (top instanceof Plan.SubqueryScan sq && sq.rte() == null) top = sq.child();
            if (!(top instanceof Plan.SeqScan || top instanceof Plan.IndexScan || top instanceof Plan.BitmapHeapScan
                    || top instanceof Plan.FunctionScan || top instanceof Plan.ValuesScan)) return List.of();
        }
        Set<Integer> paramRels = union(inner.relids(), inner.lateralRelids());
        List<Expr> moved = new ArrayList<>();
        for (Expr c : joinClauses) {
            Set<Integer> v = varnos(c);
            if (paramRels.containsAll(v) && !java.util.Collections.disjoint(v, inner.relids())
                    && !java.util.Collections.disjoint(v, outer.relids()) && !ExprTrees.any(c, x -> x instanceof Expr.SubLink))
                moved.add(c);
        }
        return moved;
    }

    /**
     * paraminfo_get_equal_hashops' test of a moved clause: a two-argument operator one side of
     * which reads only the outer relations and the other only the inner one; that side, or null.
     */
    private static Expr outerSide(Expr c, Rel outer, Rel inner) {
        if (!(c instanceof Expr.OpExpr op) || op.args().size() != 2) return null;
        for (int side = 0; side < 2; side++) {
            Set<Integer> a = varnos(op.args().get(side)), b = varnos(op.args().get(1 - side));
            if (!a.isEmpty() && outer.relids().containsAll(a) && !b.isEmpty() && inner.relids().containsAll(b))
                return op.args().get(side);
        }
        return null;
    }

    /** Offers both orderings of an inner join of {@code a} and {@code b} (make_join_rel for JOIN_INNER). */
    void addInnerJoinPaths(Rel a, Rel b, List<Expr> joinClauses, PathChoice<Chosen> choice) {
        addPaths(Query.JoinType.INNER, a, b, joinClauses, List.of(), choice);
        addPaths(Query.JoinType.INNER, b, a, joinClauses, List.of(), choice);
    }

    /** set_cheapest: the join relation's chosen plan, with its estimated rows (eqjoinsel's, by {@link PlanCosts}). */
    Rel cheapest(PathChoice<Chosen> choice, Set<Integer> relids, List<PlannerInfo.PlanParam> lateral) {
        PathChoice.Candidate<Chosen> best = choice.cheapest();
        if (best == null)
            throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                    "FULL JOIN is only supported with merge-joinable or hash-joinable join conditions");
        return new Rel(best.payload().plan(), best.payload().layout(), relids, costs.of(best.payload().plan()).rows(),
                best.total(), lateral, null, null);
    }

    /** A candidate join plan with the layout of its tuples. */
    record Chosen(Plan plan, SetRefs layout) {}

    /** The estimate of a candidate plan (costsize.c via {@link PlanCosts}). */
    private void offer(PathChoice<Chosen> choice, Plan p, SetRefs layout, boolean sorted, boolean enabled) {
        offer(choice, p, layout, sorted, enabled ? 0 : 1);
    }

    /** As above, with the number of disabled parts (the method, each Sort with enable_sort off), each adding disable_cost. */
    private void offer(PathChoice<Chosen> choice, Plan p, SetRefs layout, boolean sorted, int disabledParts) {
        PlanCosts.Estimate e = costs.of(p);
        double disabled = disabledParts * DISABLE_COST;
        choice.add(new Chosen(p, layout), e.startup() + disabled, e.total() + disabled, sorted);
    }

    /**
     * add_paths_to_joinrel for one ordering of the inputs, offering the paths in PostgreSQL's
     * order: merge join over sorted inputs (sort_inner_and_outer), nested loops
     * (match_unsorted_outer: over the inner path as it is, rescanned per outer row, over a
     * parameterized inner index scan, then over the materialized inner), hash join hashing the
     * inner side (hash_inner_and_outer).
     */
    private void addPaths(Query.JoinType type, Rel outer, Rel inner, List<Expr> joinClauses, List<Expr> otherClauses,
                          PathChoice<Chosen> choice) {
        boolean nlOn = ScanPaths.setting(info.glob.ctx, "enable_nestloop", true);
        boolean hashOn = ScanPaths.setting(info.glob.ctx, "enable_hashjoin", true);
        boolean mergeOn = ScanPaths.setting(info.glob.ctx, "enable_mergejoin", true);
        boolean materialOn = ScanPaths.setting(info.glob.ctx, "enable_material", true);
        boolean sortOn = ScanPaths.setting(info.glob.ctx, "enable_sort", true);
        SetRefs layout = SetRefs.concat(outer.layout(), inner.layout());
        Expr otherQual = layout.fix(ScanPaths.and(otherClauses));
        boolean unique = innerUnique(type, inner, joinClauses);
        List<EquiKey> keys = equiKeys(joinClauses, outer, inner);
        List<Expr> rest = new ArrayList<>(joinClauses);
        List<Expr> outerKeys = new ArrayList<>(), innerKeys = new ArrayList<>();
        for (EquiKey k : keys) {
            rest.remove(k.clause());
            outerKeys.add(outer.layout().fix(k.outer()));
            innerKeys.add(inner.layout().fix(k.inner()));
        }
        if (!keys.isEmpty() && type != Query.JoinType.ANTI) {
            // merge join: both sides sorted on their keys (appended as extra columns); not for an
            // anti join (reduce_outer_joins' kind), which the merge join executor does not do
            List<Integer> keyTypes = new ArrayList<>();
            for (EquiKey k : keys) keyTypes.add(SortGroupTypes.of(((Expr.OpExpr) k.clause()).op().left()));
            // sort_inner_and_outer sorts both sides explicitly: create_mergejoin_plan asks a side it
            // sorts for a small target list (CP_SMALL_TLIST)
            Rel sortedOuter = smallTlist(outer), sortedInner = smallTlist(inner);
            List<Expr> mergeOuterKeys = new ArrayList<>(), mergeInnerKeys = new ArrayList<>();
            for (EquiKey k : keys) {
                mergeOuterKeys.add(sortedOuter.layout().fix(k.outer()));
                mergeInnerKeys.add(sortedInner.layout().fix(k.inner()));
            }
            Plan.MergeJoin mj = (Plan.MergeJoin) mergeJoin(type, sortedOuter, sortedInner, mergeOuterKeys, mergeInnerKeys,
                    List.copyOf(keyTypes), rest, otherClauses, unique);
            SetRefs ol = sortedOuter.layout().withWidth(mj.outer().width());
            offer(choice, mj, SetRefs.concat(ol, sortedInner.layout()), true, (mergeOn ? 0 : 1) + (sortOn ? 0 : 2));
            indexOrderedMergeJoins(type, outer, inner, keys, joinClauses, otherClauses, unique, choice, mergeOn, sortOn,
                    materialOn);
        }
        if (keys.isEmpty() && type == Query.JoinType.FULL && rest.stream().allMatch(c -> c instanceof Expr.Const)) {
            // match_unsorted_outer's corner case "x FULL JOIN y ON true": merge join is the one
            // join method doing a FULL JOIN without join clauses, so it is offered clauseless,
            // over unsorted inputs; a constant join qual stays its join filter (select_mergejoin_clauses)
            List<Expr> filter = rest.stream().filter(c -> !Boolean.TRUE.equals(((Expr.Const) c).value())).toList();
            offer(choice, new Plan.MergeJoin(type, outer.plan(), inner.plan(), List.of(), List.of(),
                    layout.fix(ScanPaths.and(filter)), otherQual, List.of()), layout, false, mergeOn);
        }
        if (type != Query.JoinType.FULL && type != Query.JoinType.RIGHT) {
            // match_unsorted_outer: a nested loop over the cheapest inner path, scanned again per outer row
            Expr nlQual = layout.fix(ScanPaths.and(joinClauses));
            offer(choice, new Plan.NestLoop(type, outer.plan(), inner.plan(), nlQual, otherQual, List.of(), unique, false),
                    layout, false, nlOn);
            // nested loop with an index scan of the inner table parameterized by the outer row
            if (inner.table() != null && !keys.isEmpty()) {
                Plan param = parameterizedInner(type, outer, inner, keys, joinClauses, layout, otherQual, unique);
                if (param != null) {
                    offer(choice, param, layout, false, nlOn);
                    // get_memoize_path over the parameterized scan, keyed by the outer sides of its clauses
                    Plan.NestLoop nl = (Plan.NestLoop) param;
                    List<Expr> origins = new ArrayList<>();
                    boolean binary = false;
                    for (EquiKey k : keys) {
                        if (!(k.inner() instanceof Expr.Var) || ExprTrees.any(k.clause(), x -> x instanceof Expr.ExecParam)) continue;
                        origins.add(k.outer());
                        Expr.OpExpr op = (Expr.OpExpr) k.clause();
                        // a join operator that does not hash may tell apart values the hash equality equates
                        if (!org.tusk.catalog.OperatorHashing.hashOk(op.op(), op.args().get(0).type())) binary = true;
                    }
                    Plan.Memoize memo = memoize(type, outer, nl.inner(), nl.nestParams(), origins, binary, unique,
                            nl.joinQual() == null);
                    if (memo != null)
                        offer(choice, new Plan.NestLoop(type, outer.plan(), memo, nl.joinQual(), nl.otherQual(), nl.nestParams(),
                                unique), layout, false, nlOn);
                }
            }
            // the materialized form of the inner path, unless enable_material is off or the inner
            // node keeps its rows anyway (ExecMaterializesOutput)
            if (materialOn && !Plan.materializesOutput(inner.plan())) {
                // create_material_plan asks its input for a small target list (CP_SMALL_TLIST)
                Rel stored = smallTlist(inner);
                SetRefs ml = SetRefs.concat(outer.layout(), stored.layout());
                offer(choice, new Plan.NestLoop(type, outer.plan(), stored.plan(), ml.fix(ScanPaths.and(joinClauses)),
                        ml.fix(ScanPaths.and(otherClauses)), List.of(), unique, true), ml, false, nlOn);
            }
        }
        if (!keys.isEmpty()) {
            // create_hashjoin_plan asks its inner side for a small target list (CP_SMALL_TLIST):
            // the Hash stores only the columns needed above the scan
            Rel hashed = smallTlist(inner);
            SetRefs hl = SetRefs.concat(outer.layout(), hashed.layout());
            List<Expr> hashKeys = new ArrayList<>();
            for (EquiKey k : keys) hashKeys.add(hashed.layout().fix(k.inner()));
            offer(choice, new Plan.HashJoin(type, outer.plan(), hashed.plan(), List.copyOf(outerKeys), List.copyOf(hashKeys),
                    hl.fix(ScanPaths.and(rest)), hl.fix(ScanPaths.and(otherClauses)), unique), hl, false, hashOn);
        }
    }

    /**
     * The level's WHERE conjuncts as {@link #plan} got them, processed and const-folded (a CYCLE
     * clause's {@code is_cycle <> true} is {@code NOT is_cycle} by then), before equivalence
     * classes add the clauses they imply: a restriction of a scan equal to one of them is one
     * the query wrote.
     */
    private List<Expr> processedWhere = List.of();

    /** The needed-column maps of this level's base tables, by range table index (null: scan the physical tuple). */
    private final java.util.Map<Integer, int[]> neededColumns = new java.util.HashMap<>();

    /**
     * The rel's scan emitting only the columns needed above it, as createplan.c builds a scan
     * asked for CP_SMALL_TLIST (under a Hash or a Materialize node) from the rel's reltarget
     * (initsplan.c build_base_rel_tlists / add_vars_to_targetlist: the columns read anywhere in
     * the query level except by the rel's own restriction clauses). The rel itself when it is no
     * plain table scan, when every column is needed, or when the scan must emit its physical
     * tuple anyway (use_physical_tlist's whole-row and system column cases, rows the statement
     * locks or changes).
     */
    Rel smallTlist(Rel rel) {
        if (rel.relids().size() != 1 || q.commandType() != Query.CommandType.SELECT
                || q.rowMarks() != null && !q.rowMarks().isEmpty()) return rel;
        if (rel.table() == null) return smallCteTlist(rel);
        Plan p = rel.plan();
        boolean plainScan = p instanceof Plan.SeqScan s && s.targetList() == null
                || p instanceof Plan.BitmapHeapScan b && b.targetList() == null
                || p instanceof Plan.IndexScan i && i.targetList() == null && !i.indexOnly();
        if (!plainScan) return rel;
        int rtindex = rel.relids().iterator().next();
        Query.RangeTblEntry rte = q.rangeTable().get(rtindex - 1);
        if (rte.inh() && rte.table().relhassubclass()) return rel;
        int[] map = neededColumns.computeIfAbsent(rtindex, r -> neededColumnMap(r, rte, rel.scanQuals()));
        if (map.length == 0) return rel;
        // the scan's target list in the map's order: position map[a] holds column a
        List<Expr> tlist = narrowedTlist(rte, map);
        Plan narrowed = switch (p) {
            case Plan.SeqScan s -> new Plan.SeqScan(s.rte(), s.qual(), List.copyOf(tlist));
            case Plan.BitmapHeapScan b -> new Plan.BitmapHeapScan(b.rte(), b.bitmap(), b.recheck(), b.qual(), List.copyOf(tlist));
            case Plan.IndexScan i -> new Plan.IndexScan(i.rte(), i.index(), i.indexQuals(), i.qual(), List.copyOf(tlist),
                    i.backward(), i.indexOnly(), i.orderBys());
            default -> throw new IllegalStateException("not a plain scan: " + p);
        };
        return new Rel(narrowed, SetRefs.narrowed(rtindex, map, tlist.size()), rel.relids(), rel.rows(), rel.cost(),
                rel.lateralParams(), rel.table(), rel.scanQuals());
    }

    /**
     * {@link #smallTlist} for the scan of a WITH query or of a recursive query's work table:
     * use_physical_tlist lets a CteScan or WorkTableScan emit the WITH query's whole row, but
     * under CP_SMALL_TLIST createplan.c builds its target list from the rel's reltarget, as for a
     * table. Tusk's scan with a filter is a SubqueryScan of the FROM item over the CTE or work
     * table scan; the narrowed scan is that SubqueryScan projecting the needed columns (its
     * filter still reads the whole row, before the projection, as ExecScan does).
     */
    private Rel smallCteTlist(Rel rel) {
        int rtindex = rel.relids().iterator().next();
        Query.RangeTblEntry rte = q.rangeTable().get(rtindex - 1);
        if (rte.kind() != Query.RteKind.CTE) return rel;
        Plan p = rel.plan();
        Plan scan;
        Expr qual;
        if (p instanceof Plan.CteScan || p instanceof Plan.WorkTableScan) {
            scan = p;
            qual = null;
        } else if (Plan.isCteScan(p) && p instanceof Plan.SubqueryScan s && s.rte() == rte && s.targetList() == null) {
            scan = s.child();
            qual = s.qual();
        } else return rel;
        int[] map = neededColumns.computeIfAbsent(rtindex, r -> neededColumnMap(r, rte, ScanPaths.conjuncts(qual)));
        if (map.length == 0) return rel;
        List<Expr> tlist = narrowedTlist(rte, map);
        return new Rel(new Plan.SubqueryScan(scan, qual, tlist, rte), SetRefs.narrowed(rtindex, map, tlist.size()),
                rel.relids(), rel.rows(), rel.cost(), rel.lateralParams(), rel.table(), rel.scanQuals());
    }

    /** A scan's target list emitting column a of {@code rte} at position map[a] (those with map[a] > 0). */
    private static List<Expr> narrowedTlist(Query.RangeTblEntry rte, int[] map) {
        int width = 0;
        for (int a = 1; a < map.length; a++) width = Math.max(width, map[a]);
        Expr[] columns = new Expr[width];
        for (int a = 1; a < map.length; a++) {
            if (map[a] == 0) continue;
            var c = rte.columns().get(a - 1);
            columns[map[a] - 1] = new Expr.Var(Expr.Var.RESOLVED, a, c.typeOid(), c.typmod(), c.name(), -1, 0);
        }
        return List.of(columns);
    }

    /**
     * attr_needed of one base table, as a column map for {@link SetRefs#narrowed} (empty: keep
     * the physical tuple): the columns whose Vars appear anywhere in the query level (and the
     * levels nested in it) other than in the rel's own restriction clauses. A restriction is
     * taken off only when it is literally one of the query's WHERE or ON conjuncts, so that a
     * clause the planner derived (an equivalence class's) never hides a read that stays above.
     */
    private int[] neededColumnMap(int rtindex, Query.RangeTblEntry rte, List<Expr> scanQuals) {
        int natts = rte.columns().size();
        int[] reads = IndexOnlyScans.columnReads(q, rtindex, natts);
        if (scanQuals != null && !scanQuals.isEmpty()) {
            List<Expr> written = new ArrayList<>();
            collectConjuncts(q.fromList(), written);
            written.addAll(ScanPaths.conjuncts(q.where()));
            written.addAll(processedWhere);
            for (Expr c : scanQuals) if (written.remove(c)) reads = IndexOnlyScans.without(reads, c);
        }
        if (reads[0] > 0) return new int[0];
        for (int a = natts + 1; a < reads.length; a++) if (reads[a] > 0) return new int[0];
        int[] needed = reads;
        // the reltarget's order: the order add_vars_to_targetlist meets the Vars (build_base_rel_tlists
        // over the target list, then HAVING, then deconstruct_jointree's join clauses, each join's
        // after its inputs', WHERE's last); a column read only elsewhere (a sub-select) after them
        List<Expr> order = new ArrayList<>();
        for (Query.TargetEntry te : q.targetList()) order.add(te.expr());
        order.add(q.havingQual());
        for (Query.JoinNode n : q.fromList()) joinClauseOrder(n, rtindex, order);
        for (Expr c : ScanPaths.conjuncts(q.where())) if (!varnos(c).equals(Set.of(rtindex))) order.add(c);
        int[] map = new int[natts + 1];
        int[] n = {0};
        for (Expr e : order) {
            if (e == null) continue;
            ExprTrees.any(e, x -> {
                if (x instanceof Expr.Var v && v.levelsup() == 0 && v.varno() == rtindex && v.attno() >= 1 && v.attno() <= natts
                        && needed[v.attno()] > 0 && map[v.attno()] == 0) map[v.attno()] = ++n[0];
                return false;
            });
        }
        for (int a = 1; a <= natts; a++) if (reads[a] > 0 && map[a] == 0) map[a] = ++n[0];
        // nothing read (a count(*) over a join) or everything read: the physical tuple
        if (n[0] == 0 || n[0] == natts) return new int[0];
        return map;
    }

    private void joinClauseOrder(Query.JoinNode n, int rtindex, List<Expr> into) {
        if (n instanceof Query.JoinNode.Join j) {
            joinClauseOrder(j.left(), rtindex, into);
            joinClauseOrder(j.right(), rtindex, into);
            for (Expr c : ScanPaths.conjuncts(j.quals())) if (!varnos(c).equals(Set.of(rtindex))) into.add(c);
        }
    }

    private static void collectConjuncts(List<Query.JoinNode> nodes, List<Expr> into) {
        for (Query.JoinNode n : nodes) collectConjuncts(n, into);
    }

    private static void collectConjuncts(Query.JoinNode n, List<Expr> into) {
        if (n instanceof Query.JoinNode.Join j) {
            into.addAll(ScanPaths.conjuncts(j.quals()));
            collectConjuncts(j.left(), into);
            collectConjuncts(j.right(), into);
        }
    }

    /**
     * innerrel_is_unique: whether each outer row can match at most one row of {@code inner}
     * (Join.inner_unique, which EXPLAIN VERBOSE shows): the inner side is one table with a unique
     * index whose every key column a join clause equates to an expression over the outer side
     * or one of its own restrictions to a constant, or one subquery distinct over the columns the
     * join clauses equate (query_is_distinct_for). Never for a semi or anti join.
     */
    private boolean innerUnique(Query.JoinType type, Rel inner, List<Expr> joinClauses) {
        if (type == Query.JoinType.SEMI || type == Query.JoinType.ANTI || inner.relids().size() != 1) return false;
        int varno = inner.relids().iterator().next();
        Query.RangeTblEntry rte = q.rangeTable().get(varno - 1);
        Set<Integer> equated = JoinRemoval.equatedColumns(ScanPaths.and(joinClauses), varno);
        if (rte.kind() == Query.RteKind.SUBQUERY && rte.subquery() != null)
            return !equated.isEmpty() && (JoinRemoval.isDistinctFor(rte.subquery(), equated)
                    || tableSubqueryUniqueFor(rte.subquery(), equated));
        if (rte.kind() != Query.RteKind.RELATION || !rte.isTable() || inner.table() == null) return false;
        if (rte.inh() && rte.table().relhassubclass()) return false;
        if (inner.scanQuals() != null) equated.addAll(JoinRemoval.equatedColumns(ScanPaths.and(inner.scanQuals()), varno));
        return JoinRemoval.hasUniqueIndexOn(rte.table(), equated, info.glob.env);
    }

    /**
     * A subquery that PostgreSQL would have pulled up into a scan of its one table (we keep it
     * below an outer join when an output needs a PlaceHolderVar, as {@code true AS linked}
     * does): a plain SELECT of one table, without grouping, DISTINCT, set operations or
     * set-returning functions, is unique for output columns {@code colnos} when they are
     * columns of that table that, with those its WHERE equates to constants, cover a unique
     * index (innerrel_is_unique on the pulled-up relation).
     */
    private boolean tableSubqueryUniqueFor(Query sub, Set<Integer> colnos) {
        if (sub.commandType() != Query.CommandType.SELECT || sub.setOperations() != null || sub.hasGrouping()
                || !sub.distinctClause().isEmpty() || sub.fromList().size() != 1
                || !(sub.fromList().get(0) instanceof Query.JoinNode.RangeRef ref)) return false;
        Query.RangeTblEntry t = sub.rangeTable().get(ref.rtindex() - 1);
        if (t.kind() != Query.RteKind.RELATION || !t.isTable() || t.inh() && t.table().relhassubclass()) return false;
        Set<Integer> attnos = new java.util.HashSet<>();
        for (Query.TargetEntry te : sub.targetList()) {
            if (Clauses.returnsSet(te.expr())) return false;
            if (colnos.contains(te.resno()) && te.expr() instanceof Expr.Var v && v.levelsup() == 0
                    && v.varno() == ref.rtindex() && v.attno() > 0) attnos.add(v.attno());
        }
        attnos.addAll(JoinRemoval.equatedColumns(sub.where(), ref.rtindex()));
        return JoinRemoval.hasUniqueIndexOn(t.table(), attnos, info.glob.env);
    }

    private static boolean isEquality(Expr c) {
        return c instanceof Expr.OpExpr op && op.op().name().equals("=");
    }

    static double sortCost(double rows) {
        double n = Math.max(rows, 2);
        return 2 * CPU_OPERATOR_COST * n * (Math.log(n) / Math.log(2));
    }

    /** Sorts both inputs on the key expressions, appended to each side's tuple, and merges. */
    private Plan mergeJoin(Query.JoinType type, Rel outer, Rel inner, List<Expr> outerKeys, List<Expr> innerKeys,
                           List<Integer> keyTypes, List<Expr> rest, List<Expr> otherClauses, boolean innerUnique) {
        Sorted o = sortedOn(outer.plan(), outerKeys);
        Sorted i = sortedOn(inner.plan(), innerKeys);
        SetRefs ol = outer.layout().withWidth(o.plan().width());
        SetRefs il = inner.layout().withWidth(i.plan().width());
        SetRefs layout = SetRefs.concat(ol, il);
        return new Plan.MergeJoin(type, o.plan(), i.plan(), o.columns(), i.columns(), layout.fix(ScanPaths.and(rest)),
                layout.fix(ScanPaths.and(otherClauses)), keyTypes, innerUnique);
    }

    /** A merge join input sorted on its keys, and the column of each key in its tuples. */
    private record Sorted(Plan plan, List<Integer> columns) {}

    /**
     * Sorts a merge join input on its keys. A key that is a column of the input is sorted on in
     * place; any other key expression is computed into an extra column appended to the tuple.
     * A column already sorted on is not sorted on again (a redundant pathkey in PostgreSQL).
     */
    private static Sorted sortedOn(Plan p, List<Expr> keys) {
        List<Expr> extra = new ArrayList<>();
        List<Integer> cols = new ArrayList<>();
        for (Expr k : keys) {
            if (k instanceof Expr.Var v && v.varno() == Expr.Var.RESOLVED && v.levelsup() == 0 && v.attno() >= 1
                    && v.attno() <= p.width()) {
                cols.add(v.attno() - 1);
            } else {
                cols.add(p.width() + extra.size());
                extra.add(k);
            }
        }
        Plan in = p;
        if (!extra.isEmpty()) {
            in = projectingScan(p, extra);
            if (in == null) {
                List<Expr> tl = new ArrayList<>();
                for (int c = 0; c < p.width(); c++) tl.add(new Expr.Var(Expr.Var.RESOLVED, c + 1, 0, -1, null, -1, 0));
                tl.addAll(extra);
                in = new Plan.SubqueryScan(p, null, List.copyOf(tl));
            }
        }
        List<Plan.SortKey> sk = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int k = 0; k < cols.size(); k++)
            if (seen.add(cols.get(k))) sk.add(new Plan.SortKey(cols.get(k), false, false, SortGroupTypes.of(keys.get(k))));
        return new Sorted(new Plan.Sort(in, List.copyOf(sk)), List.copyOf(cols));
    }

    /**
     * A table scan {@code p} that also computes {@code extra} (expressions over its output
     * columns) after its own columns, as PostgreSQL's scans project: make_sort_from_pathkeys
     * adds a sort key expression to the target list of its input (a scan is projection
     * capable), so EXPLAIN shows it computed by the scan. Null when {@code p} is no plain scan.
     */
    private static Plan projectingScan(Plan p, List<Expr> extra) {
        Query.RangeTblEntry rte;
        List<Expr> own;
        switch (p) {
            case Plan.SeqScan s -> { rte = s.rte(); own = s.targetList(); }
            case Plan.BitmapHeapScan b -> { rte = b.rte(); own = b.targetList(); }
            case Plan.IndexScan i when !i.indexOnly() -> { rte = i.rte(); own = i.targetList(); }
            default -> { return null; }
        }
        List<Expr> tl = new ArrayList<>();
        if (own != null) {
            tl.addAll(own);
        } else {
            if (p.width() != rte.columns().size()) return null;
            for (int a = 1; a <= p.width(); a++) {
                var c = rte.columns().get(a - 1);
                tl.add(new Expr.Var(Expr.Var.RESOLVED, a, c.typeOid(), c.typmod(), c.name(), -1, 0));
            }
        }
        // the keys read the scan's output positions: position k is its target list's entry k
        int width = tl.size();
        for (Expr k : extra)
            tl.add(ExprTrees.map(k, x -> x instanceof Expr.Var v && v.varno() == Expr.Var.RESOLVED && v.levelsup() == 0
                    && v.attno() >= 1 && v.attno() <= width ? tl.get(v.attno() - 1) : null));
        List<Expr> target = List.copyOf(tl);
        return switch (p) {
            case Plan.SeqScan s -> new Plan.SeqScan(s.rte(), s.qual(), target);
            case Plan.BitmapHeapScan b -> new Plan.BitmapHeapScan(b.rte(), b.bitmap(), b.recheck(), b.qual(), target);
            case Plan.IndexScan i -> new Plan.IndexScan(i.rte(), i.index(), i.indexQuals(), i.qual(), target, i.backward(),
                    i.indexOnly(), i.orderBys());
            default -> null;
        };
    }

    /**
     * generate_mergejoin_paths for an outer table read in the order of one of its indexes
     * (match_unsorted_outer over the outer relation's index paths with useful pathkeys): the
     * merge clauses are those whose outer columns the index's leading columns are, in the
     * index's order (find_mergeclauses_for_outer_pathkeys); the other join clauses stay a join
     * filter. The inner side is sorted on the matching keys, or, when it is a table too, read in
     * that order through one of its own indexes (the inner path with the pathkeys). Only keys of
     * types whose btree order is the merge comparison's whatever the collation are used.
     */
    private void indexOrderedMergeJoins(Query.JoinType type, Rel outer, Rel inner, List<EquiKey> keys, List<Expr> joinClauses,
                                        List<Expr> otherClauses, boolean unique, PathChoice<Chosen> choice, boolean mergeOn,
                                        boolean sortOn, boolean materialOn) {
        int rtindex = orderableTable(outer);
        if (rtindex < 0) return;
        java.util.Map<Integer, EquiKey> byColumn = new java.util.LinkedHashMap<>();
        for (EquiKey k : keys)
            if (k.outer() instanceof Expr.Var v && v.varno() == rtindex && v.levelsup() == 0 && v.attno() > 0
                    && MERGE_ORDERED_TYPES.contains(k.outer().type()) && MERGE_ORDERED_TYPES.contains(k.inner().type()))
                byColumn.putIfAbsent(v.attno(), k);
        if (byColumn.isEmpty()) return;
        Set<List<Integer>> orders = new java.util.LinkedHashSet<>();
        for (org.tusk.utils.cache.Relation index : info.glob.env.catalog().indexesOf(outer.table().table())) {
            List<Integer> order = indexOrder(index, byColumn.keySet(), pinnedColumns(type, outer));
            if (!order.isEmpty()) orders.add(order);
        }
        SetRefs layout = SetRefs.concat(outer.layout(), inner.layout());
        for (List<Integer> order : orders) {
            Plan outerScan = orderedScan(outer, rtindex, order);
            if (outerScan == null) continue;
            List<Integer> outerCols = new ArrayList<>(), keyTypes = new ArrayList<>();
            List<Expr> innerKeys = new ArrayList<>(), rest = new ArrayList<>(joinClauses);
            for (int attno : order) {
                EquiKey k = byColumn.get(attno);
                outerCols.add(((Expr.Var) outer.layout().fix(k.outer())).attno() - 1);
                innerKeys.add(inner.layout().fix(k.inner()));
                keyTypes.add(SortGroupTypes.of(((Expr.OpExpr) k.clause()).op().left()));
                rest.remove(k.clause());
            }
            // a FULL merge join must merge on all its join clauses (generate_mergejoin_paths' useallclauses)
            if (type == Query.JoinType.FULL && !rest.isEmpty()) continue;
            // the inner side sorted on its keys
            Sorted is = sortedOn(inner.plan(), innerKeys);
            SetRefs sl = SetRefs.concat(outer.layout(), inner.layout().withWidth(is.plan().width()));
            offer(choice, new Plan.MergeJoin(type, outerScan, is.plan(), List.copyOf(outerCols), is.columns(),
                    sl.fix(ScanPaths.and(rest)), sl.fix(ScanPaths.and(otherClauses)), List.copyOf(keyTypes), unique),
                    layout, true, (mergeOn ? 0 : 1) + (sortOn ? 0 : 1));
            // the inner table read in the keys' order through an index of its own
            int innerRt = orderableTable(inner);
            if (innerRt < 0) continue;
            List<Integer> innerOrder = new ArrayList<>(), innerCols = new ArrayList<>();
            for (int attno : order) {
                Expr ik = byColumn.get(attno).inner();
                if (!(ik instanceof Expr.Var v) || v.varno() != innerRt || v.levelsup() != 0 || v.attno() <= 0
                        || innerOrder.contains(v.attno())) break;
                innerOrder.add(v.attno());
                innerCols.add(((Expr.Var) inner.layout().fix(ik)).attno() - 1);
            }
            if (innerOrder.size() != order.size() || !orderedByAnIndex(type, inner, innerOrder)) continue;
            Plan innerScan = orderedScan(inner, innerRt, innerOrder);
            if (innerScan == null) continue;
            Plan.MergeJoin bare = new Plan.MergeJoin(type, outerScan, innerScan, List.copyOf(outerCols), List.copyOf(innerCols),
                    layout.fix(ScanPaths.and(rest)), layout.fix(ScanPaths.and(otherClauses)), List.copyOf(keyTypes), unique, false);
            // final_cost_mergejoin: the index scan re-reads the rows of equal keys itself unless a
            // Material node over it is cheaper (and enable_material allows one)
            boolean materialize = materialOn && costs.mergeInnerCheaperMaterialized(bare);
            offer(choice, materialize ? new Plan.MergeJoin(type, outerScan, innerScan, bare.outerKeys(), bare.innerKeys(),
                    bare.joinQual(), bare.otherQual(), bare.keyTypes(), unique, true) : bare, layout, true, mergeOn);
        }
    }

    /** Non-collatable types whose default btree order is the one a merge join compares in. */
    private static final Set<Integer> MERGE_ORDERED_TYPES = Set.of(20, 21, 23, 26, 1082, 1114, 1184, 1700);

    /**
     * build_index_pathkeys cut to the merge keys: the index's leading key columns that are
     * among {@code columns} (a column a constant pins is skipped), ascending under the column
     * type's default operator class; empty if the index does not start so.
     */
    private static List<Integer> indexOrder(org.tusk.utils.cache.Relation index, Set<Integer> columns, Set<Integer> constants) {
        List<Integer> order = new ArrayList<>();
        if (!index.indexIsValid() || !index.indexIsOrdered()) return order;
        org.tusk.utils.cache.Relation.IndexInfo ii = index.index();
        int[] indclass = ii.indclass();
        for (int c = 0; c < ii.keyCount(); c++) {
            int attno = ii.keyAttnum(c);
            if (attno > 0 && constants.contains(attno)) continue;
            if (attno <= 0 || !columns.contains(attno) || order.contains(attno)) break;
            int type = index.atttypid(c + 1);
            if (c < indclass.length && (org.tusk.catalog.BtreeOpclasses.coercedInputType(indclass[c], type) != 0
                    || org.tusk.catalog.BtreeOpclasses.nonDefaultName(indclass[c]) != null)) break;
            order.add(attno);
        }
        return List.copyOf(order);
    }

    /**
     * The columns of a join input's table that its restrictions pin to a constant, which an
     * index order skips (pathkey_is_redundant: their equivalence class holds a constant). None
     * for a FULL join's inputs: an equivalence class below an outer join is not redundant
     * (EC_MUST_BE_REDUNDANT), so {@code x = 5} leaves an index on x ordering the merge on x.
     */
    private static Set<Integer> pinnedColumns(Query.JoinType type, Rel rel) {
        return type == Query.JoinType.FULL ? Set.of() : ScanOrder.constantColumns(rel.scanQuals());
    }

    /** Whether some index of the relation's table starts with exactly {@code order}'s columns. */
    private boolean orderedByAnIndex(Query.JoinType type, Rel rel, List<Integer> order) {
        Set<Integer> columns = new HashSet<>(order);
        for (org.tusk.utils.cache.Relation index : info.glob.env.catalog().indexesOf(rel.table().table())) {
            List<Integer> o = indexOrder(index, columns, pinnedColumns(type, rel));
            if (o.size() >= order.size() && o.subList(0, order.size()).equals(order)) return true;
        }
        return false;
    }

    /** The range table index of a relation that is one plain table scanned directly, else -1. */
    private int orderableTable(Rel rel) {
        if (rel.table() == null || rel.relids().size() != 1 || rel.scanQuals() == null || !rel.lateralParams().isEmpty()) return -1;
        if (!(rel.plan() instanceof Plan.SeqScan || rel.plan() instanceof Plan.IndexScan || rel.plan() instanceof Plan.BitmapHeapScan))
            return -1;
        Query.RangeTblEntry rte = rel.table();
        if (rte.kind() != Query.RteKind.RELATION || !rte.isTable() || rte.inh() && rte.table().relhassubclass()) return -1;
        return rel.relids().iterator().next();
    }

    /**
     * The scan of a relation's table in the ascending order of {@code order}'s columns (an index
     * path with those pathkeys, {@link ScanPaths}), keeping the base scan's output, or null when
     * no index scan delivers it more cheaply than sorting.
     */
    private Plan orderedScan(Rel rel, int rtindex, List<Integer> order) {
        List<ScanOrder.Key> wanted = new ArrayList<>();
        for (int attno : order) wanted.add(new ScanOrder.Key(attno, false, false));
        List<Expr> tlist = switch (rel.plan()) {
            case Plan.SeqScan s -> s.targetList();
            case Plan.IndexScan s -> s.targetList();
            case Plan.BitmapHeapScan s -> s.targetList();
            default -> null;
        };
        boolean target = rtindex == info.query.resultRelation() || RowLocking.marks(info.query, rtindex);
        int[] reads = !target && (info.query.rowMarks() == null || info.query.rowMarks().isEmpty())
                ? IndexOnlyScans.columnReads(info.query, rtindex, rel.table().columns().size()) : null;
        ScanPaths.Choice c = ScanPaths.scan(rel.table(), ScanPaths.and(rel.scanQuals()), tlist, info.glob.env, info.glob.ctx,
                wanted, -1, reads, target);
        if (!c.ordered() || !(c.plan() instanceof Plan.IndexScan) || c.plan().width() != rel.plan().width()) return null;
        return c.plan();
    }

    /**
     * joinpath.c get_memoize_path: a Memoize over {@code innerPlan}, the parameterized inner side of
     * a nested loop whose parameters {@code params} come from {@code origins} (the outer
     * expressions, over the range table), or null when PostgreSQL would not make one: memoize is
     * disabled, the outer side is expected to have fewer than two rows, there are no parameters,
     * the join is a semi or anti join (the loop stops reading the inner side early) unless the
     * inner side is unique, a unique inner side has join clauses that are not parameterized (its
     * first row would not complete the entry), the inner relation's output or filter calls a volatile function
     * (a hit would call it fewer times; {@link PlanVolatility}) or a key's type does not hash. The keys' distinct values are
     * estimate_num_groups' over the outer rows (all of them different when that estimate is a
     * default guess, which makes the Memoize lose).
     */
    private Plan.Memoize memoize(Query.JoinType type, Rel outer, Plan innerPlan, List<Plan.NestParam> params, List<Expr> origins,
                                 boolean binary, boolean unique, boolean allClausesParameterized) {
        if (!ScanPaths.setting(info.glob.ctx, "enable_memoize", true) || params.isEmpty() || params.size() != origins.size())
            return null;
        double calls = outer.rows();
        if (calls < 2) return null;
        if (!unique && (type == Query.JoinType.SEMI || type == Query.JoinType.ANTI)) return null;
        if (unique && !allClausesParameterized) return null;
        List<Expr> keys = new ArrayList<>();
        List<Integer> keyTypes = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            Expr o = origins.get(i);
            int t = org.tusk.catalog.TypeCache.baseType(o.type());
            if (!org.tusk.catalog.OperatorHashing.oprcanhash("=", t, t) || Clauses.containsVolatileFunctions(o)) return null;
            keys.add(new Expr.ExecParam(params.get(i).paramId(), o.type(), o.typmod()));
            keyTypes.add(t);
        }
        if (PlanVolatility.relCallsVolatile(innerPlan)) return null;
        boolean[] usedDefault = {false};
        double ndistinct = new GroupCounts(q, info.glob.env).estimate(origins, calls,
                relid -> baseRows.getOrDefault(relid, -1.0), relid -> baseTuples.getOrDefault(relid, -1.0), usedDefault);
        if (usedDefault[0]) ndistinct = calls;
        return new Plan.Memoize(innerPlan, List.copyOf(keys), List.copyOf(keyTypes), binary, unique, calls, ndistinct);
    }

    /**
     * A nested loop whose inner side is an index scan of the inner table with each equality
     * key's outer value as an exec parameter (a parameterized path), or null if no index
     * serves those conditions.
     */
    private Plan parameterizedInner(Query.JoinType type, Rel outer, Rel inner, List<EquiKey> keys, List<Expr> joinClauses,
                                    SetRefs layout, Expr otherQual, boolean innerUnique) {
        List<Expr> quals = new ArrayList<>(inner.scanQuals());
        List<Plan.NestParam> nestParams = new ArrayList<>();
        List<Expr> rest = new ArrayList<>(joinClauses);
        for (EquiKey k : keys) {
            // a clause reading a parameter of an enclosing parameterized join relation (a third
            // relation's value) is not movable into this scan's path, parameterized by the outer side alone
            if (!(k.inner() instanceof Expr.Var) || ExprTrees.any(k.clause(), x -> x instanceof Expr.ExecParam)) continue;
            int id = info.newParamId();
            Expr.OpExpr op = (Expr.OpExpr) k.clause();
            Expr param = new Expr.ExecParam(id, k.outer().type(), k.outer().typmod());
            // the clause keeps its operator and argument order, the outer side replaced by the
            // parameter: a cross-type operator (int84eq) takes its arguments in that order, and
            // match_clause_to_indexcol commutes "param = column" itself
            boolean outerFirst = op.args().get(0) == k.outer();
            quals.add(new Expr.OpExpr(op.op(), outerFirst ? List.of(param, k.inner()) : List.of(k.inner(), param),
                    op.type(), op.location()));
            nestParams.add(new Plan.NestParam(id, outer.layout().fix(k.outer())));
            rest.remove(k.clause());
        }
        if (nestParams.isEmpty()) return null;
        // an inner table read for its index columns only is scanned index-only, as a base scan would be
        int rtindex = inner.relids().size() == 1 ? inner.relids().iterator().next() : -1;
        int[] reads = rtindex > 0 && rtindex != info.query.resultRelation()
                && (info.query.rowMarks() == null || info.query.rowMarks().isEmpty())
                ? IndexOnlyScans.columnReads(info.query, rtindex, inner.table().columns().size()) : null;
        // the inner keeps the base scan's output (e.g. the ctid a row mark or a system column needs)
        List<Expr> tlist = switch (inner.plan()) {
            case Plan.SeqScan s -> s.targetList();
            case Plan.IndexScan s -> s.targetList();
            case Plan.BitmapHeapScan s -> s.targetList();
            default -> null;
        };
        boolean target = rtindex > 0 && (rtindex == info.query.resultRelation() || RowLocking.marks(info.query, rtindex));
        Plan scan = ScanPaths.parameterizedScan(inner.table(), ScanPaths.and(quals), tlist, info.glob.env, info.glob.ctx,
                reads, target);
        if (scan == null) return null;
        return new Plan.NestLoop(type, outer.plan(), scan, layout.fix(ScanPaths.and(rest)), otherQual,
                List.copyOf(nestParams), innerUnique);
    }

    /** The table's tuples as estimate_rel_size estimates them ({@link RelSize}). */
    static double tableRows(Query.RangeTblEntry rte, ExecEnvironment env) {
        return RelSize.of(rte.table(), env).tuples();
    }
}
