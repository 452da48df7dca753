package org.tusk.optimizer;

import static org.tusk.catalog.TypeOids.TEXT;
import static org.tusk.catalog.TypeOids.VARCHAR;

import java.util.ArrayList;
import java.util.List;

import org.tusk.access.index.ScanKey.Strategy;
import org.tusk.catalog.BtreeOpclasses;
import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.FunctionCallContext;
import org.tusk.catalog.PgOperator;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;
import org.tusk.utils.cache.Relation;

/**
 * Access path selection for the scan of one table (PostgreSQL's allpaths.c set_plain_rel_pathlist,
 * indxpath.c match_clause_to_indexcol, and a simplified costsize.c). The WHERE clause is split at
 * its top-level ANDs; a conjunct {@code column op value} (or {@code value op column}, commuted)
 * with op one of = &lt; &lt;= &gt; &gt;=, a value without Vars (a Const or Param) and the column's own
 * type on both sides, or a cross-type operator of integer_ops whose column side is the column's
 * type (int8col = 3 is int84eq; {@link org.tusk.catalog.IntegerOpFamily}), is indexable, and so is
 * {@code column op ANY (array)} (amsearcharray). An index is usable for the conjuncts on any of its key
 * columns; those on the leading columns up to the first without an equality bound the scan, the
 * others are checked on each index entry read. The other conjuncts stay as a filter.
 *
 * <p>Expression key columns and partial indexes are matched by {@link IndexMatching}: a partial
 * index is considered only when the WHERE clause implies its predicate.
 *
 * <p>The index path is taken when enable_seqscan is off, when it is an equality on every key
 * column of a unique index (at most one row), or when it is cheaper than the sequential scan.
 * The candidates are costed by {@link PlanCosts} (cost_seqscan, cost_index with
 * btcostestimate's correlation and a partial index's predicate, cost_bitmap_heap_scan) over the
 * table's statistics where ANALYZE made them, selfuncs.h's defaults elsewhere.
 */
final class ScanPaths {
    private ScanPaths() {}

    /** selfuncs.h defaults. */
    static final double DEFAULT_EQ_SEL = 0.005, DEFAULT_INEQ_SEL = 1.0 / 3.0, DEFAULT_RANGE_INEQ_SEL = 0.005;
    /** selfuncs.h DEFAULT_UNK_SEL: nulltestsel's IS NULL fraction without statistics. */
    static final double DEFAULT_UNK_SEL = 0.005;
    /** costsize.h defaults. */
    static final double CPU_TUPLE_COST = 0.01, CPU_INDEX_TUPLE_COST = 0.005, CPU_OPERATOR_COST = 0.0025;

    /** A conjunct usable as an index condition on table column {@code attno}. */
    record Indexable(int attno, Strategy strategy, Expr argument, Expr clause) {}

    /** add_path's STD_FUZZ_FACTOR (1.01): a path must be cheaper by more than 1% to displace another. */
    private static final double FUZZ_FACTOR_INVERSE = 1 / 1.01;

    /** costsize.c's disable_cost, added to a path whose enable_* setting is off. */
    static final double DISABLE_COST = 1.0e10;

    /** The chosen scan of {@code rte}'s table. */
    static Plan scan(Query.RangeTblEntry rte, Expr qual, List<Expr> tlist, ExecEnvironment env, FunctionCallContext ctx) {
        return scan(rte, qual, tlist, env, ctx, null, -1).plan();
    }

    /** A chosen scan, and whether it delivers the order that was asked for. */
    record Choice(Plan plan, boolean ordered) {}

    /**
     * The chosen scan of {@code rte}'s table when the query wants its rows in {@code order}
     * (null: in no order) and at most {@code limit} of them (negative: all). Besides the
     * cheapest scan followed by a sort, every index whose order (either direction) is the
     * wanted one is a candidate (build_index_paths with useful pathkeys), its quals or none
     * (a full index scan); with a limit it is costed for the fraction of rows read
     * (compare_fractional_path_costs), the sorted path for all of them.
     */
    static Choice scan(Query.RangeTblEntry rte, Expr qual, List<Expr> tlist, ExecEnvironment env, FunctionCallContext ctx,
                       List<ScanOrder.Key> order, double limit) {
        return scan(rte, qual, tlist, env, ctx, order, limit, null);
    }

    /**
     * As above; {@code reads} ({@link IndexOnlyScans#columnReads}, null when unknown) are the
     * table's columns the query reads, so that an index holding them all is scanned index-only
     * (build_index_paths' index_only_scan, when enable_indexonlyscan is on), its heap part costed
     * for the pages the visibility map does not cover (cost_index's allvisfrac).
     */
    static Choice scan(Query.RangeTblEntry rte, Expr qual, List<Expr> tlist, ExecEnvironment env, FunctionCallContext ctx,
                       List<ScanOrder.Key> order, double limit, int[] reads) {
        return scan(rte, qual, tlist, env, ctx, order, limit, reads, false);
    }

