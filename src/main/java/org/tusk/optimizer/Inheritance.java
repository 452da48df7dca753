package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.ColumnDef;
import org.tusk.catalog.FunctionCallContext;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * Scans of a table together with its inheritance children (PostgreSQL's optimizer/util/inherit.c
 * expand_inherited_rtentry and appendinfo.c make_inh_translation_list / adjust_appendrel_attrs):
 * a table named without ONLY that has children is read by an Append of a scan of the table and
 * one of every descendant (find_all_inheritors, each once, breadth first).
 *
 * <p>A child has every column of its parent, found by name (its attribute numbers may differ:
 * a column added to the parent later comes after the child's own, and a child of several parents
 * has them in its own order). Each child's scan evaluates the parent's quals translated to its
 * attribute numbers and projects its rows into the parent's column order, so the Append emits
 * tuples in the parent's layout and nothing above it knows about the children. Each child gets
 * the scan (sequential or index) its own indexes make cheapest.
 */
final class Inheritance {
    private Inheritance() {}

    /** find_all_inheritors without the parent itself: every descendant of {@code parentOid}. */
    static List<Relation> descendants(int parentOid, ExecEnvironment env) {
        List<Integer> oids = new ArrayList<>();
        oids.add(parentOid);
        List<Relation> out = new ArrayList<>();
        for (int i = 0; i < oids.size(); i++) {
            for (int child : env.catalog().inheritanceChildren(oids.get(i))) {
                if (oids.contains(child)) continue;
                oids.add(child);
                Relation r = env.catalog().openRelation(child);
                // Another session's temporary child cannot be read (RELATION_IS_OTHER_TEMP: skipped).
                if (r != null && !(r.persistence() == 't' && !isOwnTemp(env, r))) out.add(r);
            }
        }
        return out;
    }

    /** Whether the range table entry is a partitioned table (relkind 'p': no storage of its own). */
    static boolean isPartitioned(Query.RangeTblEntry rte) {
        return rte.isTable() && rte.table().relkind() == 'p';
    }

    /**
     * expand_inherited_rtentry's choice of children: for a partitioned table the leaf partitions
     * that plan-time pruning keeps for {@code qual} ({@link PartitionPruning}); otherwise every
     * descendant.
     */
    static List<Relation> expand(Query.RangeTblEntry rte, int rtindex, Expr qual, ExecEnvironment env,
                                 org.tusk.catalog.FunctionCallContext ctx) {
        if (isPartitioned(rte)) return PartitionPruning.leaves(rte.table(), rtindex, qual, env, ctx);
        return descendants(rte.table().oid(), env);
    }

    /**
     * The estimated rows of an appendrel's members below its parent (inheritance descendants, or
     * the unpruned leaf partitions), each by its own estimate_rel_size; a partitioned member has no storage.
     */
    static double leafRows(Query.RangeTblEntry rte, List<Relation> children, ExecEnvironment env) {
        double rows = 0;
        for (Relation child : children) {
            if (child.relkind() != 'p') rows += JoinPlanner.tableRows(childRte(rte, child), env);
        }
        return rows;
    }

    /**
     * A plan that emits no rows of the given width (a partitioned table all of whose partitions
     * were pruned, an inheritance tree whose every member was excluded): a dummy rel's Result,
     * each column the Var it stands for, so that EXPLAIN names it as PostgreSQL does; none is
     * ever evaluated.
     */
    static Plan empty(Query.RangeTblEntry rte, int rtindex) {
        List<Expr> tlist = new ArrayList<>();
        for (int i = 0; i < rte.columns().size(); i++) {
            ColumnDef c = rte.columns().get(i);
            tlist.add(new Expr.Var(rtindex, i + 1, c.typeOid(), c.typmod(), c.name(), -1, 0));
        }
        return new Plan.Result(List.copyOf(tlist), new Expr.Const(org.tusk.catalog.TypeOids.BOOL, -1, false, -1), true);
    }

    /** Whether temporary relation {@code r} is in this session's own temporary schema. */
    private static boolean isOwnTemp(ExecEnvironment env, Relation r) {
        Relation viaPgTemp = env.catalog().openRelation("pg_temp", r.name());
        return viaPgTemp != null && viaPgTemp.oid() == r.oid();
    }

