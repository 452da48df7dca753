package org.tusk.commands.explain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;

/**
 * ruleutils.c's set_rtable_names for EXPLAIN: every range table entry a plan scans gets a name
 * unique in the whole statement, so that a table read under the same alias at two query levels
 * (a recursive WITH query's self-reference beside the scan of the WITH query, the same table in a
 * sub-select and outside it) shows as {@code x} and {@code x_1}. The first entry keeps its alias;
 * a later one with a taken alias gets {@code alias_N} with the next free N of that alias.
 *
 * <p>The order is that of PostgreSQL's flattened range table (setrefs.c add_rtes_to_flat_rtable):
 * the top query level's entries, then those of each subquery it scans, depth first, then the
 * SubPlans and WITH queries in the order they were planned. Within one query level an alias names
 * one entry (the parser allows no duplicates), so entries of one level with the same alias share
 * the name: the target of an UPDATE and its scan. A table read with its children (an Append or
 * Merge Append with a parent, whose apprelids EXPLAIN marks used) keeps its alias, and each
 * member, which carries the parent's alias as expand_single_inheritance_child gives it, gets
 * {@code alias_N} after the level's other entries (the children come last in the range table).
 */
final class RtableNames {
    private final Map<Query.RangeTblEntry, String> names = new IdentityHashMap<>();
    /** For each name in use, the last N tried for it (set_rtable_names' NameHashEntry counter). */
    private final Map<String, Integer> counters = new HashMap<>();
    private final Deque<Plan> subplans = new ArrayDeque<>();
    /** The WITH queries and SubPlans met in the level being named (SS_process_ctes plans the former first). */
    private final List<Plan> levelCtes = new ArrayList<>(), levelSubPlans = new ArrayList<>();
    /** The level's inheritance children and partitions, named after its other entries. */
    private final List<Query.RangeTblEntry> levelChildren = new ArrayList<>();
    private final Map<Plan, String> modifyRoots = new IdentityHashMap<>();
    private final Set<Plan> seenSubplans = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    /** The number of each SubPlan's plan ("SubPlan n"). */
    private final Map<Plan, Integer> subPlanIds = new IdentityHashMap<>();
    /** The level (a serial number of {@link #level} calls) that named each entry. */
    private final Map<Query.RangeTblEntry, Integer> namedAt = new IdentityHashMap<>();
    private int levels;

    /** The names for the scans of {@code top} and everything below it. */
    static RtableNames forPlan(Plan top) {
        RtableNames r = new RtableNames();
        r.level(top);
        while (!r.subplans.isEmpty()) r.level(r.subplans.poll());
        return r;
    }

    /** The name of the table an UPDATE/DELETE of a table with children names ({@code a}: its ModifyTables). */
    String rootOf(Plan a) {
        return modifyRoots.get(a);
    }

    /** The name EXPLAIN uses for {@code rte}: its unique name, or its alias if the plan does not scan it. */
    String of(Query.RangeTblEntry rte) {
        String n = rte == null ? null : names.get(rte);
        return n != null ? n : rte == null ? null : rte.refname();
    }

    /** Names the entries of one query level, then of the subqueries it scans, depth first. */
    private void level(Plan root) {
        List<Query.RangeTblEntry> entries = new ArrayList<>();
        List<Plan> subqueries = new ArrayList<>();
        walk(root, entries, subqueries);
        subplans.addAll(levelCtes);
        // the SubPlans in the order they were planned (their numbers), as glob->subplans lists them
        levelSubPlans.sort(java.util.Comparator.comparingInt(p -> subPlanIds.getOrDefault(p, 0)));
        subplans.addAll(levelSubPlans);
        levelCtes.clear();
        levelSubPlans.clear();
        int serial = ++levels;
        Map<String, String> here = new HashMap<>();
        for (Query.RangeTblEntry rte : entries) {
            String alias = rte.refname();
            if (alias == null) continue;
            Integer at = namedAt.get(rte);
            if (at == null) {
                names.put(rte, here.computeIfAbsent(alias, this::unique));
                namedAt.put(rte, serial);
            } else if (at != serial) {
                // the same query planned twice (a correlated EXISTS and its hashed alternative): PostgreSQL
                // plans a copy, whose entries take names of their own; this entry keeps the first name
                here.computeIfAbsent(alias, this::unique);
            }
        }
        List<Query.RangeTblEntry> children = new ArrayList<>(levelChildren);
        levelChildren.clear();
        for (Query.RangeTblEntry rte : children) {
            if (rte.refname() != null && !names.containsKey(rte)) {
                names.put(rte, unique(rte.refname()));
                namedAt.put(rte, serial);
            }
        }
        for (Plan s : subqueries) level(s);
    }

    private void appendRel(Query.RangeTblEntry parent, List<Plan> members, List<Query.RangeTblEntry> entries, List<Plan> subqueries) {
        entries.add(parent);
        for (Plan m : members) walk(m, levelChildren, subqueries);
    }

    private String unique(String alias) {
        if (!counters.containsKey(alias)) {
            counters.put(alias, 0);
            return alias;
        }
        String name;
        do {
            int n = counters.get(alias) + 1;
            counters.put(alias, n);
            name = alias + "_" + n;
        } while (counters.containsKey(name));
        counters.put(name, 0);
        return name;
    }