    /**
     * As above, for a table whose rows the statement changes or locks when {@code target}
     * (check_index_predicates' is_target_rel: a result relation or one with a row mark). Such a
     * scan keeps every conjunct as a filter even where a partial index's predicate implies it:
     * PostgreSQL's EvalPlanQual rechecks a newer version of the row with the scan's quals, and
     * the newer version need not satisfy the predicate any more. (Tusk's recheck evaluates the
     * statement's whole WHERE clause, so this is for plans to read as PostgreSQL's do.)
     */
    static Choice scan(Query.RangeTblEntry rte, Expr qual, List<Expr> tlist, ExecEnvironment env, FunctionCallContext ctx,
                       List<ScanOrder.Key> order, double limit, int[] reads, boolean target) {
        return scan(rte, qual, tlist, env, ctx, order, limit, reads, target, false);
    }

    /**
     * As above; with {@code projecting} the scan may be index-only although it has a target list
     * (an inheritance child's projection into its parent's columns, whose reads {@code reads} are).
     */
    static Choice scan(Query.RangeTblEntry rte, Expr qual, List<Expr> tlist, ExecEnvironment env, FunctionCallContext ctx,
                       List<ScanOrder.Key> order, double limit, int[] reads, boolean target, boolean projecting) {
        return scan(rte, qual, tlist, env, ctx, order, limit, reads, target, projecting, false);
    }

    /**
     * The cheapest index scan of {@code rte}'s table whose index conditions use an exec
     * parameter of {@code qual} (a join clause with the outer row's value in it), or null when
     * no index takes one: the parameterized index path build_index_paths makes for a nested
     * loop's inner side. It is not weighed against a sequential scan here, which reads the whole
     * table on every loop; the nested loop's estimate (loop_count = the outer rows) decides.
     */
    static Plan.IndexScan parameterizedScan(Query.RangeTblEntry rte, Expr qual, List<Expr> tlist, ExecEnvironment env,
                                            FunctionCallContext ctx, int[] reads, boolean target) {
        return scan(rte, qual, tlist, env, ctx, null, -1, reads, target, false, true).plan() instanceof Plan.IndexScan is ? is : null;
    }