    /**
     * The Append over {@code rte}'s table ({@code rtindex} in its query) and {@code children}, filtered by
     * {@code qual}; {@code target} when the statement locks their rows (ScanPaths' target scans).
     */
    static Plan append(Query.RangeTblEntry rte, int rtindex, List<Relation> children, Expr qual, boolean system,
                       boolean target, ExecEnvironment env, FunctionCallContext ctx) {
        List<Plan> scans = new ArrayList<>();
        // the parent's own rows are read through an entry of its own, a child of itself
        // (expand_single_inheritance_child), which EXPLAIN names apart from the Append's parent;
        // rows to be locked keep the one entry (their row mark names it)
        // relation_excluded_by_constraints: a member whose restrictions refute one another is left out
        if (!isPartitioned(rte) && !ConstraintExclusion.selfContradictory(ScanPaths.conjuncts(qual)))
            scans.add(ScanPaths.scan(target ? rte : rte.withInh(false), qual,
                    system ? SystemColumnRefs.physicalWithSystem(rte) : null, env, ctx, null, -1, null, target).plan());
        // EXPLAIN names the leaves of an Append over a partitioned table refname_1, refname_2, ...
        // (set_rtable_names: the parent, listed in the Append's apprelids, keeps the plain name)
        long leaves = children.stream().filter(c -> c.relkind() != 'p').count();
        int n = 0;
        for (Relation child : children) {
            if (child.relkind() == 'p') continue;   // a partitioned table has no rows of its own
            int[] map = translation(rte, child);
            Query.RangeTblEntry childRte = childRte(rte, child);
            List<Expr> tlist = new ArrayList<>();
            for (int i = 0; i < map.length; i++) {
                ColumnDef c = rte.columns().get(i);
                // the parent's dropped column has no counterpart: it reads as NULL, as it would in the parent
                tlist.add(map[i] == 0 ? new Expr.Const(c.typeOid(), -1, null, -1)
                        : new Expr.Var(rtindex, map[i], c.typeOid(), c.typmod(), c.name(), -1, 0));
            }
            if (system) {
                // the child's own system columns: its tableoid, not the parent's
                List<Expr> sys = SystemColumnRefs.physicalWithSystem(childRte);
                int childNatts = childRte.columns().size();
                for (Expr e : sys.subList(childNatts, sys.size())) {
                    Expr.Var v = (Expr.Var) e;
                    tlist.add(new Expr.Var(rtindex, v.attno(), v.type(), v.typmod(), v.name(), -1, 0));
                }
            }
            Expr childQual = adjust(qual, rtindex, map, child.desc().natts());
            if (ConstraintExclusion.selfContradictory(ScanPaths.conjuncts(childQual))) continue;
            scans.add(ScanPaths.scan(childRte, childQual, List.copyOf(tlist), env, ctx, null, -1, null, target).plan());
        }
        if (scans.isEmpty()) return empty(rte, rtindex);
        // a lone partition needs no Append above it (set_append_rel_pathlist's single-child case)
        if (scans.size() == 1 && isPartitioned(rte)) return scans.get(0);
        return new Plan.Append(List.copyOf(scans), rte.columns().size() + (system ? 6 : 0), rte);
    }

