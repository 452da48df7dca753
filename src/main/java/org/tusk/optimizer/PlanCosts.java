package org.tusk.optimizer;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.Catalog;
import org.tusk.catalog.FunctionCallContext;
import org.tusk.catalog.TypeOids;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;

/**
 * Cost and size estimates of a finished plan tree, node by node, by the formulas of
 * PostgreSQL's costsize.c (cost_seqscan, cost_index, cost_sort, cost_agg, cost_material,
 * initial/final_cost_nestloop and _hashjoin, cost_valuesscan, adjust_limit_rows_costs ...) with
 * selectivities from the scanned table's pg_statistic rows where ANALYZE made them
 * ({@link ColumnSelectivity}) and selfuncs.h's defaults elsewhere: what EXPLAIN
 * shows as {@code cost=startup..total rows=N width=W}. Table sizes follow estimate_rel_size:
 * the relation's current number of blocks (at least 10 for a table never vacuumed, as
 * PostgreSQL assumes) times the tuple density of its column widths.
 *
 * <p>{@link ScanPaths} compares a table's scan candidates by these estimates; {@link JoinPlanner}
 * uses them for joins. cost_index interpolates the heap's I/O between every row on its own page
 * and the rows' pages read in turn by the square of the index's correlation (from ANALYZE), and
 * a partial index's selectivity includes its predicate (add_predicate_to_index_quals).
 */
public final class PlanCosts {
    /** One node's estimate: startup and total cost, rows and average row width in bytes. */
    public record Estimate(double startup, double total, double rows, int width) {}

    static final double CPU_TUPLE_COST = 0.01, CPU_INDEX_TUPLE_COST = 0.005;
    public static final double CPU_OPERATOR_COST = 0.0025;
    private static final double DEFAULT_EQ_SEL = 0.005, DEFAULT_INEQ_SEL = 1.0 / 3.0, DEFAULT_RANGE_INEQ_SEL = 0.005,
            DEFAULT_MATCH_SEL = 0.005, DEFAULT_NUM_DISTINCT = 200;

    private final ExecEnvironment env;
    private final double seqPageCost, randomPageCost;
    private final Map<Plan, Estimate> memo = new IdentityHashMap<>();
    private final ColumnSelectivity columnStats;
    private final FunctionCallContext ctx;
    /** The partial indexes' predicate selectivities, by index (add_predicate_to_index_quals). */
    private final Map<org.tusk.utils.cache.Relation, IndexMatching> matchings = new IdentityHashMap<>();

    public PlanCosts(ExecEnvironment env, FunctionCallContext ctx) {
        this.env = env;
        this.ctx = ctx;
        this.columnStats = new ColumnSelectivity(env == null ? null : env.catalog());
        this.seqPageCost = ScanPaths.setting(ctx, "seq_page_cost", 1.0);
        this.randomPageCost = ScanPaths.setting(ctx, "random_page_cost", 4.0);
    }

    /** A plan's total cost, as EXPLAIN shows it for its top node (plancache.c's cached_plan_cost reads it). */
    public static double totalCost(Plan p, ExecEnvironment env, FunctionCallContext ctx) {
        return p == null ? 0 : new PlanCosts(env, ctx).of(p).total();
    }

    public Estimate of(Plan p) {
        Estimate e = memo.get(p);
        if (e == null) {
            e = compute(p);
            memo.put(p, e);
        }
        return e;
    }

    private Estimate compute(Plan p) {
        return switch (p) {
            case Plan.SeqScan s -> seqScan(s);
            case Plan.IndexScan s -> indexScan(s);
            case Plan.BitmapHeapScan b -> bitmapHeapScan(b);
            case Plan.Result r -> {
                // the InitPlans its target list reads run once before its row (create_minmaxagg_path
                // charges the MIN/MAX sub-selects so; SS_charge_for_initplans a FROM-less level's)
                double init = initPlanCost(r.targetList());
                double cost = init + CPU_TUPLE_COST + exprCost(r.targetList()) + (r.qual() == null ? 0 : exprCost(r.qual()));
                yield new Estimate(init + (r.qual() == null ? 0 : exprCost(r.qual())), cost, 1, width(r.targetList()));
            }
            case Plan.ValuesScan v -> {
                double rows = v.rows().size();
                int w = v.rows().isEmpty() ? 0 : width(v.rows().get(0));
                yield new Estimate(0, rows * (CPU_OPERATOR_COST + CPU_TUPLE_COST), rows, w);
            }
            case Plan.ModifyTable m -> {
                Estimate c = of(m.source());
                yield new Estimate(c.startup(), c.total(), m.returning().isEmpty() ? 0 : c.rows(), width(m.returning()));
            }
            case Plan.Agg a -> agg(a);
            case Plan.SubqueryScan s when s.rte() == null && s.qual() == null && s.targetList() != null
                    && (s.child() instanceof Plan.Sort && s.targetList().stream().anyMatch(Clauses::containsVolatileFunctions)
                        || Plan.computesOverProjectSet(s)) -> {
                // the Result a projection over a Sort or ProjectSet becomes (create_projection_path
                // over a node that cannot project): cpu_tuple_cost and the target list's cost per row
                Estimate c = of(s.child());
                double perRow = CPU_TUPLE_COST + exprCost(s.targetList());
                // the final target's cost is that of its expressions as written, the calls the
                // ProjectSet evaluates for it included (set_pathtarget_cost_width on the original target)
                if (s.child() instanceof Plan.ProjectSet ps) perRow += exprCost(ps.srfs());
                yield new Estimate(c.startup(), c.total() + perRow * c.rows(), c.rows(), width(s.targetList()));
            }
            case Plan.SubqueryScan s -> {
                Estimate c = of(s.child());
                // a CTE has no statistics: its scan's clauses see only its number of rows (examine_variable)
                double rows = c.rows() * (Plan.isCteScan(s) ? selectivity(s.qual(), ScanStats.withoutStatistics(c.rows()))
                        : selectivity(s.qual()));
                double run = s.qual() == null ? 0 : c.rows() * exprCost(s.qual());
                int w = s.targetList() == null ? c.width() : width(s.targetList());
                yield new Estimate(c.startup(), c.total() + run, clamp(rows), w);
            }
            case Plan.NestLoop n -> nestLoop(n);
            case Plan.HashJoin h -> hashJoin(h);
            case Plan.MergeJoin m -> mergeJoin(m);
            case Plan.Unique u -> {
                Estimate c = of(u.child());
                double groups = u.numGroups() > 0 ? Math.min(u.numGroups(), Math.max(1, c.rows()))
                        : groups(u.columns().size(), c.rows());
                yield new Estimate(c.startup(), c.total() + CPU_OPERATOR_COST * u.columns().size() * c.rows(), groups, c.width());
            }
            case Plan.MergeAppend a -> mergeAppend(a.children(), this::of);
            case Plan.Append a -> {
                double startup = 0, total = 0, rows = 0;
                int w = 0;
                for (Plan c : a.children()) {
                    Estimate e = of(c);
                    if (rows == 0) startup = e.startup();
                    total += e.total();
                    rows += e.rows();
                    w = Math.max(w, e.width());
                }
                yield new Estimate(startup, total, rows, w);
            }
            case Plan.SetOp o -> {
                Estimate l = of(o.left()), r = of(o.right());
                double total = l.total() + r.total() + CPU_OPERATOR_COST * (l.rows() + r.rows()) * o.left().width();
                yield new Estimate(total, total, clamp(groups(o.left().width(), l.rows())), l.width());
            }
            case Plan.ModifyingCtes m -> of(m.plan());
            // cost_ctescan: cpu_tuple_cost per row for the tuplestore and again per row returned
            case Plan.CteScan c -> {
                Estimate e = of(c.ctePlan());
                yield new Estimate(0, e.rows() * 2 * CPU_TUPLE_COST, e.rows(), e.width());
            }
            case Plan.WorkTableScan w -> new Estimate(0, 2 * CPU_TUPLE_COST * w.rows(), w.rows(), 32 * w.width());
            case Plan.RecursiveUnion r -> {
                Estimate a = of(r.nonRecursive()), b = of(r.recursive());
                double rows = a.rows() + 10 * b.rows();
                yield new Estimate(a.startup(), a.total() + 10 * b.total() + CPU_TUPLE_COST * rows, rows, Math.max(a.width(), b.width()));
            }
            case Plan.WindowAgg w -> {
                // cost_windowagg: per input row, one operator for each function and each key column
                Estimate c = of(w.child());
                double perRow = CPU_OPERATOR_COST * (w.funcs().size() + w.partitionColumns().size() + w.orderKeys().size())
                        + CPU_TUPLE_COST;
                yield new Estimate(c.startup(), c.total() + perRow * c.rows(), c.rows(), c.width() + 8 * w.funcs().size());
            }
            case Plan.FunctionScan f -> {
                // cost_functionscan: the function's cost (default procost 1) per call, then cpu_tuple_cost per row
                double rows = functionRows(f.functions());
                yield new Estimate(CPU_OPERATOR_COST * f.functions().size(), (CPU_OPERATOR_COST + CPU_TUPLE_COST) * rows,
                        rows, 4 * Math.max(1, f.rte().columns().size()));
            }
            case Plan.ProjectSet ps -> {
                // create_set_projection_path: each input row becomes as many rows as the
                // set-returning call estimated to return most (tlist_returns_set_rows); the
                // target is evaluated once per input row, the rows beyond the input's charged
                // half a cpu_tuple_cost each
                Estimate c = of(ps.child());
                double perCall = 1;
                for (Expr f : ps.srfs()) perCall = Math.max(perCall, functionRows(List.of(f)));
                double rows = c.rows() * perCall;
                double target = exprCost(ps.srfs()) + exprCost(ps.targetList());
                yield new Estimate(c.startup(), c.total() + (CPU_TUPLE_COST + target) * c.rows()
                        + (rows - c.rows()) * CPU_TUPLE_COST / 2, rows, width(ps.targetList()));
            }
            case Plan.LockRows r -> {
                // cost_lockrows: cpu_tuple_cost per row on top of the input
                Estimate c = of(r.child());
                yield new Estimate(c.startup(), c.total() + CPU_TUPLE_COST * c.rows(), c.rows(), c.width());
            }
            case Plan.Sort s -> s.presorted() > 0 ? incrementalSort(of(s.child()), s.presorted()) : sort(of(s.child()));
            case Plan.Limit l -> limit(l);
            case Plan.GatingResult g -> {
                // the pseudoconstant quals are evaluated once, at startup (cost_qual_eval_walker
                // counts a pseudoconstant RestrictInfo so); otherwise the child's estimate
                // (create_gating_plan's copy_plan_costsize): a false one makes no row fewer
                Estimate c = of(g.child());
                double q = exprCost(g.qual());
                yield new Estimate(c.startup() + q, c.total() + q, c.rows(), c.width());
            }
            case Plan.Memoize m -> {
                // create_memoize_path: the child's costs and a cpu_tuple_cost for caching the
                // first entry; what later scans cost is cost_memoize_rescan's ({@link #memoizeRescan})
                Estimate c = of(m.child());
                yield new Estimate(c.startup() + CPU_TUPLE_COST, c.total() + CPU_TUPLE_COST, c.rows(), c.width());
            }
        };
    }

