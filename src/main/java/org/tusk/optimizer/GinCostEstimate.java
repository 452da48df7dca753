package org.tusk.optimizer;

import java.util.List;

import org.tusk.access.gin.GinAm;
import org.tusk.access.index.IndexAmDispatch;
import org.tusk.catalog.FunctionCallContext;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Plan;
import org.tusk.utils.cache.Relation;

/**
 * gincostestimate (selfuncs.c, PostgreSQL 15) for a bitmap index scan of a GIN index: the
 * metapage's statistics (ginGetStats: entry pages, entries; all zero for an index never built,
 * then the index's pages and the table's rows stand in), the entries the quals search (each
 * constant's extractQuery: gincost_pattern), a full scan of the index when a column's only quals
 * need every entry, and then: ceil(searchEntries * rint(numEntryPages^0.15)) entry pages at
 * random_page_cost up front, the posting lists read (at least selectivity * numTuples / (BLCKSZ
 * / 3) pages, about three bytes per item) at random_page_cost, and cpu_index_tuple_cost plus the quals' operators per matching item.
 * A qual whose value is not a constant counts as one entry. Returns {startup, total}; a qual
 * that can match nothing makes both 0, as gincostestimate's matchPossible does.
 *
 * <p>Tusk's GIN keeps posting lists in the entry tree (no data pages), so numDataPages is 0 and
 * the posting-list pages are the selectivity's lower bound alone.
 */
final class GinCostEstimate {
    private GinCostEstimate() {}

    private static final int BLCKSZ = 8192;

    static double[] cost(Relation index, List<Plan.IndexQual> quals, double numTuples, double selectivity, ExecEnvironment env,
                         FunctionCallContext ctx) {
        double randomPageCost = ScanPaths.setting(ctx, "random_page_cost", 4.0);
        GinAm gin = env != null && env.indexAm() instanceof IndexAmDispatch d && d.of(index) instanceof GinAm g ? g : null;
        double numPages = Math.max(1, RelSize.blocks(index, env));
        double numEntryPages, numEntries;
        GinAm.GinStatsView stats = gin == null ? null : gin.stats(index);
        if (stats == null || stats.totalPages() == 0) {
            numEntryPages = numPages;
            numEntries = numTuples;
        } else {
            double scale = numPages / stats.totalPages();
            numEntryPages = Math.min(Math.ceil(stats.entryPages() * scale), numPages);
            numEntries = Math.ceil(stats.entries() * scale);
        }
        if (numEntries < 1) numEntries = 1;

        int ncols = index.index().keyCount();
        boolean[] fullScan = new boolean[ncols + 1], normalScan = new boolean[ncols + 1];
        double searchEntries = 0, exactEntries = 0;
        for (Plan.IndexQual q : quals) {
            GinAm.QueryCounts c = null;
            if (gin != null && q.argument() instanceof Expr.Const k && k.value() != null)
                c = gin.countQuery(index, q.indexColumn(), q.strategyNumber(), k.value());
            if (c == null) {
                // a parameter or another non-constant: one entry, as gincost_scalararrayopexpr guesses
                exactEntries++;
                searchEntries++;
                normalScan[q.indexColumn()] = true;
                continue;
            }
            if (!c.matchPossible()) return new double[] {0, 0};
            if (c.fullScan()) fullScan[q.indexColumn()] = true;
            else normalScan[q.indexColumn()] = true;
            exactEntries += c.entries();
            searchEntries += c.entries();
            if (c.includeEmpty()) searchEntries++;
        }
        boolean fullIndexScan = quals.isEmpty();
        for (int i = 1; i <= ncols; i++) if (fullScan[i] && !normalScan[i]) fullIndexScan = true;
        if (fullIndexScan) {
            exactEntries = numEntries;
            searchEntries = numEntries;
        }
        double entryPagesFetched = Math.ceil(searchEntries * Math.rint(Math.pow(numEntryPages, 0.15)));
        double startup = entryPagesFetched * randomPageCost;
        double dataPagesFetched = Math.ceil(selectivity * (numTuples / (BLCKSZ / 3.0)));
        double total = startup + dataPagesFetched * randomPageCost;
        double qualOpCost = ScanPaths.CPU_OPERATOR_COST * quals.size();
        total += numTuples * selectivity * (ScanPaths.CPU_INDEX_TUPLE_COST + qualOpCost);
        return new double[] {startup, total};
    }
}
