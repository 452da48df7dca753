package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tusk.nodes.Expr;

/**
 * The order in which the inner-joined items of one query level are joined: PostgreSQL's
 * dynamic-programming search (joinrels.c standard_join_search / join_search_one_level) over
 * items none of which is LATERAL. Level 1 holds the items in FROM order; level k holds every
 * join relation of k items, built by joining each relation of level k-1 with an item it shares
 * a join clause with (make_rels_by_clause_joins), or with every item when it has no join clause
 * at all (make_rels_by_clauseless_joins), and from level 4 on also two smaller join relations
 * (bushy plans). When a level gets no relation that way, every level k-1 relation is joined with
 * every item (a cartesian product is then unavoidable). A join relation of a given set of items
 * collects the paths of every pair that forms it, both ways round, in {@link PathChoice}, so
 * which pair forms it first decides exact ties, as in PostgreSQL; its row estimate is that of
 * its cheapest plan ({@link PlanCosts}).
 *
 * <p>Join clauses are the WHERE conjuncts that read more than one item; a clause is applied at
 * the first join whose items cover it; {@link EquivalenceClasses} add the clauses they imply
 * for each pair joined, and a class reading both of two relations connects them. Outer-join
 * order restrictions are not modelled here: items are the inner-joined FROM items, an outer
 * join being one item.
 */
final class JoinSearch {
    private final JoinPlanner planner;
    private final List<Expr> clauses;
    private final List<Set<Integer>> clauseRelids = new ArrayList<>();

    /** A join relation being built at the current level: its paths. */
    private record Building(PathChoice<JoinPlanner.Chosen> paths) {}

    private final EquivalenceClasses ecs;

    JoinSearch(JoinPlanner planner, List<Expr> clauses, EquivalenceClasses ecs) {
        this.planner = planner;
        this.clauses = clauses;
        this.ecs = ecs;
        for (Expr c : clauses) clauseRelids.add(JoinPlanner.varnos(c));
    }

    /** Joins all {@code items} (at least two), removing the clauses applied from the pending list. */
    JoinPlanner.Rel search(List<JoinPlanner.Rel> items) {
        List<List<JoinPlanner.Rel>> levels = new ArrayList<>();
        levels.add(List.of());
        levels.add(List.copyOf(items));
        for (int level = 2; level <= items.size(); level++) levels.add(oneLevel(levels, level));
        JoinPlanner.Rel result = levels.get(items.size()).get(0);
        for (int i = clauses.size() - 1; i >= 0; i--)
            if (result.relids().containsAll(clauseRelids.get(i)) && !clauseRelids.get(i).isEmpty()
                    && !coveredByOne(items, clauseRelids.get(i))) clauses.remove(i);
        return result;
    }

    private static boolean coveredByOne(List<JoinPlanner.Rel> items, Set<Integer> relids) {
        for (JoinPlanner.Rel r : items) if (r.relids().containsAll(relids)) return true;
        return false;
    }

    /** join_search_one_level. */
    private List<JoinPlanner.Rel> oneLevel(List<List<JoinPlanner.Rel>> levels, int level) {
        Map<Set<Integer>, Building> built = new LinkedHashMap<>();
        List<JoinPlanner.Rel> initial = levels.get(1);
        List<JoinPlanner.Rel> previous = levels.get(level - 1);
        for (int i = 0; i < previous.size(); i++) {
            JoinPlanner.Rel old = previous.get(i);
            // at level 2 only items after this one, so that each pair is considered once
            List<JoinPlanner.Rel> others = level == 2 ? initial.subList(i + 1, initial.size()) : initial;
            if (hasJoinClauses(old)) {
                for (JoinPlanner.Rel other : others)
                    if (Collections.disjoint(old.relids(), other.relids()) && relevantClause(old, other))
                        makeJoinRel(built, old, other);
            } else {
                for (JoinPlanner.Rel other : others)
                    if (Collections.disjoint(old.relids(), other.relids())) makeJoinRel(built, old, other);
            }
        }
        // bushy plans: a join relation of k items with one of level - k items
        for (int k = 2; k <= level / 2; k++) {
            List<JoinPlanner.Rel> left = levels.get(k), right = levels.get(level - k);
            for (int i = 0; i < left.size(); i++) {
                JoinPlanner.Rel a = left.get(i);
                if (!hasJoinClauses(a)) continue;
                for (int j = k == level - k ? i + 1 : 0; j < right.size(); j++) {
                    JoinPlanner.Rel b = right.get(j);
                    if (Collections.disjoint(a.relids(), b.relids()) && relevantClause(a, b)) makeJoinRel(built, a, b);
                }
            }
        }
        if (built.isEmpty()) {
            // no join clause helps: cartesian products of each previous relation with each item
            for (JoinPlanner.Rel old : previous)
                for (JoinPlanner.Rel other : initial)
                    if (Collections.disjoint(old.relids(), other.relids())) makeJoinRel(built, old, other);
        }
        List<JoinPlanner.Rel> out = new ArrayList<>();
        for (Map.Entry<Set<Integer>, Building> e : built.entrySet())
            out.add(planner.cheapest(e.getValue().paths(), e.getKey(), List.of()));
        return out;
    }

    /** make_join_rel for an inner join: adds the paths of {@code a} joined with {@code b} to their join relation. */
    private void makeJoinRel(Map<Set<Integer>, Building> built, JoinPlanner.Rel a, JoinPlanner.Rel b) {
        Set<Integer> relids = JoinPlanner.union(a.relids(), b.relids());
        List<Expr> joinClauses = new ArrayList<>();
        for (int i = 0; i < clauses.size(); i++) {
            Set<Integer> r = clauseRelids.get(i);
            if (!r.isEmpty() && relids.containsAll(r) && !a.relids().containsAll(r) && !b.relids().containsAll(r))
                joinClauses.add(clauses.get(i));
        }
        // build_joinrel_restrictlist: the clauses equivalence classes imply come last
        joinClauses.addAll(ecs.joinClauses(a.relids(), b.relids()));
        Building b0 = built.get(relids);
        if (b0 == null) {
            b0 = new Building(new PathChoice<>());
            built.put(Set.copyOf(new HashSet<>(relids)), b0);
        }
        planner.addInnerJoinPaths(a, b, joinClauses, b0.paths());
    }

    /** Whether some join clause reads {@code rel} and something outside it. */
    private boolean hasJoinClauses(JoinPlanner.Rel rel) {
        if (ecs.hasJoinClauses(rel.relids())) return true;
        for (Set<Integer> r : clauseRelids)
            if (!Collections.disjoint(r, rel.relids()) && !rel.relids().containsAll(r)) return true;
        return false;
    }

    /** have_relevant_joinclause: some join clause reads both relations. */
    private boolean relevantClause(JoinPlanner.Rel a, JoinPlanner.Rel b) {
        if (ecs.relevant(a.relids(), b.relids())) return true;
        for (Set<Integer> r : clauseRelids)
            if (!Collections.disjoint(r, a.relids()) && !Collections.disjoint(r, b.relids())) return true;
        return false;
    }
}
