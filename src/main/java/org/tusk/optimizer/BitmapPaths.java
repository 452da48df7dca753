package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.tusk.catalog.FunctionCallContext;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;
import org.tusk.utils.cache.Relation;

/**
 * Bitmap heap scan paths for one table (indxpath.c create_index_paths' bitmap part,
 * generate_bitmap_or_paths, choose_bitmap_and; createplan.c create_bitmap_scan_plan and
 * create_bitmap_subplan; costsize.c cost_bitmap_heap_scan, cost_bitmap_tree_node,
 * cost_bitmap_and_node and cost_bitmap_or_node).
 *
 * <ul>
 * <li>Every index usable for some conjuncts (as {@link ScanPaths} matches them) is a candidate
 *     bitmap index scan.</li>
 * <li>A conjunct {@code a OR b OR ...} is a candidate BitmapOr when every arm has an index scan
 *     of its own (an arm's conjuncts, with the table's other conjuncts, may prove a partial
 *     index's predicate); the cheapest per arm is taken.</li>
 * <li>choose_bitmap_and, simplified: starting from each candidate in order of cost, the others
 *     that use none of its conjuncts are ANDed in, cheapest selectivity first, while that makes
 *     the heap scan cheaper; the cheapest result wins.</li>
 * </ul>
 * The heap scan's Recheck Cond is the bitmap's original clauses (a partial index adds its
 * predicate unless its index clauses imply it); its Filter is the conjuncts the bitmap does not
 * stand for and the index predicates do not imply.
 */
final class BitmapPaths {
    private BitmapPaths() {}

    /** A bitmap tree with what it stands for: its clauses (bitmapqualorig), the conjuncts it covers, selectivity and cost. */
    record Bitmap(Plan.BitmapQual qual, Expr orig, List<Expr> covered, double selectivity, double cost) {}

    /** The chosen bitmap heap scan and its total cost, or null when no index helps. */
    record Choice(Plan.BitmapHeapScan plan, double cost) {}

    static Choice best(Query.RangeTblEntry rte, List<Expr> conjuncts, List<Expr> tlist, ExecEnvironment env,
                       FunctionCallContext ctx, double pages, double tuples) {
        Relation heap = rte.table();
        List<Bitmap> candidates = new ArrayList<>();
        for (Relation index : env.catalog().indexesOf(heap)) {
            if (!index.indexIsValid()) continue;   // get_relation_info
            Bitmap b = indexBitmap(rte, heap, index, conjuncts, conjuncts, env, ctx, tuples);
            if (b != null) candidates.add(b);
        }
        for (Expr c : conjuncts) {
            Bitmap or = orBitmap(rte, heap, c, conjuncts, env, ctx, tuples);
            if (or != null) candidates.add(or);
        }
        if (candidates.isEmpty()) return null;
        candidates.sort(Comparator.comparingDouble(b -> heapCost(b, pages, tuples, conjuncts, ctx)));
        Bitmap best = null;
        double bestCost = Double.MAX_VALUE;
        for (Bitmap start : candidates) {
            Bitmap cur = start;
            double curCost = heapCost(cur, pages, tuples, conjuncts, ctx);
            List<Bitmap> others = new ArrayList<>(candidates);
            others.remove(start);
            others.sort(Comparator.comparingDouble(Bitmap::selectivity));
            for (Bitmap o : others) {
                if (o.covered().stream().anyMatch(cur.covered()::contains)) continue;
                Bitmap and = and(cur, o);
                double cost = heapCost(and, pages, tuples, conjuncts, ctx);
                if (cost < curCost) {
                    cur = and;
                    curCost = cost;
                }
            }
            if (curCost < bestCost) {
                best = cur;
                bestCost = curCost;
            }
        }
        List<Expr> rechecked = ScanPaths.conjuncts(best.orig());
        List<Expr> filter = new ArrayList<>();
        for (Expr c : conjuncts)
            if (!best.covered().contains(c) || BooleanIndexQuals.match(c) != null && !rechecked.contains(c)) filter.add(c);
        return new Choice(new Plan.BitmapHeapScan(rte, best.qual(), best.orig(), ScanPaths.and(filter), tlist), bestCost);
    }

