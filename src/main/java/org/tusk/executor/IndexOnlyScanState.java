package org.tusk.executor;

import java.util.ArrayList;
import java.util.List;

import org.tusk.access.index.IndexScan;
import org.tusk.access.index.ScanKey;
import org.tusk.access.table.TupleSlot;
import org.tusk.nodes.Plan;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;

/**
 * nodeIndexonlyscan.c IndexOnlyNext: the index is scanned with xs_want_itup, and for each entry
 * the visibility map is asked about the heap page its TID points into. If the page is
 * all-visible, every tuple on it is visible to every snapshot, so the entry's row is too and
 * the heap is not touched; otherwise the row is fetched through
 * {@link org.tusk.access.table.TableAm#indexFetch} with the statement's snapshot (a "heap
 * fetch", counted for EXPLAIN ANALYZE), and skipped if nothing in its HOT chain is visible.
 *
 * <p>The scan tuple has the table's layout: each index column's value from the index entry at
 * its table attribute's position, the columns the index lacks null (the planner proved the query
 * reads none of them), then the TID. The bit is read after the entry was returned: a change that
 * cleared it later is one our snapshot cannot see, so an entry whose page was all-visible when
 * looked at is visible to us (the argument in IndexOnlyNext's comments). Index conditions need no
 * recheck: B-tree entries are exact and a HOT chain never changes an indexed column.
 */
final class IndexOnlyScanState extends PlanState {
    private final Plan.IndexScan plan;
    private final ExecContext ctx;
    private final int[] heapAttnos;
    private IndexScan scan;
    private boolean done;
    private ItemPointer currentTid;

    IndexOnlyScanState(Plan.IndexScan plan, ExecContext ctx) {
        this.plan = plan;
        this.ctx = ctx;
        Relation.IndexInfo info = plan.index().index();
        // every index column, INCLUDE columns too, fills its table column (StoreIndexTuple)
        heapAttnos = new int[Math.min(plan.index().desc().natts(), info.natts())];
        for (int k = 0; k < heapAttnos.length; k++) heapAttnos[k] = info.attnum(k);
    }

    /** The TID of the entry last returned (the HOT chain's root when the heap was not visited). */
    ItemPointer currentTid() { return currentTid; }

    @Override
    public Object[] next() {
        if (done) return null;
        ExecEnvironment env = ctx.requireEnv();
        Relation heap = plan.rte().table();
        if (scan == null) {
            List<ScanKey> keys = IndexScanKeys.build(plan.indexQuals(), ctx);
            // an ordered index-only scan is one whose distances are exact (point_ops, box_ops): no reordering
            scan = plan.orderBys().isEmpty() ? env.indexAm().beginScan(plan.index(), keys, plan.backward(), true)
                    : env.indexAm().beginOrderedScan(plan.index(), keys, IndexScanKeys.build(plan.orderBys(), ctx), true);
        }
        int natts = plan.rte().columns().size();
        Instrumentation instr = ctx.instrumentation(plan);
        ItemPointer tid;
        while ((tid = scan.next()) != null) {
            ctx.session().checkForInterrupts();
            ItemPointer rowTid = tid;
            if (!env.tableAm().isAllVisible(heap, tid.block())) {
                if (instr != null) instr.countHeapFetch();
                TupleSlot slot = env.tableAm().indexFetch(heap, tid, env.snapshot());
                if (slot == null) continue;
                IndexScanState.countFetch(plan.index());
                rowTid = slot.tid();
            }
            Object[] values = scan.indexValues();
            Object[] tuple = new Object[natts + 1];
            for (int k = 0; k < heapAttnos.length; k++) if (heapAttnos[k] > 0) tuple[heapAttnos[k] - 1] = values[k];
            tuple[natts] = rowTid;
            if (!ExprEvaluator.qual(plan.qual(), tuple, null, ctx)) continue;
            currentTid = rowTid;
            return plan.targetList() == null ? tuple : Executor.project(plan.targetList(), tuple, null, ctx);
        }
        close();
        done = true;
        currentTid = null;
        return null;
    }

    @Override
    public void close() {
        if (scan != null) {
            scan.close();
            scan = null;
        }
    }
}