    private static Choice scan(Query.RangeTblEntry rte, Expr qual, List<Expr> tlist, ExecEnvironment env,
                               FunctionCallContext ctx, List<ScanOrder.Key> order, double limit, int[] reads,
                               boolean target, boolean projecting, boolean parameterized) {
        List<Expr> conjuncts = conjuncts(qual);
        boolean indexOnlyOn = reads != null && (tlist == null || projecting) && setting(ctx, "enable_indexonlyscan", true);
        Relation heap = rte.table();
        boolean seqOff = !setting(ctx, "enable_seqscan", true);
        boolean indexOff = !setting(ctx, "enable_indexscan", true);
        RelSize.Estimate size = RelSize.of(heap, env);
        double pages = size.pages(), tuples = size.tuples();
        // the candidates are costed as costsize.c does (cost_seqscan, cost_index with the index's
        // correlation, cost_bitmap_heap_scan) over the selectivities of the table's statistics
        PlanCosts costs = new PlanCosts(env, ctx);
        // a LIMIT without an order to keep reads only its fraction of the rows: the scans are
        // compared as get_cheapest_fractional_path compares paths, startup plus that fraction of
        // the rest (with every row read, their total costs)
        double unorderedFraction = 1.0;
        if (order != null && limit >= 0
                && ScanOrder.withoutConstants(order, ScanOrder.constantColumns(conjuncts)).isEmpty()) {
            double rowsOut = Math.max(1, Math.ceil(tuples * conjunctSelectivity(conjuncts)));
            if (limit < rowsOut) unorderedFraction = Math.max(limit, 1) / rowsOut;
        }
        double seqCost = fractional(costs.of(new Plan.SeqScan(rte, qual, tlist)), unorderedFraction);
        Plan.IndexScan best = null;
        double bestCost = Double.MAX_VALUE;
        boolean bestIsUniqueEq = false;
        if (!indexOff) {
            for (Relation index : env.catalog().indexesOf(heap)) {
                if (!index.indexIsValid()) continue;   // get_relation_info: not usable until indisvalid
                if (index.relam() == Relation.GIN_AM_OID) continue;   // no amgettuple: GIN indexes give bitmap scans only
                // expression columns and partial-index predicates (IndexMatching)
                IndexMatching m = IndexMatching.of(heap, index, env, ctx);
                if (m == null || !m.predicateImplied(conjuncts)) continue;
                List<Plan.IndexQual> quals = new ArrayList<>();
                List<Expr> used = new ArrayList<>();
                matchIndex(heap, index, m, conjuncts, quals, used, ctx);
                if (parameterized && !usesParam(quals)) continue;
                // build_index_paths: an index no conjunct bounds is still a path when it holds every
                // column the query reads of the table (a full index-only scan, cheaper than the heap
                // when the visibility map covers most pages)
                if (quals.isEmpty() && (!indexOnlyOn || !IndexOnlyScans.covers(index,
                        readsWithout(reads, conjuncts, filterFor(conjuncts, used, target ? null : m), used),
                        rte.columns().size(), env))) continue;
                boolean uniqueEq = index.index().unique() && equalityOnAllKeys(index, quals);
                List<Expr> filter = filterFor(conjuncts, used, target ? null : m);
                boolean only = indexOnlyOn && IndexOnlyScans.covers(index, readsWithout(reads, conjuncts, filter, used),
                        rte.columns().size(), env);
                Plan.IndexScan candidate = new Plan.IndexScan(rte, index, List.copyOf(quals), and(filter), tlist, false, only);
                double cost = fractional(costs.of(candidate), unorderedFraction);
                if (best == null || (uniqueEq && !bestIsUniqueEq) || (uniqueEq == bestIsUniqueEq && cost < bestCost)) {
                    best = candidate;
                    bestCost = cost;
                    bestIsUniqueEq = uniqueEq;
                }
            }
        }
        if (parameterized) return new Choice(best, false);
        Plan unordered;
        double unorderedCost;
        if (best != null && (seqOff || bestIsUniqueEq || bestCost < seqCost)) {
            unordered = best;
            unorderedCost = bestCost;
        } else {
            unordered = new Plan.SeqScan(rte, qual, tlist);
            unorderedCost = seqOff ? seqCost + DISABLE_COST : seqCost;
        }
        // bitmap heap scans (enable_bitmapscan; not for a scan parameterized by an outer row,
        // which stays a plain index scan). A BitmapOr or BitmapAnd, which no single index scan
        // can do, competes with any scan, and so does every bitmap scan of a table never
        // analyzed (nor vacuumed): PostgreSQL has no correlation for it either and costs its
        // index scans as we do. Against a plain index scan of a table with statistics the two
        // are compared as add_path compares them, by cost_index (with the index's correlation)
        // and cost_bitmap_heap_scan over the statistics' selectivities ({@link PlanCosts}): the
        // simple estimates here know no correlation, so they would hand to the bitmap scan many
        // index scans PostgreSQL keeps for the order of their rows in the heap.
        boolean noStatistics = heap.reltuples() < 0;
        if (!conjuncts.isEmpty() && !bestIsUniqueEq && setting(ctx, "enable_bitmapscan", true)
                && !BitmapPaths.usesParams(conjuncts)) {
            BitmapPaths.Choice bitmap = BitmapPaths.best(rte, conjuncts, tlist, env, ctx, pages, tuples);
            double bitmapCost = bitmap == null ? 0 : fractional(costs.of(bitmap.plan()), unorderedFraction);
            if (bitmap != null && bitmapCost < unorderedCost) {
                // an index led by an expression has no statistics here (PostgreSQL's ANALYZE
                // gathers them for index expressions, we do not yet): without its selectivity and
                // correlation the plain index scan is kept, as before statistics
                boolean compete = noStatistics || !(unordered instanceof Plan.IndexScan is)
                        || !(bitmap.plan().bitmap() instanceof Plan.BitmapIndexScan)
                        || is.index().index().keyAttnum(0) != 0 && bitmapCost < unorderedCost * FUZZ_FACTOR_INVERSE;
                if (compete) {
                    unordered = bitmap.plan();
                    unorderedCost = bitmapCost;
                }
            }
        }
        if (order == null) return new Choice(unordered, false);
        java.util.Set<Integer> constants = ScanOrder.constantColumns(conjuncts);
        List<ScanOrder.Key> wanted = ScanOrder.withoutConstants(order, constants);
        // every wanted column pinned by a constant: any scan is in order. (A unique index's equality
        // is no proof of one row: a deferrable constraint's duplicates, or a snapshot older than
        // the index, which finds the recently dead rows too; PostgreSQL sorts then as well.)
        if (wanted.isEmpty()) return new Choice(unordered, true);
        if (indexOff) return new Choice(unordered, false);
        double rowsOut = Math.max(1, Math.ceil(tuples * conjunctSelectivity(conjuncts)));
        double fraction = limit >= 0 && limit < rowsOut ? Math.max(limit, 1) / rowsOut : 1.0;
        double sortedCost = unorderedCost + ScanOrder.sortCost(rowsOut, setting(ctx, "enable_sort", true));
        Plan.IndexScan ordered = null;
        double orderedCost = sortedCost;
        for (Relation index : env.catalog().indexesOf(heap)) {
            if (!index.indexIsValid()) continue;
            IndexMatching m = IndexMatching.of(heap, index, env, ctx);
            if (m == null || !m.predicateImplied(conjuncts)) continue;
            if (ScanOrder.hasDistance(wanted)) {
                // match_pathkeys_to_index: ORDER BY column <-> value from an index that orders by operator
                Plan.IndexQual orderBy = wanted.size() == 1 ? GistQuals.orderBy(index, wanted.get(0)) : null;
                if (orderBy == null) continue;
                List<Plan.IndexQual> quals = new ArrayList<>();
                List<Expr> used = new ArrayList<>();
                matchIndex(heap, index, m, conjuncts, quals, used, ctx);
                List<Expr> filter = filterFor(conjuncts, used, target ? null : m);
                boolean only = indexOnlyOn && IndexOnlyScans.covers(index, readsWithout(reads, conjuncts, filter, used),
                        rte.columns().size(), env);
                Plan.IndexScan candidate = new Plan.IndexScan(rte, index, List.copyOf(quals), and(filter), tlist, false, only,
                        List.of(orderBy));
                double cost = costs.of(candidate).total() * fraction;
                if (cost < orderedCost) {
                    ordered = candidate;
                    orderedCost = cost;
                }
                continue;
            }
            ScanOrder.Direction dir = ScanOrder.direction(index, wanted, constants);
            if (dir == ScanOrder.Direction.NONE) continue;
            List<Plan.IndexQual> quals = new ArrayList<>();
            List<Expr> used = new ArrayList<>();
            // check_index_predicates' indrestrictinfo: a conjunct the partial index's predicate
            // implies is no index condition (nor filter) of it, unless the rows are to be changed or locked
            List<Expr> restrict = conjuncts;
            if (!target) {
                restrict = new ArrayList<>(conjuncts);
                restrict.removeIf(c -> !Clauses.containsMutableFunctions(c) && m.impliedByPredicate(c));
            }
            matchIndex(heap, index, m, restrict, quals, used, ctx);
            withoutLowerArrayQuals(quals, used);
            List<Expr> filter = filterFor(conjuncts, used, target ? null : m);
            boolean only = indexOnlyOn && IndexOnlyScans.covers(index, readsWithout(reads, conjuncts, filter, used),
                    rte.columns().size(), env);
            Plan.IndexScan candidate = new Plan.IndexScan(rte, index, List.copyOf(quals), and(filter), tlist,
                    dir == ScanOrder.Direction.BACKWARD, only);
            double cost = costs.of(candidate).total() * fraction;
            if (cost < orderedCost) {
                ordered = candidate;
                orderedCost = cost;
            }
        }
        return ordered != null ? new Choice(ordered, true) : new Choice(unordered, false);
    }