    /**
     * generate_orderedappend_paths for a table with inheritance children (not partitioned) whose
     * rows the query wants in {@code order} (parent columns), at most {@code limit} of them: a
     * Merge Append of each member's cheapest scan in that order (an index scan in the order, or
     * a Sort of its cheapest scan), or null when a Sort of {@code unordered} (the plain Append)
     * is no more expensive for the fraction of rows wanted. {@code reads}: the query's column
     * reads of the parent, for index-only scans.
     */
    static Plan orderedAppend(Query.RangeTblEntry rte, int rtindex, List<Relation> children, Expr qual,
                              List<ScanOrder.Key> order, double limit, int[] reads, Plan unordered,
                              ExecEnvironment env, FunctionCallContext ctx) {
        if (isPartitioned(rte) || order.isEmpty() || ScanOrder.hasDistance(order)) return null;
        List<Plan.SortKey> keys = new ArrayList<>();
        for (ScanOrder.Key k : order) {
            ColumnDef c = rte.columns().get(k.attno() - 1);
            keys.add(new Plan.SortKey(k.attno() - 1, k.desc(), k.nullsFirst(), SortGroupTypes.of(c.typeOid())));
        }
        List<Plan> members = new ArrayList<>();
        members.add(orderedMember(rte.withInh(false), qual, null, order, limit, reads, keys, env, ctx));
        for (Relation child : children) {
            if (child.relkind() == 'p') continue;
            int[] map = translation(rte, child);
            Query.RangeTblEntry childRte = childRte(rte, child);
            List<Expr> tlist = new ArrayList<>();
            for (int i = 0; i < map.length; i++) {
                ColumnDef c = rte.columns().get(i);
                tlist.add(map[i] == 0 ? new Expr.Const(c.typeOid(), -1, null, -1)
                        : new Expr.Var(rtindex, map[i], c.typeOid(), c.typmod(), c.name(), -1, 0));
            }
            List<ScanOrder.Key> childOrder = new ArrayList<>();
            for (ScanOrder.Key k : order) childOrder.add(new ScanOrder.Key(map[k.attno() - 1], k.desc(), k.nullsFirst()));
            int[] childReads = null;
            if (reads != null) {
                childReads = new int[child.desc().natts() + 8];
                childReads[0] = reads[0];
                for (int i = 0; i < map.length && i + 1 < reads.length; i++) if (map[i] > 0) childReads[map[i]] += reads[i + 1];
            }
            members.add(orderedMember(childRte, adjust(qual, rtindex, map, child.desc().natts()), List.copyOf(tlist),
                    childOrder, limit, childReads, keys, env, ctx));
        }
        Plan merge = new Plan.MergeAppend(List.copyOf(members), List.copyOf(keys), unordered.width(), rte);
        // the two for the rows wanted: under a LIMIT the sorts are bounded and the costs pro-rated
        PlanCosts costs = new PlanCosts(env, ctx);
        Plan sort = new Plan.Sort(unordered, List.copyOf(keys));
        Expr count = limit >= 0 ? new Expr.Const(org.tusk.catalog.TypeOids.INT8, -1, (long) Math.ceil(limit), -1) : null;
        double sortedCost = costs.of(count == null ? sort : new Plan.Limit(sort, null, count)).total();
        double mergedCost = costs.of(count == null ? merge : new Plan.Limit(merge, null, count)).total();
        return mergedCost < sortedCost ? merge : null;
    }

    /** One member of an ordered Append: its scan in the order if it has one, else its cheapest scan sorted. */
    private static Plan orderedMember(Query.RangeTblEntry rte, Expr qual, List<Expr> tlist, List<ScanOrder.Key> order,
                                      double limit, int[] reads, List<Plan.SortKey> keys, ExecEnvironment env,
                                      FunctionCallContext ctx) {
        ScanPaths.Choice c = ScanPaths.scan(rte, qual, tlist, env, ctx, order, limit, reads, false, true);
        return c.ordered() ? c.plan() : new Plan.Sort(c.plan(), keys);
    }

    /**
     * Plans the ModifyTable of one table of an inherited UPDATE/DELETE, its expressions already
     * translated; {@code root} is the partitioned table a leaf belongs to (rows that leave the
     * leaf's bounds are routed from there), else null.
     */
    interface TableModify {
        Plan plan(Query.RangeTblEntry rte, Expr where, List<Expr> newRow, List<Expr> returning, Relation root);
    }

