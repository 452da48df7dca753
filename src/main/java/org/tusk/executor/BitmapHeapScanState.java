package org.tusk.executor;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.tusk.access.index.IndexScan;
import org.tusk.access.index.ScanKey;
import org.tusk.access.table.TupleSlot;
import org.tusk.nodes.Plan;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;

/**
 * nodeBitmapHeapscan.c with the bitmap-producing nodes below it (nodeBitmapIndexscan.c
 * MultiExecBitmapIndexScan, nodeBitmapAnd.c, nodeBitmapOr.c): on the first call the whole
 * {@link TidBitmap} is built (each index scan's TIDs; intersections and unions as the tree
 * says), then its pages are visited in block order. For each TID the table access method's
 * {@code indexFetch} returns the member of the HOT chain rooted there that the snapshot sees
 * (heapam_scan_bitmap_next_block's heap_hot_search_buffer), which is checked against the
 * recheck condition, then the filter, and projected.
 *
 * <p>PostgreSQL rechecks only the rows of lossy pages; Tusk's bitmaps are exact but every row is
 * rechecked, which costs a little and returns the same rows. The table must not be changed by
 * this statement between building the bitmap and reading it (the executor's usual
 * Halloween-safety: the scan sees the statement's snapshot).
 */
final class BitmapHeapScanState extends PlanState {
    private final Plan.BitmapHeapScan plan;
    private final ExecContext ctx;
    private Iterator<TidBitmap.PageResult> pages;
    private TidBitmap.PageResult page;
    private int offsetIndex;
    private boolean done;

    BitmapHeapScanState(Plan.BitmapHeapScan plan, ExecContext ctx) {
        this.plan = plan;
        this.ctx = ctx;
    }

    @Override
    public Object[] next() {
        if (done) return null;
        ExecEnvironment env = ctx.requireEnv();
        Relation heap = plan.rte().table();
        Instrumentation instr = ctx.instrumentation(plan);
        if (pages == null) pages = build(plan.bitmap(), env, instr).iterator();
        int natts = plan.rte().columns().size();
        while (true) {
            if (page == null || offsetIndex >= page.offsets().length) {
                if (!pages.hasNext()) break;
                page = pages.next();
                offsetIndex = 0;
                if (instr != null) instr.countExactHeapBlock();
            }
            ItemPointer tid = new ItemPointer(page.block(), page.offsets()[offsetIndex++]);
            ctx.session().checkForInterrupts();
            TupleSlot slot = env.tableAm().indexFetch(heap, tid, env.snapshot());
            if (slot == null) continue;
            IndexScanState.countFetch(heap);   // heapam_scan_bitmap_next_tuple counts on the table
            Object[] tuple = ScanTuples.of(slot, natts);
            if (!ExprEvaluator.qual(plan.recheck(), tuple, null, ctx)) continue;
            if (!ExprEvaluator.qual(plan.qual(), tuple, null, ctx)) continue;
            currentTid = slot.tid();
            return plan.targetList() == null ? tuple : Executor.project(plan.targetList(), tuple, null, ctx);
        }
        done = true;
        currentTid = null;
        return null;
    }

    /** The TID of the row last returned, null before the first and after the last (WHERE CURRENT OF). */
    private ItemPointer currentTid;

    ItemPointer currentTid() { return currentTid; }

    /** MultiExecProcNode over the bitmap tree. */
    private TidBitmap build(Plan.BitmapQual q, ExecEnvironment env, Instrumentation instr) {
        long t0 = instr != null && instr.timing() ? System.nanoTime() : 0;
        TidBitmap bm = buildNode(q, env, instr);
        if (instr != null) instr.recordBitmapNode(q, q instanceof Plan.BitmapIndexScan ? bm.size() : 0,
                instr.timing() ? System.nanoTime() - t0 : 0);
        return bm;
    }

    private TidBitmap buildNode(Plan.BitmapQual q, ExecEnvironment env, Instrumentation instr) {
        return switch (q) {
            case Plan.BitmapIndexScan s -> {
                TidBitmap bm = new TidBitmap();
                List<ScanKey> keys = IndexScanKeys.build(s.indexQuals(), ctx);
                try (IndexScan scan = env.indexAm().beginScan(s.index(), keys, false)) {
                    long n = 0;
                    for (ItemPointer tid; (tid = scan.next()) != null; ) {
                        if ((++n & 0x3ff) == 0) ctx.session().checkForInterrupts();
                        bm.add(tid);
                    }
                }
                yield bm;
            }
            case Plan.BitmapAnd a -> {
                TidBitmap result = null;
                for (Plan.BitmapQual c : a.children()) {
                    TidBitmap sub = build(c, env, instr);
                    if (result == null) result = sub;
                    else result.intersect(sub);
                    if (result.isEmpty()) break;   // nodeBitmapAnd: nothing can come back in
                }
                yield result == null ? new TidBitmap() : result;
            }
            case Plan.BitmapOr o -> {
                TidBitmap result = new TidBitmap();
                for (Plan.BitmapQual c : o.children()) result.union(build(c, env, instr));
                yield result;
            }
        };
    }

    @Override
    public void close() {
        pages = null;
        page = null;
    }
}