    /** A path's cost when {@code fraction} of its rows are read (compare_fractional_path_costs). */
    private static double fractional(PlanCosts.Estimate e, double fraction) {
        return fraction >= 1.0 ? e.total() : e.startup() + fraction * (e.total() - e.startup());
    }

    /** Whether an index condition compares with an exec parameter (an outer row's value). */
    private static boolean usesParam(List<Plan.IndexQual> quals) {
        for (Plan.IndexQual q : quals) if (q.argument() instanceof Expr.ExecParam) return true;
        return false;
    }

    /**
     * The conjuncts an index scan still filters by: not those used as index conditions (they
     * are rechecked from the index clauses), nor those the index's predicate implies
     * (create_indexscan_plan's qpqual from indrestrictinfo); {@code m} null keeps the latter.
     */
    private static List<Expr> filterFor(List<Expr> conjuncts, List<Expr> used, IndexMatching m) {
        List<Expr> filter = new ArrayList<>(conjuncts);
        filter.removeAll(used);
        if (m != null) filter.removeIf(m::impliedByPredicate);
        return filter;
    }

    /**
     * The column reads left once the scan's conjuncts are accounted for: index conditions need
     * only the index column they compare (which the index has), filter conjuncts stay, and
     * conjuncts implied by the predicate are not evaluated at all.
     */
    private static int[] readsWithout(int[] reads, List<Expr> conjuncts, List<Expr> filter, List<Expr> used) {
        int[] r = reads;
        for (Expr c : conjuncts) if (!filter.contains(c) && !used.contains(c)) r = IndexOnlyScans.without(r, c);
        return r;
    }

    /** clauselist_selectivity, roughly: index-style conjuncts as {@link #selectivity}, others 1/3 each. */
    private static double conjunctSelectivity(List<Expr> conjuncts) {
        List<Plan.IndexQual> quals = new ArrayList<>();
        double other = 1.0;
        for (Expr c : conjuncts) {
            Indexable ix = indexable(c);
            if (ix != null) quals.add(new Plan.IndexQual(ix.attno(), ix.strategy(), ix.argument(), c));
            else other *= DEFAULT_INEQ_SEL;
        }
        return selectivity(quals) * other;
    }

    /**
     * match_clauses_to_index: the conjuncts matching any of {@code index}'s key columns, as index
     * quals in column order. A B-tree takes conditions on every column, not just a leading prefix
     * (amoptionalkey): those past the first column without an equality do not bound the scan but
     * are checked against each index entry before the heap is visited (_bt_checkkeys), which
     * {@link #boundaryQuals} accounts for in the cost.
     *
     * <p>A LIKE with a constant prefix yields derived conditions ({@link LikeIndexQuals}); being
     * lossy it is not among {@code used}, so it stays in the scan's filter.
     */
    static void matchIndex(Relation heap, Relation index, IndexMatching m, List<Expr> conjuncts,
                           List<Plan.IndexQual> quals, List<Expr> used, FunctionCallContext ctx) {
        if (index.relam() == Relation.GIN_AM_OID) {
            GinIndexQuals.match(index, m, conjuncts, quals, used);
            return;
        }
        Relation.IndexInfo info = index.index();
        if (index.relam() == org.tusk.catalog.SystemCatalogs.GIST_AM_OID) {
            GistQuals.match(heap, index, conjuncts, quals, used);
            return;
        }
        if (index.relam() == org.tusk.catalog.SystemCatalogs.HASH_AM_OID) {
            HashQuals.match(index, m, conjuncts, quals, used);
            return;
        }
        List<Expr> lossy = new ArrayList<>();
        int exprIndex = 0;
        for (int k = 0; k < info.keyCount(); k++) {
            boolean isExpr = info.keyAttnum(k) == 0;
            for (Expr c : conjuncts) {
                // match_clause_to_index: a clause goes to the first key column it matches only
                if (used.contains(c) || lossy.contains(c)) continue;
                int coerced = isExpr ? 0 : BtreeOpclasses.coercedInputType(info.indclass()[k], heap.atttypid(info.keyAttnum(k)));
                Indexable ix = isExpr ? m.indexable(c, exprIndex)
                        : coerced != 0 ? coercedIndexable(c, info.keyAttnum(k), coerced, patternOps(info.indclass()[k]))
                        : indexable(c, patternOps(info.indclass()[k]));
                if (ix == null && !isExpr) {
                    List<Indexable> derived = LikeIndexQuals.match(c, heap, index, k, ctx);
                    for (Indexable d : derived) quals.add(new Plan.IndexQual(k + 1, d.strategy(), d.argument(), d.clause()));
                    if (!derived.isEmpty()) lossy.add(c);
                    continue;
                }
                if (ix == null || ix.attno() != info.keyAttnum(k)) continue;
                quals.add(new Plan.IndexQual(k + 1, ix.strategy(), ix.argument(), ix.clause()));
                used.add(c);
            }
            if (isExpr) exprIndex++;
        }
    }