    /**
     * cost_memoize_rescan: the startup and total cost of scanning a Memoize node again. The
     * cache holds hash_mem / (the entry's rows as relation_byte_size counts them, the executor's
     * per-entry and per-row overheads and the keys' widths) entries; of the loop's {@code calls}
     * scans, those beyond the keys' distinct values hit the cache, in proportion to how many of
     * those values fit. A scan pays a cpu_operator_cost for the lookup, the child's costs scaled by
     * the miss ratio, the eviction of entries when the values do not all fit (a cpu_tuple_cost, and
     * a tenth of cpu_operator_cost per row), and the storing of its rows (a cpu_tuple_cost and a
     * cpu_operator_cost per row); its first row a cpu_tuple_cost and the child's startup scaled alike.
     */
    double[] memoizeRescan(Plan.Memoize m) {
        Estimate c = of(m.child());
        double tuples = c.rows(), calls = m.calls();
        double hashMemBytes = ScanPaths.memorySettingKb(ctx, "work_mem", 4096) * 1024.0
                * ScanPaths.setting(ctx, "hash_mem_multiplier", 2.0);
        // relation_byte_size (MAXALIGN'd width plus the heap tuple header) and ExecEstimateCacheEntryOverheadBytes
        double entryBytes = tuples * (maxAlign(c.width()) + 24) + 48 + 16 * tuples;
        for (Expr k : m.keys()) entryBytes += Math.max(0, typeWidth(k.type(), k.typmod()));
        double estCacheEntries = Math.floor(hashMemBytes / entryBytes);
        double ndistinct = m.ndistinct();
        double evictRatio = 1.0 - Math.min(estCacheEntries, ndistinct) / ndistinct;
        double hitRatio = ((calls - ndistinct) / calls) * (estCacheEntries / Math.max(ndistinct, estCacheEntries));
        double total = c.total() * (1.0 - hitRatio) + CPU_OPERATOR_COST;
        total += CPU_TUPLE_COST * evictRatio;
        total += CPU_OPERATOR_COST / 10.0 * evictRatio * tuples;
        total += CPU_TUPLE_COST + CPU_OPERATOR_COST * tuples;
        double startup = c.startup() * (1.0 - hitRatio) + CPU_TUPLE_COST;
        return new double[] {startup, total};
    }

    private static int maxAlign(int width) {
        return (width + 7) & ~7;
    }

    // ---- scans

    /** estimate_rel_size of the scanned table: {pages, tuples}. */
    private double[] relSize(Query.RangeTblEntry rte) {
        RelSize.Estimate e = RelSize.of(rte.table(), env);
        return new double[] {e.pages(), e.tuples()};
    }

    private Estimate seqScan(Plan.SeqScan s) {
        if (!s.rte().isTable()) {
            double rows = clamp(1000 * selectivity(s.qual()));
            return new Estimate(0, 1000 * (CPU_TUPLE_COST + exprCost(s.qual())), rows, outWidth(s.rte(), s.targetList()));
        }
        double[] size = relSize(s.rte());
        double cpuPerTuple = CPU_TUPLE_COST + exprCost(s.qual());
        double total = seqPageCost * size[0] + cpuPerTuple * size[1];
        double rows = clamp(size[1] * selectivity(s.qual(), scanStats(s.rte())));
        total += rows * exprCost(s.targetList());
        return new Estimate(0, total, rows, outWidth(s.rte(), s.targetList()));
    }

    /** cost_index with btcostestimate's descent cost and genericcostestimate's page and tuple counts. */
    private Estimate indexScan(Plan.IndexScan s) {
        double[] size = relSize(s.rte());
        double tuples = size[1];
        boolean uniqueEq = s.index().index().unique() && s.indexQuals().size() >= s.index().index().keyCount()
                && s.indexQuals().stream().allMatch(q -> q.strategy() == org.tusk.access.index.ScanKey.Strategy.EQUAL
                        && !ScanPaths.isArrayQual(q));
        ScanStats stats = scanStats(s.rte());
        // a partial index holds only the rows its predicate selects: genericcostestimate and
        // btcostestimate estimate the quals together with the predicate conjuncts the quals do
        // not imply (add_predicate_to_index_quals); the index's pages stay its own
        double predSel = uniqueEq ? 1 : predicateSelectivity(s.rte(), s.index(), s.indexQuals(), stats);
        double indexSel = uniqueEq ? 1 / Math.max(tuples, 1)
                : indexSelectivity(s.indexQuals(), s.index(), tuples, stats) * predSel;
        double indexTuples = Math.max(1, Math.round(indexSel * tuples));
        // btcostestimate: the entries read are those the boundary quals select
        double boundSel = uniqueEq ? indexSel : entriesSelectivity(s.indexQuals(), s.index(), tuples, stats);
        double entries = Math.max(1, Math.round(boundSel * predSel * tuples));
        double indexPages = Math.max(1, RelSize.blocks(s.index(), env));
        double nsa = ScanPaths.numArrayScans(s.indexQuals());
        double startup = descent(s.index(), tuples);
        // repeated as the inner side of a nested loop (loop_count): Mackert and Lohman over all
        // the loops' fetches, index and heap pages alike, each loop paying its share (as
        // genericcostestimate and cost_index do for a parameterized path)
        double loops = loopCounts.getOrDefault(s, paramLoops.isEmpty() ? 1.0 : paramLoops(s));
        double indexPagesCost = loops > 1
                ? ScanPaths.indexPagesFetched(Math.max(1, Math.ceil(boundSel * indexPages)) * nsa * loops, indexPages)
                        * randomPageCost / loops
                : ScanPaths.indexPagesRead(boundSel, indexPages, nsa) * randomPageCost;
        double indexTotal = startup * nsa + indexPagesCost
                + entries * (CPU_INDEX_TUPLE_COST + CPU_OPERATOR_COST * s.indexQuals().size());
        double allVisFrac = s.indexOnly() ? RelSize.of(s.rte().table(), env).allVisFrac() : 0;
        double pagesFetched = loops > 1 ? ScanPaths.indexPagesFetched(indexTuples * loops, size[0]) : Math.min(indexTuples, size[0]);
        // an index-only scan reads only the heap pages the visibility map does not cover
        if (s.indexOnly()) pagesFetched = Math.ceil(pagesFetched * (1 - allVisFrac));
        double maxIO = pagesFetched * randomPageCost / loops;
        // cost_index: rows in the index's order fetch the heap from max_IO_cost (every row on
        // another page) towards min_IO_cost (the pages holding the rows, read in turn) by the
        // square of the index's correlation with the heap order
        double heapPages = Math.ceil(indexSel * size[0]);
        if (loops > 1) heapPages = ScanPaths.indexPagesFetched(heapPages * loops, size[0]);
        if (s.indexOnly()) heapPages = Math.ceil(heapPages * (1 - allVisFrac));
        double minIO = loops > 1 ? heapPages * randomPageCost / loops
                : heapPages > 0 ? randomPageCost + Math.max(0, heapPages - 1) * seqPageCost : 0;
        double correlation = indexCorrelation(s.index(), stats);
        double heap = maxIO + correlation * correlation * (minIO - maxIO)
                + indexTuples * (CPU_TUPLE_COST + exprCost(s.qual()));
        double rows = uniqueEq ? 1 : clamp(indexTuples * selectivity(s.qual(), stats));
        ParamJoin pj = paramJoin(s, tuples, stats);
        if (pj != null) {
            paramJoins.put(s, pj);
            double sel = 1.0;
            for (EquiSides k : pj.clauses()) sel *= JoinSelectivity.inner(k.outer(), k.inner());
            rows = clamp(pj.baseRows() * sel);
        }
        return new Estimate(startup, indexTotal + heap + rows * exprCost(s.targetList()), rows,
                outWidth(s.rte(), s.targetList()));
    }

    /**
     * add_predicate_to_index_quals' contribution to an index scan's selectivity: the selectivity
     * of the partial index's predicate conjuncts that the index conditions do not imply (1 for
     * an index without a predicate, or one whose predicate cannot be analysed here).
     */
    private double predicateSelectivity(Query.RangeTblEntry rte, org.tusk.utils.cache.Relation index,
                                        List<Plan.IndexQual> quals, ScanStats stats) {
        if (index.index().predicate() == null || env == null || ctx == null || rte.table() == null) return 1;
        IndexMatching m = matchings.computeIfAbsent(index, i -> IndexMatching.of(rte.table(), i, env, ctx));
        if (m == null) return 1;
        List<Expr> used = new java.util.ArrayList<>();
        for (Plan.IndexQual q : quals) used.add(q.clause());
        List<Expr> extra = m.predicateFor(rte, used);
        if (extra.isEmpty()) return 1;
        return selectivity(extra.size() == 1 ? extra.get(0) : new Expr.BoolExpr(RawExpr.BoolOp.AND, extra), stats);
    }

    /**
     * btcostestimate's indexCorrelation: the correlation ANALYZE measured between the physical
     * order of the heap and the order of the index's first column, when that column is a table
     * column whose statistics were gathered for the ordering the index uses (its operator class
     * is the column type's default, whose less-than ANALYZE used); three quarters of it for a
     * multicolumn index; 0 otherwise. The sign (a DESC column reverses it) does not matter to
     * cost_index, which uses its square.
     */
    private static double indexCorrelation(org.tusk.utils.cache.Relation index, ScanStats stats) {
        if (stats == null || stats.table() == null) return 0;
        org.tusk.utils.cache.Relation.IndexInfo info = index.index();
        int attno = info.keyAttnum(0);
        if (attno <= 0) return 0;
        int type = stats.table().atttypid(attno);
        int opclass = info.indclass()[0];
        if (opclass != 0 && opclass != org.tusk.catalog.BtreeOpclasses.defaultFor(type)
                && !(type == TypeOids.VARCHAR && opclass == org.tusk.catalog.BtreeOpclasses.defaultFor(TypeOids.TEXT))) return 0;
        ColumnSelectivity.Column col = stats.columns().column(stats.table(), attno, stats.tuples());
        if (col == null) return 0;
        Catalog.StatisticsSlot slot = col.stats().slot(Catalog.StatisticsSlot.CORRELATION);
        if (slot == null || slot.numbers() == null || slot.numbers().length == 0) return 0;
        double c = slot.numbers()[0];
        return info.keyCount() > 1 ? c * 0.75 : c;
    }