    /**
     * UPDATE or DELETE of a table with children (inheritance_planner's result): one ModifyTable
     * per table, appended, each over its own scan, with the new row, recheck qual and RETURNING
     * translated to that table's columns. A child column the parent does not have keeps its value.
     */
    static Plan modifyAppend(Query.RangeTblEntry target, int rtindex, List<Relation> children, Expr where,
                             List<Expr> newRow, List<Expr> returning, TableModify modify) {
        List<Plan> modifies = new ArrayList<>();
        boolean partitioned = isPartitioned(target);
        // a partitioned table has no rows of its own: only its leaves are changed
        if (!partitioned) modifies.add(modify.plan(target.withInh(false), where, newRow, returning, null));
        for (Relation child : children) {
            if (child.relkind() == 'p') continue;
            int[] map = translation(target, child);
            Query.RangeTblEntry childRte = childRte(target, child);
            Expr childWhere = adjust(where, rtindex, map, child.desc().natts());
            List<Expr> childNewRow = null;
            if (newRow != null) {
                childNewRow = new ArrayList<>();
                for (int j = 1; j <= child.desc().natts(); j++) {
                    int parentCol = -1;
                    for (int i = 0; i < map.length; i++) if (map[i] == j) parentCol = i;
                    if (childRte.columns().get(j - 1).name().isEmpty()) {
                        childNewRow.add(new Expr.Const(childRte.columns().get(j - 1).typeOid(), -1, null, -1));
                    } else if (parentCol >= 0) {
                        childNewRow.add(adjust(newRow.get(parentCol), rtindex, map, child.desc().natts()));
                    } else {
                        ColumnDef c = childRte.columns().get(j - 1);
                        childNewRow.add(new Expr.Var(rtindex, j, c.typeOid(), c.typmod(), c.name(), -1, 0));
                    }
                }
                childNewRow = List.copyOf(childNewRow);
            }
            List<Expr> childReturning = new ArrayList<>();
            for (Expr e : returning) childReturning.add(adjust(e, rtindex, map, child.desc().natts()));
            modifies.add(modify.plan(childRte, childWhere, childNewRow, List.copyOf(childReturning),
                    partitioned ? target.table() : null));
        }
        return new Plan.Append(List.copyOf(modifies), returning.size());
    }

    private static Query.RangeTblEntry childRte(Query.RangeTblEntry parent, Relation child) {
        return childRte(parent, child, parent.refname());
    }

    private static Query.RangeTblEntry childRte(Query.RangeTblEntry parent, Relation child, String refname) {
        List<ColumnDef> cols = new ArrayList<>();
        for (int i = 0; i < child.desc().natts(); i++) {
            var att = child.desc().attr(i);
            cols.add(att.attisdropped() ? new ColumnDef("", att.type().oid(), -1)
                    : new ColumnDef(att.name(), child.atttypid(i + 1), child.atttypmod(i + 1)));
        }
        return new Query.RangeTblEntry(refname, null, child.name(), null, List.copyOf(cols), child).withInh(false);
    }

    /** make_inh_translation_list: for each column of the parent, the child's attribute number of the same name. */
    private static int[] translation(Query.RangeTblEntry parent, Relation child) {
        Relation p = parent.table();
        int[] map = new int[p.desc().natts()];
        for (int i = 0; i < map.length; i++) {
            String name = p.desc().attr(i).name();
            map[i] = 0;
            if (p.desc().attr(i).attisdropped()) continue;   // no Var names a dropped column
            for (int j = 0; j < child.desc().natts(); j++) {
                if (child.desc().attr(j).name().equals(name) && !child.desc().attr(j).attisdropped()) map[i] = j + 1;
            }
            if (map[i] == 0) {
                throw PgException.error(SqlState.INTERNAL_ERROR, "could not find inherited attribute \"" + name
                        + "\" of relation \"" + child.name() + "\"");
            }
        }
        return map;
    }

    /** adjust_appendrel_attrs for an expression over target {@code parent} (entry {@code rtindex}) moved onto {@code child}. */
    static Expr adjustToChild(Expr e, Query.RangeTblEntry parent, int rtindex, Relation child) {
        return adjust(e, rtindex, translation(parent, child), child.desc().natts());
    }

    /** adjust_appendrel_attrs: the parent's Vars of this level turned into the child's. */
    private static Expr adjust(Expr e, int rtindex, int[] map, int childNatts) {
        if (e == null) return null;
        // a system column (past the parent's columns) keeps its place past the child's
        return ExprTrees.map(e, x -> x instanceof Expr.Var v && v.levelsup() == 0 && v.varno() == rtindex && v.attno() >= 1
                ? new Expr.Var(v.varno(), v.attno() > map.length ? childNatts + v.attno() - map.length : map[v.attno() - 1],
                        v.type(), v.typmod(), v.name(), v.location(), 0) : null);
    }
}