    /**
     * The fraction of {@code index}'s entries a scan with these quals reads over all its descents
     * (btcostestimate's numIndexTuples times genericcostestimate's num_sa_scans): the boundary
     * quals' selectivity, per descent divided among the boundary's own array elements, times
     * the descents every array key causes (an array on a later column repeats the bounded range).
     */
    static double entriesSelectivity(List<Plan.IndexQual> quals, Relation index, double tuples) {
        List<Plan.IndexQual> bound = boundaryQuals(quals);
        return selectivity(bound, index, tuples) * numArrayScans(quals) / numArrayScans(bound);
    }

    /**
     * btcostestimate's indexBoundQuals: the quals that bound the part of the index a B-tree scan
     * reads, those on the leading columns up to and including the first column without an
     * equality (= ANY counts as one). Conditions on later columns only filter the entries read.
     */
    static List<Plan.IndexQual> boundaryQuals(List<Plan.IndexQual> quals) {
        List<Plan.IndexQual> bound = new ArrayList<>();
        for (int col = 1; ; col++) {
            boolean any = false, equality = false;
            for (Plan.IndexQual q : quals) {
                if (q.indexColumn() != col) continue;
                bound.add(q);
                any = true;
                // btcostestimate: IS NULL is like = for the boundary
                equality |= q.strategy() == Strategy.EQUAL
                        || q.clause() instanceof Expr.NullTest nt && !nt.isNot();
            }
            if (!any || !equality) return bound;
        }
    }

    /**
     * build_index_paths' skip_lower_saop: a scan with {@code = ANY} on a key column after the
     * first returns each element's entries in turn, so it is not in index order; an ordered scan
     * leaves such a qual to the filter.
     */
    private static void withoutLowerArrayQuals(List<Plan.IndexQual> quals, List<Expr> used) {
        for (Plan.IndexQual q : quals) if (isArrayQual(q) && q.indexColumn() > 1) used.remove(q.clause());
        quals.removeIf(q -> isArrayQual(q) && q.indexColumn() > 1);
    }

    private static boolean equalityOnAllKeys(Relation index, List<Plan.IndexQual> quals) {
        for (int k = 1; k <= index.index().keyCount(); k++) {
            boolean eq = false;
            // = ANY is not one row: it is as many as the array has elements
            for (Plan.IndexQual q : quals) eq |= q.indexColumn() == k && q.strategy() == Strategy.EQUAL && !isArrayQual(q);
            if (!eq) return false;
        }
        return true;
    }

    /**
     * The index's own part of cost_index (btcostestimate: the descent, the index pages by
     * selectivity, each entry's CPU): what a bitmap index scan costs (its indextotalcost).
     */
    static double indexOnlyCost(Relation index, List<Plan.IndexQual> quals, double tuples, ExecEnvironment env,
                                FunctionCallContext ctx) {
        double sel = entriesSelectivity(quals, index, tuples);
        double entries = Math.max(1, Math.rint(sel * tuples));
        double randomPage = setting(ctx, "random_page_cost", 4.0);
        double indexPages = Math.max(RelSize.blocks(index, env), 1);
        double nsa = numArrayScans(quals);
        // hashcostestimate is genericcostestimate alone: no descent to pay for
        double descent = index.relam() == org.tusk.catalog.SystemCatalogs.HASH_AM_OID ? 0 : PlanCosts.descentCost(tuples) * nsa;
        return descent + indexPagesRead(sel, indexPages, nsa) * randomPage
                + entries * (CPU_INDEX_TUPLE_COST + CPU_OPERATOR_COST * quals.size());
    }