    /**
     * get_parameterized_baserel_size for an index scan whose equality conditions take a nested
     * loop's parameters: the rows the scan would return without them, and each such condition
     * as the join clause it stands for (the parameter's outer expression = the index column),
     * which the scan's rows and the nested loop's size are estimated with (eqjoinsel), as
     * PostgreSQL estimates a parameterized path. Null when no condition takes a known parameter.
     */
    private ParamJoin paramJoin(Plan.IndexScan s, double tuples, ScanStats stats) {
        List<Plan.IndexQual> plain = new java.util.ArrayList<>();
        List<Plan.IndexQual> joined = new java.util.ArrayList<>();
        for (Plan.IndexQual q : s.indexQuals()) {
            if (q.argument() instanceof Expr.ExecParam p && paramSources.containsKey(p.id())
                    && q.strategy() == org.tusk.access.index.ScanKey.Strategy.EQUAL && !ScanPaths.isArrayQual(q)) joined.add(q);
            else plain.add(q);
        }
        if (joined.isEmpty()) return null;
        double baseSel = plain.isEmpty() ? 1.0 : indexSelectivity(plain, s.index(), tuples, stats);
        double baseRows = clamp(tuples * baseSel * selectivity(s.qual(), stats));
        List<EquiSides> clauses = new java.util.ArrayList<>();
        for (Plan.IndexQual q : joined) {
            ParamSource src = paramSources.get(((Expr.ExecParam) q.argument()).id());
            int attno = s.index().index().keyAttnum(q.indexColumn() - 1);
            JoinSelectivity.Side inner = attno > 0 ? columnSide(s.rte(), attno, baseRows) : JoinSelectivity.Side.UNKNOWN;
            clauses.add(new EquiSides(side(src.outer(), src.expr()), inner));
        }
        return new ParamJoin(baseRows, List.copyOf(clauses));
    }

    /**
     * btcostestimate's descent: log2 of the entries in comparisons (only above one entry: an
     * empty table has no log), then 50 operator costs for the pages passed on the way down.
     */
    /**
     * btcostestimate's indexSelectivity: clauselist_selectivity of the index quals, from the
     * table's column statistics when it has them, else {@link ScanPaths}'s default estimate.
     */
    private static double indexSelectivity(List<Plan.IndexQual> quals, org.tusk.utils.cache.Relation index, double tuples,
                                           ScanStats stats) {
        if (hasStatistics(quals, stats)) return selectivity(clauses(quals), stats);
        return ScanPaths.selectivity(quals, index, tuples);
    }

    /** The fraction of the index's entries a scan reads: its boundary quals' selectivity ({@link ScanPaths#entriesSelectivity}). */
    private static double entriesSelectivity(List<Plan.IndexQual> quals, org.tusk.utils.cache.Relation index, double tuples,
                                             ScanStats stats) {
        if (!hasStatistics(quals, stats)) return ScanPaths.entriesSelectivity(quals, index, tuples);
        List<Plan.IndexQual> bound = ScanPaths.boundaryQuals(quals);
        return selectivity(clauses(bound), stats) * ScanPaths.numArrayScans(quals)
                / ScanPaths.numArrayScans(bound);
    }

    /** Whether a column the quals test has pg_statistic data. */
    private static boolean hasStatistics(List<Plan.IndexQual> quals, ScanStats stats) {
        if (stats == null) return false;
        for (Plan.IndexQual q : quals) {
            boolean[] found = {false};
            ExprTrees.any(q.clause(), x -> {
                if (x instanceof Expr.Var v && stats.column(v) != null) found[0] = true;
                return false;
            });
            if (found[0]) return true;
        }
        return false;
    }

    private static Expr clauses(List<Plan.IndexQual> quals) {
        if (quals.isEmpty()) return null;
        if (quals.size() == 1) return quals.get(0).clause();
        List<Expr> l = new java.util.ArrayList<>();
        for (Plan.IndexQual q : quals) l.add(q.clause());
        return new Expr.BoolExpr(RawExpr.BoolOp.AND, l);
    }

    static double descentCost(double tuples) {
        return descentCost(tuples, 0);
    }

    /** btcostestimate's descent with the index's tree height: 50 operator costs per page on the way down. */
    static double descentCost(double tuples, int treeHeight) {
        double c = tuples > 1 ? Math.ceil(Math.log(tuples) / Math.log(2)) * CPU_OPERATOR_COST : 0;
        return c + (treeHeight + 1) * 50 * CPU_OPERATOR_COST;
    }

    private int treeHeight(org.tusk.utils.cache.Relation index) {
        return env == null ? 0 : env.indexAm().treeHeight(index);
    }

    /**
     * The index's descent cost: btcostestimate's (and, in Tusk, the GiST's) over the tree height;
     * none for a hash index, whose hashcostestimate is genericcostestimate alone (a bucket is
     * found by arithmetic, not by a descent).
     */
    private double descent(org.tusk.utils.cache.Relation index, double tuples) {
        if (index.relam() == org.tusk.catalog.SystemCatalogs.HASH_AM_OID) return 0;
        return descentCost(tuples, treeHeight(index));
    }

    /** cost_bitmap_heap_scan over cost_bitmap_tree_node; EXPLAIN's estimate of the heap scan. */
    private Estimate bitmapHeapScan(Plan.BitmapHeapScan b) {
        double[] size = relSize(b.rte());
        ScanStats stats = scanStats(b.rte());
        double[] tree = bitmapTree(b.rte(), b.bitmap(), size[1], stats);
        double tuplesFetched = clamp(tree[1] * size[1]);
        double t = Math.max(size[0], 1);
        double pagesFetched = (2.0 * t * tuplesFetched) / (2.0 * t + tuplesFetched);
        pagesFetched = pagesFetched >= t ? t : Math.ceil(pagesFetched);
        double costPerPage = pagesFetched >= 2.0 ? randomPageCost - (randomPageCost - seqPageCost) * Math.sqrt(pagesFetched / t)
                : randomPageCost;
        double startup = tree[0];
        double cpuPerTuple = CPU_TUPLE_COST + exprCost(b.recheck()) + exprCost(b.qual());
        double total = startup + pagesFetched * costPerPage + cpuPerTuple * tuplesFetched;
        double rows = clamp(tuplesFetched * selectivity(b.qual(), stats));
        return new Estimate(startup, total + rows * exprCost(b.targetList()), rows, outWidth(b.rte(), b.targetList()));
    }

    /** cost_bitmap_tree_node (with 0.1 cpu_operator_cost per TID put in the bitmap) and the And/Or nodes: {cost, selectivity}. */
    private double[] bitmapTree(Query.RangeTblEntry rte, Plan.BitmapQual q, double tuples, ScanStats stats) {
        return switch (q) {
            case Plan.BitmapIndexScan s -> {
                double sel = indexSelectivity(s.indexQuals(), s.index(), tuples, stats)
                        * predicateSelectivity(rte, s.index(), s.indexQuals(), stats);
                double cost = bitmapIndexCost(rte, s, tuples, stats);
                yield new double[] {cost + 0.1 * CPU_OPERATOR_COST * Math.max(1, Math.rint(sel * tuples)), sel};
            }
            case Plan.BitmapAnd a -> {
                double cost = 0, sel = 1;
                for (int i = 0; i < a.children().size(); i++) {
                    double[] c = bitmapTree(rte, a.children().get(i), tuples, stats);
                    cost += c[0] + (i > 0 ? 100.0 * CPU_OPERATOR_COST : 0);
                    sel *= c[1];
                }
                yield new double[] {cost, sel};
            }
            case Plan.BitmapOr o -> {
                double cost = 0, sel = 0;
                for (int i = 0; i < o.children().size(); i++) {
                    double[] c = bitmapTree(rte, o.children().get(i), tuples, stats);
                    cost += c[0] + (i > 0 ? 100.0 * CPU_OPERATOR_COST : 0);
                    sel = Math.min(1, sel + c[1]);
                }
                yield new double[] {cost, sel};
            }
        };
    }

    /** A bitmap index scan's own cost: btcostestimate's descent, pages and entries (its indextotalcost). */
    private double bitmapIndexCost(Query.RangeTblEntry rte, Plan.BitmapIndexScan s, double tuples, ScanStats stats) {
        if (s.index().relam() == org.tusk.utils.cache.Relation.GIN_AM_OID) {
            double sel = indexSelectivity(s.indexQuals(), s.index(), tuples, stats);
            return GinCostEstimate.cost(s.index(), s.indexQuals(), tuples, sel, env, ctx)[1];
        }
        double sel = entriesSelectivity(s.indexQuals(), s.index(), tuples, stats);
        double entrySel = sel * predicateSelectivity(rte, s.index(), s.indexQuals(), stats);
        double indexPages = Math.max(1, RelSize.blocks(s.index(), env));
        double nsa = ScanPaths.numArrayScans(s.indexQuals());
        double startup = descent(s.index(), tuples) * nsa;
        return startup + ScanPaths.indexPagesRead(sel, indexPages, nsa) * randomPageCost
                + Math.max(1, Math.rint(entrySel * tuples)) * (CPU_INDEX_TUPLE_COST + CPU_OPERATOR_COST * s.indexQuals().size());
    }

    /**
     * EXPLAIN's estimate of a node of a bitmap tree under {@code parent}, as create_bitmap_subplan
     * sets it: an index scan from 0 to its indextotalcost, an And/Or node starting and ending at
     * its path's cost; rows are the TIDs its selectivity gives.
     */
    public Estimate bitmapNode(Plan.BitmapQual q, Plan.BitmapHeapScan parent) {
        double tuples = relSize(parent.rte())[1];
        ScanStats stats = scanStats(parent.rte());
        double[] c = bitmapTree(parent.rte(), q, tuples, stats);
        if (q instanceof Plan.BitmapIndexScan s) return new Estimate(0, bitmapIndexCost(parent.rte(), s, tuples, stats), clamp(c[1] * tuples), 0);
        return new Estimate(c[0], c[0], clamp(c[1] * tuples), 0);
    }

