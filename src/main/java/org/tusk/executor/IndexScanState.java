package org.tusk.executor;

import java.util.ArrayList;
import java.util.List;

import org.tusk.access.index.IndexScan;
import org.tusk.access.index.ScanKey;
import org.tusk.access.table.TupleSlot;
import org.tusk.nodes.Plan;
import org.tusk.storage.page.ItemPointer;

/**
 * nodeIndexscan.c: turns the plan's index quals into ScanKeys (evaluating their comparison
 * values once, at the first call: ExecIndexBuildScanKeys + ExecIndexEvalRuntimeKeys), asks the
 * index access method for heap TIDs, and fetches each through
 * {@link org.tusk.access.table.TableAm#indexFetch} with the statement's snapshot, which resolves
 * a HOT chain to its visible member or to nothing. Each fetched row is rechecked against the index
 * clauses (the index may return entries whose row version no longer matches, e.g. a HOT-updated
 * row), filtered by the remaining quals and projected.
 */
final class IndexScanState extends PlanState {
    private final Plan.IndexScan plan;
    private final ExecContext ctx;
    private IndexScan scan;
    private boolean done;

    IndexScanState(Plan.IndexScan plan, ExecContext ctx) {
        this.plan = plan;
        this.ctx = ctx;
        this.system = ScanTuples.readsSystemColumns(plan.rte().columns().size(), plan.qual(), plan.targetList());
    }

    /** Whether the plan reads xmin, cmin, xmax, cmax or tableoid, which then extend each scan tuple. */
    private final boolean system;
    /** The TID of the row last returned, null before the first and after the last (WHERE CURRENT OF). */
    private ItemPointer currentTid;

    /** The scan slot's TID, null when the scan is not on a row. */
    ItemPointer currentTid() { return currentTid; }

    @Override
    public Object[] next() {
        if (done) return null;
        ExecEnvironment env = ctx.requireEnv();
        if (scan == null) {
            ExecCurrent.resolve(plan.qual(), plan.rte().table(), ctx);
            List<ScanKey> keys = IndexScanKeys.build(plan.indexQuals(), ctx);
            scan = plan.orderBys().isEmpty() ? env.indexAm().beginScan(plan.index(), keys, plan.backward())
                    : env.indexAm().beginOrderedScan(plan.index(), keys, IndexScanKeys.build(plan.orderBys(), ctx), false);
        }
        if (!plan.orderBys().isEmpty()) return nextWithReorder(env);
        int natts = plan.rte().columns().size();
        ItemPointer tid;
        while ((tid = scan.next()) != null) {
            ctx.session().checkForInterrupts();
            TupleSlot slot = env.tableAm().indexFetch(plan.rte().table(), tid, env.snapshot());
            if (slot == null) continue;
            countFetch(plan.index());
            Object[] tuple = system ? ScanTuples.withSystemColumns(slot, natts, plan.rte().table().oid())
                    : ScanTuples.of(slot, natts);
            if (!recheck(tuple)) continue;
            if (!ExprEvaluator.qual(plan.qual(), tuple, null, ctx)) continue;
            currentTid = slot.tid();
            return plan.targetList() == null ? tuple : Executor.project(plan.targetList(), tuple, null, ctx);
        }
        close();
        done = true;
        currentTid = null;
        return null;
    }

    /** A row waiting in the reorder queue: its exact distance, arrival order, tuple and TID. */
    private record Queued(Double distance, long seq, Object[] tuple, ItemPointer tid) {}

    /** cmp_orderbyvals: a null distance after every value, NaN after every number. */
    private static int compareDistance(Double a, Double b) {
        if (a == null) return b == null ? 0 : 1;
        if (b == null) return -1;
        return Double.compare(a == 0.0 ? 0.0 : a, b == 0.0 ? 0.0 : b);
    }

    private java.util.PriorityQueue<Queued> reorder;
    private long reorderSeq;
    private Double lastBound;
    private boolean reachedEnd;

    /**
     * IndexNextWithReorder: an index ordering by a distance that may be only a lower bound (a
     * polygon's or circle's bounding box) returns rows nearly in order; each such row's exact
     * distance is computed from the ORDER BY expression and the row waits in a queue until no
     * row still to come from the index can be nearer (the index's last bound is past it).
     */
    private Object[] nextWithReorder(ExecEnvironment env) {
        if (reorder == null) {
            reorder = new java.util.PriorityQueue<>((x, y) -> {
                int c = compareDistance(x.distance(), y.distance());
                return c != 0 ? c : Long.compare(x.seq(), y.seq());
            });
        }
        int natts = plan.rte().columns().size();
        while (true) {
            if (!reorder.isEmpty()) {
                Queued top = reorder.peek();
                if (reachedEnd || compareDistance(top.distance(), lastBound) <= 0) {
                    reorder.poll();
                    return emit(top.tuple(), top.tid());
                }
            } else if (reachedEnd) {
                close();
                done = true;
                currentTid = null;
                return null;
            }
            ItemPointer tid = scan.next();
            if (tid == null) {
                reachedEnd = true;
                continue;
            }
            ctx.session().checkForInterrupts();
            TupleSlot slot = env.tableAm().indexFetch(plan.rte().table(), tid, env.snapshot());
            if (slot == null) continue;
            countFetch(plan.index());
            Object[] tuple = system ? ScanTuples.withSystemColumns(slot, natts, plan.rte().table().oid())
                    : ScanTuples.of(slot, natts);
            if (!recheck(tuple)) continue;
            if (!ExprEvaluator.qual(plan.qual(), tuple, null, ctx)) continue;
            Double[] bounds = scan.orderByValues();
            lastBound = bounds == null ? null : bounds[0];
            if (scan.orderByRecheck()) {
                Object exact = ExprEvaluator.eval(plan.orderBys().get(0).clause(), tuple, null, ctx);
                reorder.add(new Queued(exact == null ? null : ((Number) exact).doubleValue(), reorderSeq++, tuple, slot.tid()));
            } else if (reorder.isEmpty()) {
                return emit(tuple, slot.tid());
            } else {
                reorder.add(new Queued(lastBound, reorderSeq++, tuple, slot.tid()));
            }
        }
    }

    private Object[] emit(Object[] tuple, ItemPointer tid) {
        currentTid = tid;
        return plan.targetList() == null ? tuple : Executor.project(plan.targetList(), tuple, null, ctx);
    }

    private boolean recheck(Object[] tuple) {
        for (Plan.IndexQual q : plan.indexQuals()) if (!ExprEvaluator.qual(q.clause(), tuple, null, ctx)) return false;
        return true;
    }

    @Override
    public void close() {
        if (scan != null) {
            scan.close();
            scan = null;
        }
        reorder = null;
        lastBound = null;
        reachedEnd = false;
    }

    /** index_fetch_heap's pgstat_count_heap_fetch on the index: a row found through it (idx_tup_fetch). */
    static void countFetch(org.tusk.utils.cache.Relation rel) {
        var stats = rel.pgstatInfo();
        if (stats != null) stats.countFetched();
    }
}