    /**
     * genericcostestimate's index pages: the fraction {@code sel} of them, or with array keys
     * ({@code numArrayScans} > 1 descents) at least one page per descent, as
     * index_pages_fetched estimates the repeated visits for a cached index.
     */
    static double indexPagesRead(double sel, double indexPages, double numArrayScans) {
        double pages = Math.ceil(sel * indexPages);
        if (numArrayScans <= 1) return pages;
        double perScan = Math.max(1, Math.ceil(sel * indexPages / numArrayScans));
        return indexPagesFetched(perScan * numArrayScans, indexPages);
    }

    /**
     * costsize.c index_pages_fetched (Mackert and Lohman), for a cache larger than the table
     * (effective_cache_size's default of 4 GB): fetching {@code tuples} rows in index order from a
     * table of {@code pages} pages with no correlation statistics reads min(T, 2TN/(2T+N)) pages.
     */
    static double indexPagesFetched(double tuples, double pages) {
        double t = Math.max(pages, 1);
        double fetched = (2.0 * t * tuples) / (2.0 * t + tuples);
        return fetched >= t ? t : Math.ceil(fetched);
    }

    /** clauselist_selectivity with default estimates: equality 0.005, a closed range 0.005, an open inequality 1/3. */
    static double selectivity(List<Plan.IndexQual> quals) {
        return selectivity(quals, -1);
    }

    /**
     * As {@link #selectivity(List)} for quals on {@code index} of a table of {@code tuples} rows:
     * when the index is unique on one column, that column's equality selectivity is 1 / tuples
     * (get_variable_numdistinct's unique-column case).
     */
    static double selectivity(List<Plan.IndexQual> quals, Relation index, double tuples) {
        boolean uniqueColumn = index.index().unique() && index.index().keyCount() == 1;
        return selectivity(quals, uniqueColumn ? 1.0 / Math.max(tuples, 1) : -1);
    }

    /**
     * A GIN or GiST qual's restriction estimate: the array and jsonb operators' (GIN's classes,
     * arraycontsel and matchingsel, in clause selectivity), else the geometric and range ones
     * (GiST's classes).
     */
    private static double amStrategySelectivity(Plan.IndexQual q) {
        if (q.clause() instanceof Expr.OpExpr op) {
            int left = op.op().left();
            if (org.tusk.catalog.ArrayTypes.isArray(left) || left == 2277 || left == 3802) return PlanCosts.selectivity(q.clause());
        }
        return GistQuals.selectivity(q);
    }

    /**
     * The selectivity of the quals, {@code firstColumnEqSel} (when not negative) standing for
     * the equality selectivity of the first index column. A column's = ANY (array) quals are
     * estimated by scalararraysel over that equality selectivity ({@link ArraySelectivity}).
     */
    private static double selectivity(List<Plan.IndexQual> quals, double firstColumnEqSel) {
        double sel = 1.0;
        List<Integer> seen = new ArrayList<>();
        for (Plan.IndexQual q : quals) {
            if (q.isAmStrategy()) {
                sel *= amStrategySelectivity(q);
                continue;
            }
            if (isNullTestQual(q)) {
                // nulltestsel without statistics
                sel *= ((Expr.NullTest) q.clause()).isNot() ? 1 - DEFAULT_UNK_SEL : DEFAULT_UNK_SEL;
                continue;
            }
            if (seen.contains(q.indexColumn())) continue;
            seen.add(q.indexColumn());
            int valueType = isArrayQual(q) ? ((Expr.ScalarArrayOpExpr) q.clause()).op().right() : q.argument().type();
            double eqSel = q.indexColumn() == 1 && firstColumnEqSel >= 0 ? firstColumnEqSel : eqSelectivity(valueType);
            boolean eq = false, lower = false, upper = false;
            double arraySel = 1.0;
            for (Plan.IndexQual o : quals) {
                if (o.indexColumn() != q.indexColumn() || isNullTestQual(o) || o.isAmStrategy()) continue;
                if (isArrayQual(o)) {
                    Expr.ScalarArrayOpExpr sa = (Expr.ScalarArrayOpExpr) o.clause();
                    arraySel *= ArraySelectivity.of(sa, () -> o.strategy() == Strategy.EQUAL ? eqSel : DEFAULT_INEQ_SEL);
                    continue;
                }
                switch (o.strategy()) {
                    case EQUAL -> eq = true;
                    case GREATER, GREATER_EQUAL -> lower = true;
                    case LESS, LESS_EQUAL -> upper = true;
                }
            }
            if (eq) sel *= eqSel;
            else if (lower && upper) sel *= DEFAULT_RANGE_INEQ_SEL;
            else if (lower || upper) sel *= DEFAULT_INEQ_SEL;
            else sel *= arraySel;
        }
        return sel;
    }

    /**
     * var_eq_const without statistics: one over get_variable_numdistinct's guess, which is 2 for
     * a boolean and DEFAULT_NUM_DISTINCT (200) otherwise.
     */
    static double eqSelectivity(int type) {
        return type == org.tusk.catalog.TypeOids.BOOL ? 0.5 : DEFAULT_EQ_SEL;
    }

    /**
     * match_clause_to_indexcol for one conjunct: {@code Var op value} or {@code value op Var}, or
     * a test of a boolean column ({@link BooleanIndexQuals}).
     */
    static Indexable indexable(Expr clause) {
        return indexable(clause, false);
    }