    // ---- joins

    /**
     * An equality join clause (or a parameterized index condition standing for one): the
     * examine_variable answers for its outer and inner expressions.
     */
    private record EquiSides(JoinSelectivity.Side outer, JoinSelectivity.Side inner) {}

    /** Where a nested loop's exec parameter takes its value: an expression over its outer input's tuple. */
    private record ParamSource(Plan outer, Expr expr) {}

    /**
     * A parameterized index scan's size without its join conditions, and those conditions: the
     * nested loop over it estimates the join as the unparameterized join would be.
     */
    private record ParamJoin(double baseRows, List<EquiSides> clauses) {}

    private final Map<Integer, ParamSource> paramSources = new java.util.HashMap<>();
    private final Map<Plan, ParamJoin> paramJoins = new IdentityHashMap<>();
    /** The parameterized inner index scans of nested loops, with the loop's outer rows (cost_index's loop_count). */
    private final Map<Plan, Double> loopCounts = new IdentityHashMap<>();
    /**
     * The rows of the outer side that sets each exec parameter of a parameterized join relation
     * (get_loop_count): an index scan deep inside such a relation that compares with one of them
     * is repeated once per outer row, as a nested loop's direct inner index scan is.
     */
    private final Map<Integer, Double> paramLoops = new java.util.HashMap<>();

    /**
     * Registers the exec parameters a nested loop with outer side {@code outer} will set, before
     * the parameterized relation on its inner side is planned and costed (its ParamPathInfo's
     * required_outer): the index scans comparing with them are costed for the outer rows' loops,
     * and sized as the join clauses they stand for.
     */
    void parameterizedBy(Plan outer, List<Plan.NestParam> params) {
        double rows = of(outer).rows();
        for (Plan.NestParam np : params) {
            paramSources.put(np.paramId(), new ParamSource(outer, np.outerExpr()));
            paramLoops.put(np.paramId(), rows);
        }
    }

    /** The loop count of an index scan comparing with parameters of {@link #parameterizedBy}: the most outer rows among them. */
    private double paramLoops(Plan.IndexScan s) {
        double loops = 1.0;
        for (Plan.IndexQual q : s.indexQuals())
            if (q.argument() instanceof Expr.ExecParam p) loops = Math.max(loops, paramLoops.getOrDefault(p.id(), 1.0));
        return loops;
    }

    /**
     * calc_joinrel_size_estimate: the cross product (or, for a semi or anti join, the outer rows)
     * times the join clauses' selectivity, an equality between the two inputs by eqjoinsel
     * ({@link JoinSelectivity}), any other clause by the defaults; a left join keeps at least its
     * outer rows, a full join at least each input's; then the pushed-down quals filter.
     */
    private double joinRows(Query.JoinType type, Plan outer, Plan inner, Estimate o, double innerRows, List<EquiSides> equi,
                            Expr joinQual, Expr otherQual) {
        double sel = 1.0;
        for (EquiSides k : equi) sel *= equiSelectivity(type, k, innerRows);
        int ow = outer.width();
        for (Expr c : ScanPaths.conjuncts(joinQual)) {
            EquiSides k = equiSides(c, outer, inner, ow);
            sel *= k != null ? equiSelectivity(type, k, innerRows) : selectivity(c);
        }
        double rows = switch (type) {
            case SEMI -> o.rows() * sel;
            case ANTI -> o.rows() * (1 - sel);
            case LEFT -> Math.max(o.rows() * innerRows * sel, o.rows());
            case RIGHT -> Math.max(o.rows() * innerRows * sel, innerRows);
            case FULL -> Math.max(Math.max(o.rows() * innerRows * sel, o.rows()), innerRows);
            default -> o.rows() * innerRows * sel;
        };
        return clamp(rows * selectivity(otherQual));
    }

    /** eqjoinsel: eqjoinsel_semi for a semi or anti join, else eqjoinsel_inner. */
    private static double equiSelectivity(Query.JoinType type, EquiSides k, double innerRows) {
        return type == Query.JoinType.SEMI || type == Query.JoinType.ANTI
                ? JoinSelectivity.semi(k.outer(), k.inner(), innerRows)
                : JoinSelectivity.inner(k.outer(), k.inner());
    }

    /** A join qual conjunct {@code a = b} with one side over the outer input's columns and the other over the inner's, or null. */
    private EquiSides equiSides(Expr c, Plan outer, Plan inner, int ow) {
        if (!(c instanceof Expr.OpExpr op) || !op.op().name().equals("=") || op.args().size() != 2) return null;
        Expr a = op.args().get(0), b = op.args().get(1);
        int sa = inputSide(a, ow), sb = inputSide(b, ow);
        if (sa == 1 && sb == 2) return new EquiSides(side(outer, a), side(inner, shift(b, -ow)));
        if (sa == 2 && sb == 1) return new EquiSides(side(outer, b), side(inner, shift(a, -ow)));
        return null;
    }

    /** 1 if every Var of {@code e} is an outer input column (position at most {@code ow}), 2 if every one is an inner's, else 0. */
    private static int inputSide(Expr e, int ow) {
        boolean[] seen = new boolean[3];
        ExprTrees.any(e, x -> {
            if (x instanceof Expr.Var v && v.levelsup() == 0) seen[v.attno() <= ow ? 1 : 2] = true;
            return false;
        });
        return seen[1] == seen[2] ? 0 : seen[1] ? 1 : 2;
    }

    private static Expr shift(Expr e, int delta) {
        return ExprTrees.map(e, x -> x instanceof Expr.Var v && v.levelsup() == 0
                ? new Expr.Var(v.varno(), v.attno() + delta, v.type(), v.typmod(), v.name(), v.location(), 0) : null);
    }

    /**
     * examine_variable for an expression over {@code p}'s output tuple: a column that comes
     * unchanged from a table's scan (through sorts, projections, joins) has that column's
     * statistics, its relation's tuples and rows and whether a one-column unique index makes
     * it distinct; a VALUES column is taken as distinct; anything else is unknown.
     */
    private JoinSelectivity.Side side(Plan p, Expr e) {
        Origin o = origin(p, e);
        if (o == null) return expressionSide(p, e);
        double relRows = of(o.scan()).rows();
        return switch (o.scan()) {
            case Plan.ValuesScan v -> JoinSelectivity.side(null, false, true, v.rows().size(), relRows);
            case Plan.FunctionScan f -> JoinSelectivity.side(null, isBool(f.rte(), o.attno()), false, relRows, relRows);
            default -> columnSide(o.rte(), o.attno(), relRows);
        };
    }

    /**
     * The rows of a FROM function (ROWS FROM: the most of its functions): one for a scalar
     * call; for a set-returning one its prorows, PostgreSQL's default 1000, except what a
     * planner support function estimates: unnest of one array is estimate_array_length rows
     * (array_unnest_support).
     */
    static double functionRows(List<Expr> functions) {
        double rows = 1;
        for (Expr f : functions)
            if (f instanceof Expr.FuncExpr fe && fe.proc().retset()) {
                boolean builtin = org.tusk.catalog.BuiltinCatalog.functionByOid(fe.proc().oid()) != null;
                double n = 1000;
                if (builtin && fe.proc().name().equals("unnest") && fe.args().size() == 1)
                    n = ArraySelectivity.arrayLength(fe.args().get(0));
                else if (builtin && fe.proc().name().equals("generate_series")) n = generateSeriesRows(fe, n);
                rows = Math.max(rows, clamp(n));
            }
        return rows;
    }

    /**
     * generate_series_int4_support / generate_series_int8_support (SupportRequestRows): with
     * constant integer arguments, floor((finish - start + step) / step) rows; none when one is a
     * NULL constant; otherwise (or for another type) {@code otherwise}.
     */
    private static double generateSeriesRows(Expr.FuncExpr f, double otherwise) {
        List<Expr> args = f.args();
        if (args.size() < 2 || args.size() > 3) return otherwise;
        for (Expr a : args)
            if (!(a.type() == org.tusk.catalog.TypeOids.INT4 || a.type() == org.tusk.catalog.TypeOids.INT8)) return otherwise;
        // a NULL constant argument means no rows, whatever the others are
        for (Expr a : args) if (a instanceof Expr.Const c && c.value() == null) return 0;
        for (Expr a : args) if (!(a instanceof Expr.Const c) || !(c.value() instanceof Number)) return otherwise;
        double start = ((Number) ((Expr.Const) args.get(0)).value()).doubleValue();
        double finish = ((Number) ((Expr.Const) args.get(1)).value()).doubleValue();
        double step = args.size() == 3 ? ((Number) ((Expr.Const) args.get(2)).value()).doubleValue() : 1;
        return step == 0 ? otherwise : Math.floor((finish - start + step) / step);
    }

    /**
     * examine_variable for an expression that is not a column: when every column it reads comes
     * from one table's scan, get_variable_numdistinct knows that relation (vardata->rel) though
     * not the expression's statistics: a boolean has two values, and a relation with fewer than
     * DEFAULT_NUM_DISTINCT tuples as many values as tuples; anything else is unknown.
     */
    private JoinSelectivity.Side expressionSide(Plan p, Expr e) {
        while (e instanceof Expr.RelabelType r) e = r.arg();
        if (e instanceof Expr.Var) return JoinSelectivity.Side.UNKNOWN;
        Plan[] scan = {null};
        Query.RangeTblEntry[] rte = {null};
        boolean[] mixed = {false};
        ExprTrees.any(e, x -> {
            if (x instanceof Expr.Var v && v.levelsup() == 0) {
                Origin o = origin(p, v);
                if (o == null || o.rte() == null || !o.rte().isTable() || scan[0] != null && scan[0] != o.scan()) mixed[0] = true;
                else {
                    scan[0] = o.scan();
                    rte[0] = o.rte();
                }
            }
            return mixed[0];
        });
        if (mixed[0] || scan[0] == null) return JoinSelectivity.Side.UNKNOWN;
        return JoinSelectivity.side(null, e.type() == TypeOids.BOOL, false, relSize(rte[0])[1], of(scan[0]).rows());
    }

    private JoinSelectivity.Side columnSide(Query.RangeTblEntry rte, int attno, double relRows) {
        double tuples = relSize(rte)[1];
        ColumnSelectivity.Column col = columnStats.column(rte.table(), attno, tuples);
        return JoinSelectivity.side(col == null ? null : col.stats(), isBool(rte, attno), hasUniqueIndex(rte, attno), tuples, relRows);
    }