    private void walk(Plan p, List<Query.RangeTblEntry> entries, List<Plan> subqueries) {
        if (p == null) return;
        for (Expr e : ExplainPrinter.expressions(p)) subPlans(e);
        switch (p) {
            case Plan.SeqScan s -> entries.add(s.rte());
            case Plan.IndexScan s -> entries.add(s.rte());
            case Plan.BitmapHeapScan s -> entries.add(s.rte());
            case Plan.FunctionScan f -> entries.add(f.rte());
            case Plan.WorkTableScan w -> entries.add(w.rte());
            case Plan.CteScan c -> {
                entries.add(c.rte());
                cte(c.ctePlan());
            }
            case Plan.Append a when ExplainPrinter.isModifyAppend(a) -> {
                // the UPDATE/DELETE of a table with children: the named table keeps its alias and
                // each changed table gets alias_N, as the parent and its child entries of
                // PostgreSQL's range table are named
                Plan.ModifyTable first = (Plan.ModifyTable) a.children().get(0);
                String alias = first.target().refname();
                if (alias != null) modifyRoots.put(a, unique(alias));
                for (Plan c : a.children()) {
                    Query.RangeTblEntry t = ((Plan.ModifyTable) c).target();
                    String name = alias == null ? null : unique(alias);
                    if (name != null) {
                        names.put(t, name);
                        namedAt.put(t, levels + 1);   // the level being walked
                    }
                    List<Query.RangeTblEntry> below = new ArrayList<>();
                    walk(((Plan.ModifyTable) c).source(), below, subqueries);
                    for (Query.RangeTblEntry e : below) {
                        // the scan of the changed table under a join is the same entry
                        if (name != null && e.table() != null && e.table() == t.table() && alias.equals(e.refname())) {
                            names.put(e, name);
                            namedAt.put(e, levels + 1);
                        }
                        else entries.add(e);
                    }
                }
            }
            case Plan.ModifyTable m -> {
                entries.add(m.target());
                walk(m.source(), entries, subqueries);
            }
            // the table read with its children: its entry is the Append's apprelids, named
            // before the children's, which come after the level's other entries (expand_inherited_rtentry
            // appends them to the range table) and each get a name of their own
            case Plan.Append a when a.parent() != null -> appendRel(a.parent(), a.children(), entries, subqueries);
            case Plan.MergeAppend a when a.parent() != null -> appendRel(a.parent(), a.children(), entries, subqueries);
            case Plan.SubqueryScan s -> {
                if (s.rte() == null) {
                    walk(s.child(), entries, subqueries);
                } else if (s.rte().kind() != Query.RteKind.SUBQUERY) {
                    // the scan of a WITH query, VALUES list or function of this level, in a wrapper
                    entries.add(s.rte());
                    walk(s.child(), entries, subqueries);
                } else {
                    entries.add(s.rte());
                    subqueries.add(s.child());
                }
            }
            // the arms of a set operation are subqueries of their own ("*SELECT* 1", ...); a UNION's
            // Append (the one kind without a parent relation) reads one per member, so a table each
            // arm reads under one alias is named apart in each (x, x_1, x_2)
            case Plan.Append a when a.parent() == null -> subqueries.addAll(a.children());
            case Plan.RecursiveUnion r -> {
                subqueries.add(r.nonRecursive());
                subqueries.add(r.recursive());
            }
            case Plan.SetOp o -> {
                subqueries.add(o.left());
                subqueries.add(o.right());
            }
            case Plan.ModifyingCtes m -> {
                walk(m.plan(), entries, subqueries);
                for (Plan.CteScan c : m.ctes()) cte(c.ctePlan());
            }
            default -> {
                for (Plan k : children(p)) walk(k, entries, subqueries);
            }
        }
    }

    /** The inputs of a node that belong to its own query level. */
    private static List<Plan> children(Plan p) {
        return switch (p) {
            case Plan.Agg a -> List.of(a.child());
            case Plan.NestLoop j -> List.of(j.outer(), j.inner());
            case Plan.HashJoin j -> List.of(j.outer(), j.inner());
            case Plan.MergeJoin j -> List.of(j.outer(), j.inner());
            case Plan.Unique u -> List.of(u.child());
            case Plan.WindowAgg w -> List.of(w.child());
            case Plan.LockRows r -> List.of(r.child());
            case Plan.ProjectSet ps -> List.of(ps.child());
            case Plan.Append a -> a.children();
            case Plan.MergeAppend a -> a.children();
            case Plan.Sort s -> List.of(s.child());
            case Plan.Limit l -> List.of(l.child());
            case Plan.Memoize m -> List.of(m.child());
            case Plan.GatingResult g -> List.of(g.child());
            default -> List.of();
        };
    }

    private void subPlans(Expr e) {
        ExprTrees.any(e, x -> {
            if (x instanceof Expr.SubPlan sp) {
                subPlanIds.putIfAbsent(sp.plan(), sp.planId());
                subplan(sp.plan());
            }
            return false;
        });
    }

    private void subplan(Plan p) {
        if (p != null && seenSubplans.add(p)) levelSubPlans.add(p);
    }

    private void cte(Plan p) {
        if (p != null && seenSubplans.add(p)) levelCtes.add(p);
    }
}