    /**
     * {@link #indexable(Expr)} for a key column of an operator class of {@code patternOps}
     * (text_pattern_ops and kin) or not: an operator is indexable only as a member of the
     * column's operator family (match_clause_to_indexcol's op_in_opfamily), so such a column
     * takes {@code ~<~ ~<=~ = ~>=~ ~>~} and no {@code < <= >= >}, and other columns the reverse.
     */
    static Indexable indexable(Expr clause, boolean patternOps) {
        if (clause instanceof Expr.ScalarArrayOpExpr sa) return patternOps && !"=".equals(sa.op().name()) ? null : arrayIndexable(sa);
        if (clause instanceof Expr.NullTest nt) return nullTestIndexable(nt);
        Indexable bool = BooleanIndexQuals.match(clause);
        if (bool != null) return bool;
        if (!(clause instanceof Expr.OpExpr op) || op.args().size() != 2) return null;
        Strategy s = patternOps ? patternStrategy(op.op().name()) : strategy(op.op().name());
        if (s == null || !org.tusk.catalog.IntegerOpFamily.oneFamily(op.op())) return null;
        Expr l = op.args().get(0), r = op.args().get(1);
        Expr.Var lv = column(l), rv = column(r);
        if (lv != null && isValue(r) && sameFamily(lv.type(), op.op().left())) return new Indexable(lv.attno(), s, r, clause);
        if (rv != null && isValue(l) && sameFamily(rv.type(), op.op().right()))
            return new Indexable(rv.attno(), commute(s), l, commuted(op));
        return null;
    }

    /**
     * match_clause_to_indexcol for a key column whose operator class takes another type the
     * column is binary-coercible to (bpchar_ops on text): only an operator of that class's
     * family, on the column relabeled to the class's input type ({@code (f1)::bpchar = 'x'}),
     * whose RelabelType match_index_to_operand looks through; the column's own type's
     * operators ({@code f1 = 'x'::text}) compare otherwise than the index orders.
     */
    static Indexable coercedIndexable(Expr clause, int attno, int inputType, boolean patternOps) {
        if (!(clause instanceof Expr.OpExpr op) || op.args().size() != 2) return null;
        Strategy s = patternOps ? patternStrategy(op.op().name()) : strategy(op.op().name());
        if (s == null || op.op().left() != inputType || op.op().right() != inputType) return null;
        Expr l = op.args().get(0), r = op.args().get(1);
        if (relabeledColumn(l, attno, inputType) && isValue(r)) return new Indexable(attno, s, r, clause);
        if (relabeledColumn(r, attno, inputType) && isValue(l)) return new Indexable(attno, commute(s), l, commuted(op));
        return null;
    }

    /** Whether {@code e} is table column {@code attno} relabeled to {@code type}. */
    private static boolean relabeledColumn(Expr e, int attno, int type) {
        return e instanceof Expr.RelabelType r && r.type() == type && column(r) instanceof Expr.Var v && v.attno() == attno;
    }

    /**
     * {@code value op column} as {@code column op' value} with op's commutator (match_opclause_to_indexcol
     * commutes such a clause, so the Index Cond names the indexed column first); the clause itself
     * if the commutator is not a built-in operator.
     */
    private static Expr commuted(Expr.OpExpr op) {
        String name = switch (op.op().name()) {
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            case "~<~" -> "~>~";
            case "~<=~" -> "~>=~";
            case "~>~" -> "~<~";
            case "~>=~" -> "~<=~";
            default -> op.op().name();
        };
        for (PgOperator c : BuiltinCatalog.operators(name)) {
            if (c.left() == op.op().right() && c.right() == op.op().left() && c.result() == op.op().result())
                return new Expr.OpExpr(c, List.of(op.args().get(1), op.args().get(0)), op.type(), op.location());
        }
        return op;
    }

    /**
     * match_clause_to_indexcol for {@code column op ANY (array)} (amsearcharray): the column on
     * the left, op a B-tree comparison of the column's family, the array a value (a constant,
     * a parameter, or an ARRAY[...] of values). {@code op ALL} is not indexable.
     */
    private static Indexable arrayIndexable(Expr.ScalarArrayOpExpr sa) {
        if (!sa.useOr()) return null;
        Strategy s = strategy(sa.op().name());
        if (s == null || sa.op().left() != sa.op().right()) return null;
        Expr.Var v = column(sa.left());
        if (v == null || !sameFamily(v.type(), sa.op().left()) || !isArrayValue(sa.right())) return null;
        return new Indexable(v.attno(), s, sa.right(), sa);
    }

    /**
     * match_clause_to_indexcol for {@code column IS [NOT] NULL} (amsearchnulls): an index
     * condition without operator or argument (an SK_SEARCHNULL / SK_SEARCHNOTNULL key). Not for
     * a composite column, whose IS NULL tests every field (argisrow).
     */
    private static Indexable nullTestIndexable(Expr.NullTest nt) {
        Expr.Var v = column(nt.arg());
        if (v == null || v.type() == org.tusk.catalog.TypeOids.RECORD
                || org.tusk.catalog.TypeCache.lookupComposite(v.type()) != null) return null;
        return new Indexable(v.attno(), null, null, nt);
    }