    private static boolean isBool(Query.RangeTblEntry rte, int attno) {
        return attno >= 1 && attno <= rte.columns().size() && rte.columns().get(attno - 1).typeOid() == TypeOids.BOOL;
    }

    /** has_unique_index: a unique index without predicate on just this column. */
    private boolean hasUniqueIndex(Query.RangeTblEntry rte, int attno) {
        if (env == null) return false;
        for (org.tusk.utils.cache.Relation index : env.catalog().indexesOf(rte.table())) {
            org.tusk.utils.cache.Relation.IndexInfo ii = index.index();
            if (ii.unique() && ii.predicate() == null && ii.keyCount() == 1 && ii.keyAttnum(0) == attno) return true;
        }
        return false;
    }

    /** The scan whose column {@code attno} (of its table, VALUES list or function result) an expression is. */
    private record Origin(Plan scan, Query.RangeTblEntry rte, int attno) {}

    private Origin origin(Plan p, Expr e) {
        while (e instanceof Expr.RelabelType r) e = r.arg();
        if (!(e instanceof Expr.Var v) || v.levelsup() != 0 || v.attno() < 1) return null;
        int k = v.attno();
        return switch (p) {
            case Plan.SeqScan s -> scanOrigin(s, s.rte(), s.targetList(), k);
            case Plan.IndexScan s -> scanOrigin(s, s.rte(), s.targetList(), k);
            case Plan.BitmapHeapScan s -> scanOrigin(s, s.rte(), s.targetList(), k);
            case Plan.ValuesScan s -> k <= s.width() ? new Origin(s, null, k) : null;
            case Plan.FunctionScan s -> k <= s.rte().columns().size() && s.functions().size() == 1 ? new Origin(s, s.rte(), k) : null;
            case Plan.Sort s -> origin(s.child(), e);
            case Plan.Limit l -> origin(l.child(), e);
            case Plan.Memoize m -> origin(m.child(), e);
            case Plan.GatingResult g -> origin(g.child(), e);
            case Plan.SubqueryScan s -> s.targetList() == null ? origin(s.child(), e)
                    : k <= s.targetList().size() ? origin(s.child(), s.targetList().get(k - 1)) : null;
            case Plan.NestLoop n -> joinOrigin(n.outer(), n.inner(), v);
            case Plan.HashJoin h -> joinOrigin(h.outer(), h.inner(), v);
            case Plan.MergeJoin m -> joinOrigin(m.outer(), m.inner(), v);
            default -> null;
        };
    }

    private Origin joinOrigin(Plan outer, Plan inner, Expr.Var v) {
        int ow = outer.width();
        return v.attno() <= ow ? origin(outer, v) : origin(inner, shift(v, -ow));
    }

    private static Origin scanOrigin(Plan scan, Query.RangeTblEntry rte, List<Expr> tlist, int k) {
        if (!rte.isTable() || rte.table() == null) return null;
        int attno = k;
        if (tlist != null) {
            if (k > tlist.size()) return null;
            Expr t = tlist.get(k - 1);
            while (t instanceof Expr.RelabelType r) t = r.arg();
            if (!(t instanceof Expr.Var col) || col.levelsup() != 0) return null;
            attno = col.attno();
        }
        return attno >= 1 && attno <= rte.columns().size() ? new Origin(scan, rte, attno) : null;
    }

    private Estimate nestLoop(Plan.NestLoop n) {
        for (Plan.NestParam np : n.nestParams()) paramSources.put(np.paramId(), new ParamSource(n.outer(), np.outerExpr()));
        Estimate o = of(n.outer());
        // the inner scan under a Memoize is the same parameterized path, costed for the same loops
        Plan innerScan = n.inner() instanceof Plan.Memoize m ? m.child() : n.inner();
        if (!n.nestParams().isEmpty() && innerScan instanceof Plan.IndexScan) loopCounts.put(innerScan, loopCount(n.outer(), o));
        Estimate i = of(n.inner());
        boolean param = !n.nestParams().isEmpty();
        double innerFirst, innerRescan, rescanStart = param ? i.startup() : 0;
        if (n.inner() instanceof Plan.Memoize m) {
            // cost_rescan of a Memoize: cost_memoize_rescan
            double[] r = memoizeRescan(m);
            innerFirst = i.total();
            innerRescan = r[1];
            rescanStart = r[0];
        } else if (param) {
            innerFirst = innerRescan = i.total();
        } else if (n.materializeInner()) {
            // cost_material: the inner rows are stored on the first read (2 cpu_operator_cost per
            // row), and each rescan reads them back at cpu_operator_cost per row
            innerFirst = i.total() + 2 * CPU_OPERATOR_COST * i.rows();
            innerRescan = CPU_OPERATOR_COST * i.rows();
        } else {
            innerFirst = i.total();
            innerRescan = rescan(n.inner(), i);
        }
        double startup = o.startup() + i.startup();
        double total = o.total() + innerFirst + Math.max(0, o.rows() - 1) * innerRescan
                + (CPU_TUPLE_COST + exprCost(n.joinQual())) * o.rows() * i.rows();
        // a parameterized inner index scan: the join's size is that of the unparameterized join
        ParamJoin pj = param ? paramJoins.get(innerScan) : null;
        SemiFactors sf = semiFactors(n.type(), n.innerUnique(), n.outer(), n.inner(), o.rows(),
                pj != null ? pj.baseRows() : i.rows(), pj != null ? pj.clauses() : List.of(), n.joinQual());
        if (sf != null) {
            // final_cost_nestloop for a semi or anti join or a unique inner side: the inner scan
            // for an outer row stops at its first match, inner_scan_frac of the way through
            double innerRun = innerFirst - i.startup(), rescanRun = innerRescan - rescanStart;
            double matched = Math.rint(o.rows() * sf.outerMatchFrac()), unmatched = o.rows() - matched;
            double innerScanFrac = 2.0 / (sf.matchCount() + 1.0);
            double ntuples = matched * i.rows() * innerScanFrac;
            double run = (o.total() - o.startup()) + Math.max(0, o.rows() - 1) * rescanStart;
            if (indexedJoinQuals(n)) {
                // every join clause is an index condition: an outer row without a match reads
                // next to nothing of the inner side
                run += innerRun * innerScanFrac;
                if (matched > 1) run += (matched - 1) * rescanRun * innerScanFrac;
                run += unmatched * rescanRun / Math.max(i.rows(), 1);
            } else {
                ntuples += unmatched * i.rows();
                run += innerRun;
                if (unmatched >= 1) unmatched -= 1; else matched -= 1;
                if (matched > 0) run += matched * rescanRun * innerScanFrac;
                if (unmatched > 0) run += unmatched * rescanRun;
            }
            total = startup + run + (CPU_TUPLE_COST + exprCost(n.joinQual())) * ntuples;
        }
        double rows = pj != null
                ? joinRows(n.type(), n.outer(), n.inner(), o, pj.baseRows(), pj.clauses(), n.joinQual(), n.otherQual())
                : joinRows(n.type(), n.outer(), n.inner(), o, i.rows(), List.of(), n.joinQual(), n.otherQual());
        return new Estimate(startup, total, rows, o.width() + i.width());
    }

    /**
     * get_loop_count: the rows of the outer relation as estimated without parameters (its
     * RelOptInfo's rows), which for an outer side that is itself a parameterized index scan
     * (inside a parameterized join relation) is that scan's size without its join conditions.
     */
    private double loopCount(Plan outer, Estimate o) {
        ParamJoin pj = outer instanceof Plan.IndexScan ? paramJoins.get(outer) : null;
        return pj != null ? pj.baseRows() : o.rows();
    }

    /**
     * has_indexed_join_quals: the inner side is an index scan parameterized by the outer row
     * whose every parameter is compared in an index condition (none left in its filter) and the
     * join has no clause of its own left to check.
     */
    private static boolean indexedJoinQuals(Plan.NestLoop n) {
        if (n.nestParams().isEmpty() || n.joinQual() != null || !(n.inner() instanceof Plan.IndexScan is)) return false;
        if (is.qual() != null && ExprTrees.any(is.qual(), x -> x instanceof Expr.ExecParam)) return false;
        for (Plan.IndexQual q : is.indexQuals()) if (q.argument() instanceof Expr.ExecParam) return true;
        return false;
    }

    /**
     * cost_rescan's total for an unparameterized inner side scanned again: a node that keeps its
     * output (a Sort: cpu_operator_cost per row; a CTE or work table scan's tuplestore:
     * cpu_tuple_cost per row) or its startup work (a function scan's tuplestore, a hash join's
     * hash table: the run cost) pays less than a first scan; anything else pays its whole cost again.
     */
    private static double rescan(Plan inner, Estimate e) {
        Plan p = inner;
        while (p instanceof Plan.SubqueryScan s && s.rte() == null && s.qual() == null) p = s.child();
        return switch (p) {
            case Plan.Sort s -> CPU_OPERATOR_COST * e.rows();
            case Plan.CteScan c -> CPU_TUPLE_COST * e.rows();
            case Plan.WorkTableScan w -> CPU_TUPLE_COST * e.rows();
            case Plan.SubqueryScan s when Plan.isCteScan(s) -> CPU_TUPLE_COST * e.rows();
            case Plan.FunctionScan f -> e.total() - e.startup();
            case Plan.HashJoin h -> e.total() - e.startup();
            default -> Plan.materializesOutput(p) ? e.total() - e.startup() : e.total();
        };
    }