    /** A bitmap index scan of {@code index} for {@code clauses} (predicate proved from {@code all}), or null. */
    private static Bitmap indexBitmap(Query.RangeTblEntry rte, Relation heap, Relation index, List<Expr> clauses,
                                      List<Expr> all, ExecEnvironment env, FunctionCallContext ctx, double tuples) {
        IndexMatching m = IndexMatching.of(heap, index, env, ctx);
        if (m == null || !m.predicateImplied(all)) return null;
        List<Plan.IndexQual> quals = new ArrayList<>();
        List<Expr> used = new ArrayList<>();
        ScanPaths.matchIndex(heap, index, m, clauses, quals, used, ctx);
        if (quals.isEmpty()) return null;
        double sel = ScanPaths.selectivity(quals, index, tuples);
        // create_bitmap_scan_plan: a boolean test matched as b = true is not among the index
        // clauses as written, so it stays a filter of the heap scan rather than a recheck
        List<Expr> asWritten = used.stream().filter(c -> BooleanIndexQuals.match(c) == null).toList();
        List<Expr> orig = new ArrayList<>(asWritten);
        List<Expr> covered = new ArrayList<>(used);
        for (Expr c : clauses) if (!covered.contains(c) && m.impliedByPredicate(c)) covered.add(c);
        // create_bitmap_subplan: a partial index's predicate is part of what the bitmap stands for
        for (Expr p : m.predicateFor(rte, used)) orig.add(p);
        double indexCost = index.relam() == Relation.GIN_AM_OID
                ? GinCostEstimate.cost(index, quals, tuples, sel, env, ctx)[1]
                : ScanPaths.indexOnlyCost(index, quals, tuples, env, ctx);
        double cost = indexCost + 0.1 * ScanPaths.CPU_OPERATOR_COST * Math.max(1, Math.rint(sel * tuples));
        return new Bitmap(new Plan.BitmapIndexScan(index, List.copyOf(quals)), ScanPaths.and(orig), List.copyOf(covered),
                sel, cost);
    }

    /** generate_bitmap_or_paths for one OR conjunct. */
    private static Bitmap orBitmap(Query.RangeTblEntry rte, Relation heap, Expr clause, List<Expr> conjuncts,
                                   ExecEnvironment env, FunctionCallContext ctx, double tuples) {
        if (!(clause instanceof Expr.BoolExpr b) || b.op() != RawExpr.BoolOp.OR) return null;
        List<Expr> others = new ArrayList<>(conjuncts);
        others.remove(clause);
        List<Plan.BitmapQual> arms = new ArrayList<>();
        List<Expr> origs = new ArrayList<>();
        // the other restriction clauses every arm's index scan also uses hold wherever the OR does
        List<Expr> inEveryArm = new ArrayList<>(others);
        double sel = 0, cost = 0;
        for (Expr arm : b.args()) {
            List<Expr> armClauses = ScanPaths.conjuncts(arm);
            List<Expr> all = new ArrayList<>(armClauses);
            all.addAll(others);
            Bitmap cheapest = null;
            for (Relation index : env.catalog().indexesOf(heap)) {
                if (!index.indexIsValid()) continue;
                // build_paths_for_OR: the arm's clauses and then the other restriction clauses,
                // an index being of use only if it matches some clause of the arm
                Bitmap ib = indexBitmap(rte, heap, index, all, all, env, ctx, tuples);
                if (ib == null || ib.covered().stream().noneMatch(armClauses::contains)) continue;
                if (cheapest == null || ib.cost() < cheapest.cost()) cheapest = ib;
            }
            // an arm with nothing to recheck leaves no OR condition to recheck (create_bitmap_subplan's
            // const_true_subqual); such an OR is not offered
            if (cheapest == null || cheapest.orig() == null) return null;
            inEveryArm.retainAll(cheapest.covered());
            if (!arms.isEmpty()) cost += 100.0 * ScanPaths.CPU_OPERATOR_COST;
            arms.add(cheapest.qual());
            origs.add(cheapest.orig());
            sel = Math.min(1.0, sel + cheapest.selectivity());
            cost += cheapest.cost();
        }
        List<Expr> covered = new ArrayList<>(inEveryArm);
        covered.add(clause);
        return new Bitmap(new Plan.BitmapOr(List.copyOf(arms)), new Expr.BoolExpr(RawExpr.BoolOp.OR, List.copyOf(origs)),
                List.copyOf(covered), sel, cost);
    }