    /** Whether the qual is {@code column IS [NOT] NULL} (no strategy, no argument). */
    static boolean isNullTestQual(Plan.IndexQual q) {
        return q.clause() instanceof Expr.NullTest;
    }

    /** An array operand computable before the scan starts: a value, or ARRAY[...] of values. */
    private static boolean isArrayValue(Expr e) {
        if (isValue(e)) return true;
        return e instanceof Expr.ArrayExpr a && !a.multidims() && a.elements().stream().allMatch(ScanPaths::isValue);
    }

    /** Whether the qual is {@code column op ANY (array)} (an SK_SEARCHARRAY key). */
    static boolean isArrayQual(Plan.IndexQual q) {
        return q.clause() instanceof Expr.ScalarArrayOpExpr;
    }

    /** genericcostestimate's num_sa_scans: the product of the index quals' array lengths. */
    static double numArrayScans(List<Plan.IndexQual> quals) {
        double n = 1;
        for (Plan.IndexQual q : quals) if (isArrayQual(q)) n *= Math.max(1, ArraySelectivity.arrayLength(q.argument()));
        return n;
    }

    private static Expr.Var column(Expr e) {
        if (e instanceof Expr.RelabelType r) e = r.arg();
        return e instanceof Expr.Var v && v.levelsup() == 0 && v.attno() > 0 ? v : null;
    }

    static boolean isValue(Expr e) {
        return e instanceof Expr.Const || e instanceof Expr.Param || e instanceof Expr.ExecParam;
    }

    /** The column's values compare as the operator's type does (varchar is compared as text). */
    private static boolean sameFamily(int columnType, int opType) {
        return columnType == opType || columnType == VARCHAR && opType == TEXT;
    }

    static Strategy strategyOf(String op) {
        return strategy(op);
    }

    static Strategy commuteOf(Strategy s) {
        return commute(s);
    }

    private static Strategy strategy(String op) {
        return switch (op) {
            case "=" -> Strategy.EQUAL;
            case "<" -> Strategy.LESS;
            case "<=" -> Strategy.LESS_EQUAL;
            case ">" -> Strategy.GREATER;
            case ">=" -> Strategy.GREATER_EQUAL;
            default -> null;
        };
    }

    /** The strategy of a text_pattern_ops family member (pg_amop.dat: ~<~ 1, ~<=~ 2, = 3, ~>=~ 4, ~>~ 5). */
    private static Strategy patternStrategy(String op) {
        return switch (op) {
            case "=" -> Strategy.EQUAL;
            case "~<~" -> Strategy.LESS;
            case "~<=~" -> Strategy.LESS_EQUAL;
            case "~>~" -> Strategy.GREATER;
            case "~>=~" -> Strategy.GREATER_EQUAL;
            default -> null;
        };
    }

    /** Whether the operator class is one of text_pattern_ops, varchar_pattern_ops, bpchar_pattern_ops. */
    static boolean patternOps(int opclass) {
        return opclass == BtreeOpclasses.TEXT_PATTERN_OPS || opclass == BtreeOpclasses.VARCHAR_PATTERN_OPS
                || opclass == BtreeOpclasses.BPCHAR_PATTERN_OPS;
    }

    private static Strategy commute(Strategy s) {
        return switch (s) {
            case LESS -> Strategy.GREATER;
            case LESS_EQUAL -> Strategy.GREATER_EQUAL;
            case GREATER -> Strategy.LESS;
            case GREATER_EQUAL -> Strategy.LESS_EQUAL;
            case EQUAL -> Strategy.EQUAL;
        };
    }

    static List<Expr> conjuncts(Expr qual) {
        List<Expr> out = new ArrayList<>();
        if (qual == null) return out;
        if (qual instanceof Expr.BoolExpr b && b.op() == RawExpr.BoolOp.AND) {
            for (Expr a : b.args()) out.addAll(conjuncts(a));
        } else {
            out.add(qual);
        }
        return out;
    }

    static Expr and(List<Expr> l) {
        if (l.isEmpty()) return null;
        return l.size() == 1 ? l.get(0) : new Expr.BoolExpr(RawExpr.BoolOp.AND, List.copyOf(l));
    }

    static boolean setting(FunctionCallContext ctx, String name, boolean dflt) {
        try {
            return ctx.session().boolSetting(name);
        } catch (RuntimeException e) {
            return dflt;
        }
    }

    static double setting(FunctionCallContext ctx, String name, double dflt) {
        try {
            return ctx.session().realSetting(name);
        } catch (RuntimeException e) {
            return dflt;
        }
    }

    /** A memory setting in kB, from the unit the session shows it in ("64kB", "4MB"). */
    static long memorySettingKb(FunctionCallContext ctx, String name, long dflt) {
        try {
            String v = ctx.session().showSetting(name).strip();
            int i = 0;
            while (i < v.length() && Character.isDigit(v.charAt(i))) i++;
            long n = Long.parseLong(v.substring(0, i));
            return switch (v.substring(i).strip()) {
                case "kB", "" -> n;
                case "MB" -> n * 1024;
                case "GB" -> n * 1024 * 1024;
                case "TB" -> n * 1024L * 1024 * 1024;
                default -> dflt;
            };
        } catch (RuntimeException e) {
            return dflt;
        }
    }
}