    private Estimate hashJoin(Plan.HashJoin h) {
        Estimate o = of(h.outer()), i = of(h.inner());
        int nkeys = h.outerKeys().size();
        double startup = o.startup() + i.total() + (CPU_OPERATOR_COST * nkeys + CPU_TUPLE_COST) * i.rows();
        List<EquiSides> keys = new java.util.ArrayList<>();
        for (int k = 0; k < nkeys; k++)
            keys.add(new EquiSides(side(h.outer(), h.outerKeys().get(k)), side(h.inner(), h.innerKeys().get(k))));
        double rows = joinRows(h.type(), h.outer(), h.inner(), o, i.rows(), keys, h.joinQual(), h.otherQual());
        double bucketSize = 1.0;
        for (EquiSides k : keys) bucketSize = Math.min(bucketSize, bucketSize(k.inner(), i.rows()));
        double hashQualCost = CPU_OPERATOR_COST * nkeys;
        double run = (o.total() - o.startup()) + hashQualCost * o.rows();
        SemiFactors sf = semiFactors(h.type(), h.innerUnique(), h.outer(), h.inner(), o.rows(), i.rows(), keys, h.joinQual());
        if (sf != null) {
            // final_cost_hashjoin for a semi or anti join or a unique inner side: a matched outer
            // row stops at its first match, about inner_scan_frac into its bucket; an unmatched
            // one is assumed to land in an empty bucket most of the time (the 0.05)
            double matched = Math.rint(o.rows() * sf.outerMatchFrac());
            double innerScanFrac = 2.0 / (sf.matchCount() + 1.0);
            run += hashQualCost * matched * clamp(i.rows() * bucketSize * innerScanFrac) * 0.5;
            run += hashQualCost * (o.rows() - matched) * clamp(i.rows() / nbuckets(i.rows())) * 0.05;
            double tuples = h.type() == Query.JoinType.ANTI ? o.rows() - matched : matched;
            run += (CPU_TUPLE_COST + exprCost(h.joinQual())) * tuples;
        } else {
            run += hashQualCost * o.rows() * clamp(i.rows() * bucketSize) * 0.5
                    + (CPU_TUPLE_COST + exprCost(h.joinQual())) * rows;
        }
        return new Estimate(startup, startup + run, rows, o.width() + i.width());
    }

    /**
     * compute_semi_anti_join_factors' result: the fraction of outer rows that have a match
     * (the join clauses' semi-join selectivity) and the average number of inner rows an outer
     * row with a match matches.
     */
    private record SemiFactors(double outerMatchFrac, double matchCount) {}

    /**
     * compute_semi_anti_join_factors for a semi or anti join, or a join whose inner side is
     * unique for the join clauses (extra->inner_unique); null for any other join, which
     * final_cost_hashjoin and final_cost_nestloop cost as reading every match. The clauses are
     * the join's own (its join qual and hash or merge keys, not the pushed-down filters):
     * their selectivity as a semi join (eqjoinsel_semi for an equality; for an inner or outer
     * join the inner-join selectivity, since eqjoinsel follows the SpecialJoinInfo's join type)
     * and as an inner join give avgmatch = inner-join selectivity × inner rows / semi-join
     * selectivity, at least one.
     */
    private SemiFactors semiFactors(Query.JoinType type, boolean innerUnique, Plan outer, Plan inner,
                                    double outerRows, double innerRows, List<EquiSides> keys, Expr joinQual) {
        boolean semi = type == Query.JoinType.SEMI || type == Query.JoinType.ANTI;
        if (!semi && !innerUnique) return null;
        double jselec = 1.0, nselec = 1.0;
        List<EquiSides> all = new java.util.ArrayList<>(keys);
        List<Expr> others = new java.util.ArrayList<>();
        int ow = outer.width();
        for (Expr c : ScanPaths.conjuncts(joinQual)) {
            EquiSides k = equiSides(c, outer, inner, ow);
            if (k != null) all.add(k); else others.add(c);
        }
        for (EquiSides k : all) {
            nselec *= JoinSelectivity.inner(k.outer(), k.inner());
            if (semi) jselec *= JoinSelectivity.semi(k.outer(), k.inner(), innerRows);
        }
        for (Expr c : others) {
            double sel = selectivity(c);
            jselec *= sel;
            nselec *= sel;
        }
        // eqjoinsel (like neqjoinsel) estimates the semi-join selectivity only when the
        // SpecialJoinInfo says SEMI or ANTI: for an inner or outer join made with a unique inner
        // side, compute_semi_anti_join_factors's "JOIN_SEMI" selectivity is the join's own, so
        // about that fraction of outer rows finds its one match
        if (!semi) jselec = nselec;
        double avgmatch = jselec > 0 ? Math.max(1.0, nselec * innerRows / jselec) : 1.0;
        return new SemiFactors(jselec, avgmatch);
    }

    /** ExecChooseHashTableSize's bucket count for a hash table that fits in memory: the next power of two of the rows, at least 1024. */
    private static double nbuckets(double innerRows) {
        return Math.max(1024, Integer.highestOneBit((int) Math.max(1, Math.ceil(innerRows) - 1)) * 2.0);
    }

    /**
     * estimate_hash_bucketsize: the fraction of the hashed rows in the bucket a probe reads.
     * Without a real number of distinct key values, 0.1 (or 1 / nbuckets); otherwise 1 /
     * ndistinct (scaled to the restricted rows, and at least 1 / nbuckets), raised by the most
     * common value's frequency over the average (ExecChooseHashTableSize's nbuckets: the next
     * power of two of the rows, at least 1024).
     */
    private static double bucketSize(JoinSelectivity.Side key, double innerRows) {
        double nbuckets = Math.max(1024, Integer.highestOneBit((int) Math.max(1, Math.ceil(innerRows) - 1)) * 2.0);
        if (key.ndDefault()) return Math.max(0.1, 1 / nbuckets);
        double ndistinct = key.nd();
        double avgFreq = (1.0 - key.nullFrac()) / ndistinct;
        double tuples = key.tuples();
        if (tuples > 0 && key.relRows() >= 0) ndistinct = clamp(ndistinct * key.relRows() / tuples);
        double estfract = ndistinct > nbuckets ? 1.0 / nbuckets : 1.0 / ndistinct;
        Catalog.StatisticsSlot mcv = key.mcv();
        double mcvFreq = mcv == null ? 0 : mcv.numbers()[0];
        if (avgFreq > 0 && mcvFreq > avgFreq) estfract *= mcvFreq / avgFreq;
        return Math.min(1.0, Math.max(1.0e-6, estfract));
    }

    /**
     * initial/final_cost_mergejoin without statistics (mergejoinscansel's defaults: both inputs
     * read to the end). Inner rows with equal keys are read again for each matching outer row:
     * rescanratio = 1 + (join rows - inner rows) / inner rows, paid either by re-reading the
     * inner input or, when cheaper, by a Materialize at cpu_operator_cost per re-read row.
     */
    /** Whether the merge join estimated last would read its inner side more cheaply through a Material node. */
    private boolean lastMergeInnerMaterializeCheaper;

    /**
     * final_cost_mergejoin's materialize_inner test: whether materializing the inner side
     * (cpu_operator_cost per re-read row) is cheaper than re-reading it (its run cost times the
     * rescan ratio of the inner rows read again for equal outer keys).
     */
    boolean mergeInnerCheaperMaterialized(Plan.MergeJoin m) {
        mergeJoin(m);
        return lastMergeInnerMaterializeCheaper;
    }

    private static boolean visibleIndexScan(Plan p) {
        while (p instanceof Plan.SubqueryScan s && s.rte() == null && s.qual() == null) p = s.child();
        return p instanceof Plan.IndexScan;
    }

    private Estimate mergeJoin(Plan.MergeJoin m) {
        Estimate o = of(m.outer()), i = of(m.inner());
        int nkeys = m.outerKeys().size();
        List<EquiSides> keys = new java.util.ArrayList<>();
        for (int k = 0; k < nkeys; k++) {
            Expr.Var ov = new Expr.Var(Expr.Var.RESOLVED, m.outerKeys().get(k) + 1, 0, -1, null, -1, 0);
            Expr.Var iv = new Expr.Var(Expr.Var.RESOLVED, m.innerKeys().get(k) + 1, 0, -1, null, -1, 0);
            keys.add(new EquiSides(side(m.outer(), ov), side(m.inner(), iv)));
        }
        double rows = joinRows(m.type(), m.outer(), m.inner(), o, i.rows(), keys, m.joinQual(), m.otherQual());
        // approx_tuple_count: the pairs the merge clauses alone match, as for an inner join
        double keySel = 1.0;
        for (EquiSides k : keys) keySel *= JoinSelectivity.inner(k.outer(), k.inner());
        double mergeTuples = keys.isEmpty() ? rows : clamp(o.rows() * i.rows() * keySel);
        double innerRows = Math.max(i.rows(), 1);
        double rescanRatio = 1.0 + Math.max(0, mergeTuples - innerRows) / innerRows;
        double innerRun = i.total() - i.startup();
        double bare = innerRun * rescanRatio, mat = innerRun + CPU_OPERATOR_COST * innerRows * rescanRatio;
        // an index scan inner re-reads its rows itself unless the plan materializes it (as
        // final_cost_mergejoin chose); other inputs are costed at the cheaper of the two
        double innerCost = visibleIndexScan(m.inner()) ? (m.materializeInner() ? mat : bare) : Math.min(bare, mat);
        lastMergeInnerMaterializeCheaper = mat < bare;
        double startup = o.startup() + i.startup();
        double total = startup + (o.total() - o.startup()) + innerCost
                + CPU_OPERATOR_COST * nkeys * (o.rows() + i.rows() * rescanRatio)
                + (CPU_TUPLE_COST + exprCost(m.joinQual())) * mergeTuples;
        return new Estimate(startup, total, rows, o.width() + i.width());
    }

    // ---- upper nodes

    /**
     * cost_merge_append: every input starts first; a heap of the N inputs costs N log2 N
     * comparisons to build and log2 N per row, plus half a cpu_tuple_cost per row
     * (APPEND_CPU_COST_MULTIPLIER).
     */
    private static Estimate mergeAppend(List<Plan> members, java.util.function.Function<Plan, Estimate> estimate) {
        double startup = 0, total = 0, rows = 0;
        int w = 0;
        for (Plan c : members) {
            Estimate e = estimate.apply(c);
            startup += e.startup();
            total += e.total();
            rows += e.rows();
            w = Math.max(w, e.width());
        }
        double n = Math.max(2, members.size()), logN = Math.log(n) / Math.log(2);
        startup += 2 * CPU_OPERATOR_COST * n * logN;
        total += 2 * CPU_OPERATOR_COST * n * logN + rows * 2 * CPU_OPERATOR_COST * logN + CPU_TUPLE_COST * 0.5 * rows;
        return new Estimate(startup, total, rows, w);
    }

    /**
     * The estimate of {@code p} when no more than {@code bound} of its rows are read: a Sort,
     * and the sorted members of a Merge Append (create_merge_append_path's limit_tuples), as a
     * bounded sort.
     */
    private Estimate bounded(Plan p, double bound) {
        return switch (p) {
            case Plan.Sort s when s.presorted() == 0 -> sort(of(s.child()), bound);
            case Plan.MergeAppend a -> mergeAppend(a.children(), c -> bounded(c, bound));
            // a projection without a filter passes the bound on
            case Plan.SubqueryScan s when s.rte() == null && s.qual() == null -> {
                Estimate c = bounded(s.child(), bound);
                int w = s.targetList() == null ? c.width() : width(s.targetList());
                yield new Estimate(c.startup(), c.total(), c.rows(), w);
            }
            default -> of(p);
        };
    }