    /** cost_bitmap_and_node: the children's costs plus 100 operators per extra child; selectivities multiply. */
    private static Bitmap and(Bitmap a, Bitmap b) {
        List<Plan.BitmapQual> children = new ArrayList<>();
        if (a.qual() instanceof Plan.BitmapAnd x) children.addAll(x.children());
        else children.add(a.qual());
        children.add(b.qual());
        List<Expr> covered = new ArrayList<>(a.covered());
        covered.addAll(b.covered());
        List<Expr> orig = new ArrayList<>(ScanPaths.conjuncts(a.orig()));
        orig.addAll(ScanPaths.conjuncts(b.orig()));
        return new Bitmap(new Plan.BitmapAnd(List.copyOf(children)), ScanPaths.and(orig), List.copyOf(covered),
                a.selectivity() * b.selectivity(), a.cost() + b.cost() + 100.0 * ScanPaths.CPU_OPERATOR_COST);
    }

    /**
     * cost_bitmap_heap_scan (compute_bitmap_pages without lossy pages): the bitmap's cost up
     * front, then the pages index_pages_fetched says its tuples touch, each between a random and
     * a sequential read by how much of the table is read, and cpu_tuple_cost plus the quals per
     * tuple fetched.
     */
    static double heapCost(Bitmap b, double pages, double tuples, List<Expr> conjuncts, FunctionCallContext ctx) {
        double random = ScanPaths.setting(ctx, "random_page_cost", 4.0), seq = ScanPaths.setting(ctx, "seq_page_cost", 1.0);
        double tuplesFetched = Math.max(1, Math.rint(b.selectivity() * tuples));
        double t = Math.max(pages, 1);
        double pagesFetched = (2.0 * t * tuplesFetched) / (2.0 * t + tuplesFetched);
        pagesFetched = pagesFetched >= t ? t : Math.ceil(pagesFetched);
        double costPerPage = pagesFetched >= 2.0 ? random - (random - seq) * Math.sqrt(pagesFetched / t) : random;
        double quals = 0;
        for (Expr c : conjuncts) quals += PlanCosts.exprCost(c);
        return b.cost() + pagesFetched * costPerPage + tuplesFetched * (ScanPaths.CPU_TUPLE_COST + quals);
    }

    /** Whether an expression reads an exec parameter (a parameterized scan is left to plain index scans). */
    static boolean usesParams(List<Expr> conjuncts) {
        // the Params a SubPlan's test compares the sub-select's rows through (its paramIds) are its
        // own, set as it runs: a filter calling a sub-select does not make the scan parameterized
        java.util.Set<Integer> own = new java.util.HashSet<>();
        for (Expr c : conjuncts) ExprTrees.any(c, x -> {
            if (x instanceof Expr.SubPlan sp) own.addAll(sp.paramIds());
            return false;
        });
        for (Expr c : conjuncts)
            if (ExprTrees.any(c, x -> x instanceof Expr.ExecParam p && !own.contains(p.id()))) return true;
        return false;
    }
}