    /**
     * cost_sort of a sort whose output is cut at {@code bound} rows: when there are more than
     * twice as many rows, a bounded heap (comparisons N log2 2·bound), else a full sort.
     */
    static Estimate sort(Estimate in, double bound) {
        double tuples = Math.max(in.rows(), 2);
        if (bound <= 0 || bound >= tuples || tuples <= 2 * bound) return sort(in);
        double startup = in.total() + 2 * CPU_OPERATOR_COST * tuples * (Math.log(2 * bound) / Math.log(2));
        return new Estimate(startup, startup + CPU_OPERATOR_COST * in.rows(), in.rows(), in.width());
    }

    /** cost_sort: comparisons 2 × cpu_operator_cost × N log2 N before the first row, cpu_operator_cost per row after. */
    static Estimate sort(Estimate in) {
        double tuples = Math.max(in.rows(), 2);
        double startup = in.total() + 2 * CPU_OPERATOR_COST * tuples * (Math.log(tuples) / Math.log(2));
        return new Estimate(startup, startup + CPU_OPERATOR_COST * in.rows(), in.rows(), in.width());
    }

    /**
     * cost_incremental_sort: the input's rows fall into groups equal on the presorted keys
     * (estimated without statistics, as {@link #groups}); each group is sorted as if half again
     * as large, the first one before the first row; detecting group boundaries costs a copy and a
     * comparison per row, and each group two cpu_tuple_costs.
     */
    static Estimate incrementalSort(Estimate in, int presorted) {
        double tuples = Math.max(in.rows(), 2);
        double groups = groups(presorted, tuples);
        double groupTuples = tuples / groups;
        double groupInputRun = (in.total() - in.startup()) / groups;
        Estimate group = sort(new Estimate(0, 0, 1.5 * groupTuples, in.width()));
        double groupStartup = group.startup(), groupRun = group.total() - group.startup();
        double startup = groupStartup + in.startup() + groupInputRun;
        double run = groupRun + (groupRun + groupStartup) * (groups - 1) + groupInputRun * (groups - 1)
                + (CPU_TUPLE_COST + 2 * CPU_OPERATOR_COST) * tuples + 2 * CPU_TUPLE_COST * groups;
        return new Estimate(startup, startup + run, in.rows(), in.width());
    }

    private Estimate agg(Plan.Agg a) {
        Estimate in = of(a.child());
        // one transition function call (procost 1) per aggregate per input row
        double aggCost = CPU_OPERATOR_COST * a.aggs().size();
        int w = width(a.targetList());
        double having = a.havingQual() == null ? 1 : DEFAULT_INEQ_SEL;
        return switch (a.strategy()) {
            case PLAIN -> {
                double startup = in.total() + aggCost * in.rows();
                yield new Estimate(startup, startup + CPU_TUPLE_COST, 1, w);
            }
            case SORTED -> {
                double groups = numGroups(a, in.rows());
                double total = in.total() + (CPU_OPERATOR_COST * a.groupKeys().size() + aggCost) * in.rows()
                        + groups * CPU_TUPLE_COST;
                yield new Estimate(in.startup(), total, clamp(groups * having), w);
            }
            case HASHED, MIXED -> {   // MIXED: its hash tables dominate; the sorted rollup streams alongside
                double groups = numGroups(a, in.rows());
                double startup = in.total() + (CPU_OPERATOR_COST * a.groupKeys().size() + aggCost) * in.rows();
                yield new Estimate(startup, startup + groups * CPU_TUPLE_COST, clamp(groups * having), w);
            }
        };
    }

    /** The groups of an Agg: the planner's estimate (Agg.numGroups) if it made one, else {@link #groups}. */
    private static double numGroups(Plan.Agg a, double inputRows) {
        return a.numGroups() > 0 ? Math.min(a.numGroups(), Math.max(1, inputRows)) : groups(a.groupKeys().size(), inputRows);
    }

    /** estimate_num_groups without statistics: 200 distinct values per column, at most the input rows. */
    private static double groups(int columns, double inputRows) {
        return Math.max(1, Math.min(Math.pow(DEFAULT_NUM_DISTINCT, Math.max(1, columns)), inputRows));
    }

    /** adjust_limit_rows_costs, for constant OFFSET and LIMIT (10% of the rows when not constant). */
    private Estimate limit(Plan.Limit l) {
        double offset = constant(l.offset(), 0), count = constant(l.count(), -1);
        // a Sort under a constant LIMIT keeps only the rows it must return (create_sort_path's limit_tuples)
        Estimate in = offset >= 0 && count >= 0 ? bounded(l.child(), offset + count) : of(l.child());
        double rows = in.rows(), startup = in.startup(), total = in.total();
        if (l.offset() != null) {
            if (offset < 0) offset = clamp(in.rows() * 0.10);
            offset = Math.min(offset, rows);
            if (rows > 0) startup += (total - startup) * offset / rows;
            rows = Math.max(rows - offset, 1);
        }
        if (l.count() != null) {
            if (count < 0) count = clamp(in.rows() * 0.10);
            count = Math.min(count, rows);
            if (rows > 0) total = startup + (total - startup) * count / rows;
            rows = Math.max(count, 1);
        }
        return new Estimate(startup, total, rows, in.width());
    }

    private static double constant(Expr e, double unknown) {
        if (e instanceof Expr.Const c && c.value() instanceof Number n) return n.doubleValue();
        return e == null ? unknown : -1;
    }

    // ---- selectivity and expression cost

    /** clauselist_selectivity with selfuncs.h's defaults (no statistics); a lower/upper bound pair on one column is a range. */
    static double selectivity(Expr qual) {
        return selectivity(qual, null);
    }

    /**
     * The scanned table whose pg_statistic rows estimate a scan's own clauses (the Vars of a
     * scan qual are its columns), with its estimated rows.
     */
    record ScanStats(ColumnSelectivity columns, org.tusk.utils.cache.Relation table, double tuples) {
        ColumnSelectivity.Column column(Expr.Var v) {
            return v.levelsup() == 0 && table != null ? columns.column(table, v.attno(), tuples) : null;
        }

        /** A scanned relation with no statistics at all (a CTE), only its estimated rows. */
        static ScanStats withoutStatistics(double tuples) {
            return new ScanStats(null, null, tuples);
        }

        /**
         * get_variable_numdistinct without statistics: a relation of fewer than
         * DEFAULT_NUM_DISTINCT (200) rows is taken to have as many distinct values as rows; -1
         * when that does not apply (statistics exist, or the relation is larger or of unknown size).
         */
        double smallRelationDistinct() {
            return table == null && tuples > 0 && tuples < 200 ? Math.max(1, Math.rint(tuples)) : -1;
        }
    }

    /**
     * clauselist_selectivity of a restriction on {@code rte}'s columns (Vars of that range table
     * entry), from the table's statistics where it has them.
     */
    double restrictionSelectivity(Query.RangeTblEntry rte, Expr clause) {
        return selectivity(clause, scanStats(rte));
    }

    /** The statistics for clauses of a scan of {@code rte}, or null for anything but a table. */
    private ScanStats scanStats(Query.RangeTblEntry rte) {
        if (!rte.isTable() || rte.table() == null) return null;
        return new ScanStats(columnStats, rte.table(), relSize(rte)[1]);
    }

    /**
     * clauselist_selectivity: the product of the clauses' selectivities, except that a lower and
     * an upper bound on one column (x &gt; a AND x &lt; b) combine into a range (addRangeClause):
     * the sum of the two less one, plus the nulls both left out; the defaults give
     * DEFAULT_RANGE_INEQ_SEL. With {@code scan} null, or columns without statistics, selfuncs.h's
     * default selectivities are used.
     */
    static double selectivity(Expr qual, ScanStats scan) {
        if (qual == null) return 1.0;
        List<Expr> conj = ScanPaths.conjuncts(qual);
        double s = 1.0;
        // per column: {lowest lower-bound selectivity, lowest upper-bound selectivity}, -1 for none
        java.util.Map<Integer, double[]> ranges = new java.util.LinkedHashMap<>();
        java.util.Map<Integer, ColumnSelectivity.Column> rangeColumns = new java.util.HashMap<>();
        for (Expr c : conj) {
            if (c instanceof Expr.OpExpr o && o.args().size() == 2) {
                VarOpConst vc = VarOpConst.of(o);
                if (vc != null && vc.isInequality()) {
                    ColumnSelectivity.Column col = scan == null ? null : scan.column(vc.var());
                    double sel = inequalitySelectivity(vc, col);
                    double[] r = ranges.computeIfAbsent(vc.var().attno(), k -> new double[] {-1, -1});
                    int side = vc.isGt() ? 0 : 1;
                    if (r[side] < 0 || sel < r[side]) r[side] = sel;
                    if (col != null) rangeColumns.put(vc.var().attno(), col);
                    continue;
                }
            }
            s *= clauseSelectivity(c, scan);
        }
        for (var e : ranges.entrySet()) {
            double lo = e.getValue()[0], hi = e.getValue()[1];
            if (lo < 0 || hi < 0) {
                s *= lo < 0 ? hi : lo;
            } else if (lo == DEFAULT_INEQ_SEL || hi == DEFAULT_INEQ_SEL) {
                s *= DEFAULT_RANGE_INEQ_SEL;
            } else {
                double s2 = hi + lo - 1.0;
                ColumnSelectivity.Column col = rangeColumns.get(e.getKey());
                if (col != null) s2 += ColumnSelectivity.nullTest(col, false);   // both bounds left the nulls out
                // slightly negative is roundoff; well below zero means the bounds do not overlap by the statistics
                if (s2 <= 0.0) s2 = s2 < -0.01 ? DEFAULT_RANGE_INEQ_SEL : 1.0e-10;
                s *= s2;
            }
        }
        return s;
    }

    /**
     * A clause {@code column op constant} or {@code constant op column} on a column of the
     * scanned table: the Var, the constant's value, and the operator as seen from the column.
     */
    private record VarOpConst(Expr.Var var, Object value, String op) {
        static VarOpConst of(Expr.OpExpr o) {
            Expr l = strip(o.args().get(0)), r = strip(o.args().get(1));
            String op = comparisonOf(o.op().name());
            if (l instanceof Expr.Var v && isPseudoConstant(o.args().get(1))) return new VarOpConst(v, constValue(r), op);
            if (r instanceof Expr.Var v && isPseudoConstant(o.args().get(0))) return new VarOpConst(v, constValue(l), Clauses.commutedComparison(op));
            return null;
        }

        private static Expr strip(Expr e) {
            return e instanceof Expr.RelabelType rt ? strip(rt.arg()) : e;
        }

        /**
         * The text_pattern_ops operators are estimated as the comparisons they order like
         * (pg_operator.dat: ~<~ has oprrest scalarltsel, ~<=~ scalarlesel, ...); Tusk's
         * statistics order strings byte by byte, as these operators do.
         */
        private static String comparisonOf(String op) {
            return switch (op) {
                case "~<~" -> "<";
                case "~<=~" -> "<=";
                case "~>~" -> ">";
                case "~>=~" -> ">=";
                default -> op;
            };
        }

        /** The value of a Const, or NO_VALUE for any other pseudo-constant (a parameter, a function of constants). */
        private static Object constValue(Expr e) {
            return e instanceof Expr.Const k ? k.value() : NO_VALUE;
        }


        boolean isInequality() { return op.equals("<") || op.equals("<=") || op.equals(">") || op.equals(">="); }
        boolean isGt() { return op.startsWith(">"); }
        boolean isEq() { return op.endsWith("="); }
        boolean hasValue() { return value != NO_VALUE && value != null; }
    }

    /** Marks a pseudo-constant whose value the planner does not know. */
    private static final Object NO_VALUE = new Object();

    /** scalarltsel / scalargtsel: from the column's statistics, else DEFAULT_INEQ_SEL. */
    private static double inequalitySelectivity(VarOpConst vc, ColumnSelectivity.Column col) {
        if (col == null || !vc.hasValue()) return DEFAULT_INEQ_SEL;
        double sel = ColumnSelectivity.inequality(col, vc.isGt(), vc.isEq(), vc.value());
        return sel < 0 ? DEFAULT_INEQ_SEL : sel;
    }

    private static boolean isPseudoConstant(Expr e) {
        return !ExprTrees.any(e, x -> x instanceof Expr.Var);
    }

    /** clause_selectivity for one clause. */
    /**
     * The restriction estimates without statistics of the array and jsonb operators GIN
     * indexes (pg_operator.oprrest): arraycontsel's DEFAULT_CONTAIN_SEL (0.005) for anyarray
     * @&gt; &lt;@ &amp;&amp;, matchingsel's DEFAULT_MATCHING_SEL (0.010) for jsonb @&gt; &lt;@ ? ?| ?&amp; @? @@
     * (PostgreSQL 13 on); 0.5 for any other operator.
     */
    private static double containmentSelectivity(Expr.OpExpr o) {
        int left = o.op().left();
        boolean array = org.tusk.catalog.ArrayTypes.isArray(left) || left == 2277;
        return switch (o.op().name()) {
            case "@>", "<@" -> array ? 0.005 : left == 3802 ? 0.010 : 0.5;
            case "&&" -> array ? 0.005 : 0.5;
            case "?", "?|", "?&", "@?", "@@" -> left == 3802 ? 0.010 : 0.5;
            default -> 0.5;
        };
    }

    private static double clauseSelectivity(Expr c, ScanStats scan) {
        return switch (c) {
            case Expr.OpExpr o -> {
                VarOpConst vc = o.args().size() == 2 ? VarOpConst.of(o) : null;
                ColumnSelectivity.Column col = vc == null || scan == null ? null : scan.column(vc.var());
                if (col != null && vc.hasValue()) {
                    double sel = switch (vc.op()) {
                        case "=" -> ColumnSelectivity.eqConst(col, vc.value());
                        case "<>" -> ColumnSelectivity.neqConst(col, vc.value());
                        case "<", "<=", ">", ">=" -> inequalitySelectivity(vc, col);
                        default -> -1;
                    };
                    if (sel >= 0) yield sel;
                }
                // var_eq_non_const: equal to a value not known when planning (a parameter)
                if (col != null && vc.value() == NO_VALUE && vc.op().equals("=")) yield ColumnSelectivity.eqNonConst(col);
                // var_eq_const without statistics: 1 / get_variable_numdistinct (a boolean has two values)
                double nd = vc != null && scan != null && o.args().get(0).type() != TypeOids.BOOL
                        && o.args().get(1).type() != TypeOids.BOOL ? scan.smallRelationDistinct() : -1;
                yield switch (VarOpConst.comparisonOf(o.op().name())) {
                    case "=" -> nd > 0 ? 1 / nd : ScanPaths.eqSelectivity(o.args().get(0).type());
                    case "<>" -> nd > 0 ? 1 - 1 / nd : 1 - ScanPaths.eqSelectivity(o.args().get(0).type());
                    case "<", "<=", ">", ">=" -> DEFAULT_INEQ_SEL;
                    case "~~", "~~*", "~", "~*" -> DEFAULT_MATCH_SEL;
                    case "!~~", "!~~*", "!~", "!~*" -> 1 - DEFAULT_MATCH_SEL;
                    default -> containmentSelectivity(o);
                };
            }
            case Expr.BoolExpr b when b.op() == RawExpr.BoolOp.NOT -> 1 - clauseSelectivity(b.args().get(0), scan);
            case Expr.BoolExpr b when b.op() == RawExpr.BoolOp.OR -> {
                double s = 0;
                for (Expr a : b.args()) {
                    double x = clauseSelectivity(a, scan);
                    s = s + x - s * x;
                }
                yield s;
            }
            case Expr.BoolExpr b -> selectivity(b, scan);
            case Expr.ScalarArrayOpExpr sa -> ArraySelectivity.of(sa, (Expr.Const element) ->
                    clauseSelectivity(elementClause(sa, element), element == null ? null : scan));
            case Expr.NullTest n -> {
                ColumnSelectivity.Column col = scan != null && VarOpConst.strip(n.arg()) instanceof Expr.Var v ? scan.column(v) : null;
                if (col != null) yield ColumnSelectivity.nullTest(col, n.isNot());
                yield n.isNot() ? 1 - DEFAULT_EQ_SEL : DEFAULT_EQ_SEL;
            }
            case Expr.Const k -> Boolean.FALSE.equals(k.value()) || k.value() == null ? 0 : 1;
            case Expr.FuncExpr f -> 1.0 / 3.0;
            default -> 0.5;
        };
    }

    /**
     * The clause {@code left op element} scalararraysel asks the operator's restriction
     * estimator about for one element ({@code element} null: an element of unknown value).
     */
    private static Expr elementClause(Expr.ScalarArrayOpExpr sa, Expr.Const element) {
        Expr right = element != null ? element : new Expr.Const(sa.op().right(), -1, null, -1);
        return new Expr.OpExpr(sa.op(), List.of(sa.left(), right), TypeOids.BOOL, -1);
    }

    /** The total costs of the InitPlans (SubPlans without parameters from their level) that {@code l} reads. */
    private double initPlanCost(List<Expr> l) {
        double[] cost = {0};
        for (Expr e : l)
            ExprTrees.any(e, x -> {
                if (x instanceof Expr.SubPlan sp && sp.parParams().isEmpty() && sp.kind() != Expr.SubLinkType.ANY
                        && sp.kind() != Expr.SubLinkType.ALL) cost[0] += of(sp.plan()).total();
                return false;
            });
        return cost[0];
    }

    /** cost_qual_eval: cpu_operator_cost per operator and function call (procost 1). */
    static double exprCost(Expr e) {
        if (e == null) return 0;
        int[] n = {0};
        ExprTrees.any(e, x -> {
            if (x instanceof Expr.OpExpr || x instanceof Expr.FuncExpr || x instanceof Expr.CastFunc
                    || x instanceof Expr.DistinctExpr || x instanceof Expr.NullIfExpr) n[0]++;
            return false;
        });
        return n[0] * CPU_OPERATOR_COST;
    }

    private static double exprCost(List<Expr> l) {
        if (l == null) return 0;
        double c = 0;
        for (Expr e : l) c += exprCost(e);
        return c;
    }

    // ---- widths

    /**
     * get_typavgwidth: a fixed-length type's length; for a variable-length one, a guess from the
     * typmod's maximum size (type_maximum_size: all of it for char(n) and up to 32 bytes, then
     * half of the part above 32, at most as for 1000), else 32 bytes.
     */
    static int typeWidth(int type, int typmod) {
        if (type == 0) return 32; // a pass-through column whose type the planner did not record
        int len;
        try {
            len = BuiltinCatalog.type(type).typlen();
        } catch (RuntimeException e) {
            return 32;
        }
        if (len > 0) return len;
        if (type == TypeOids.NAME) return 64;
        int max = typeMaximumSize(type, typmod);
        if (max > 0) {
            if (type == TypeOids.BPCHAR || max <= 32) return max;
            // beyond 1000 (varchar(10000)) the limit is rarely reached: a fixed guess
            return max < 1000 ? 32 + (max - 32) / 2 : 32 + (1000 - 32) / 2;
        }
        return 32;
    }

    /**
     * format_type.c type_maximum_size: the most bytes a value of the type with this typmod can
     * take, or -1 (char/varchar count up to four bytes a character, the UTF8 maximum).
     */
    static int typeMaximumSize(int type, int typmod) {
        if (typmod < 0) return -1;
        return switch (type) {
            case TypeOids.BPCHAR, TypeOids.VARCHAR -> (typmod - 4) * 4 + 4;
            case TypeOids.NUMERIC -> {
                // numeric_maximum_size: NUMERIC_HDRSZ plus one int16 per four digits (the first two may need two)
                if (typmod < 4) yield -1;
                int precision = ((typmod - 4) >> 16) & 0xffff;
                yield 8 + (precision + 2 * (4 - 1)) / 4 * 2;
            }
            case TypeOids.BIT, TypeOids.VARBIT -> (typmod + 7) / 8 + 2 * 4;
            default -> -1;
        };
    }

    private static int width(List<Expr> tlist) {
        int w = 0;
        for (Expr e : tlist) w += typeWidth(e.type(), e.typmod());
        return w;
    }

    private static int outWidth(Query.RangeTblEntry rte, List<Expr> tlist) {
        if (tlist != null) return width(tlist);
        int w = 0;
        for (var c : rte.columns()) w += typeWidth(c.typeOid(), c.typmod());
        return w;
    }

    /** clamp_row_est. */
    private static double clamp(double rows) {
        return rows <= 1.0 ? 1.0 : Math.rint(rows);
    }
}
