package org.tusk.access.gist;

import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.tusk.access.common.IndexTuples;
import org.tusk.access.index.IndexScan;
import org.tusk.access.index.ScanKey;
import org.tusk.storage.buffer.BufferManager.LockMode;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.utils.cache.Relation;

/**
 * A GiST scan (gistget.c gistgettuple, gistScanPage, gistindex_keytest; gistscan.c). Pages are
 * visited from the root: each is share-locked only while its matching entries are copied out,
 * a leaf's entries that pass every scan key become results, an inner page's become pages to
 * visit. An entry passes a key when the operator class's consistent says it may match
 * (gistindex_keytest); a null key passes only IS NULL (and, on an inner page, where a null may
 * be a union that includes values, nothing else decides), IS NOT NULL passes every non-null key.
 *
 * <p>Concurrent splits: each page to visit carries the LSN its parent had when the downlink was
 * read; a page whose NSN is newer than that (it split since) or that is flagged F_FOLLOW_RIGHT
 * also sends the scan to its right sibling, where the moved entries are (gistScanPage's
 * rightlink test), so no entry is missed and none is returned twice by one page.
 *
 * <p>With ORDER BY keys (amcanorderbyop, a kNN search) the pages and entries wait in a pairing
 * heap ordered by their distances, the operator classes' lower bounds for a page and the
 * distances themselves for an entry (heap entries first among equals, so that the search goes
 * depth-first), and results come out in distance order ({@link GistSearchQueue}).
 */
final class GistScan implements IndexScan {
    private final GistPages pages;
    private final Relation rel;
    private final GistState state;
    private final List<ScanKey> keys;
    private final List<ScanKey> orderBys;
    private final boolean wantValues;
    /** Pages still to visit (plain scans): block and the parent's LSN when its downlink was read. */
    private final ArrayDeque<long[]> stack = new ArrayDeque<>();
    private final ArrayDeque<GistSearchQueue.Item> results = new ArrayDeque<>();
    private final GistSearchQueue queue;
    private Object[] currentValues;
    private double[] currentDistances;
    private boolean[] currentNullDistances;
    private boolean currentRecheck;
    private boolean done;

    GistScan(GistPages pages, Relation rel, List<ScanKey> keys, List<ScanKey> orderBys, boolean wantValues) {
        this.pages = pages;
        this.rel = rel;
        this.state = GistState.of(rel);
        this.keys = keys;
        this.orderBys = orderBys == null ? List.of() : orderBys;
        this.wantValues = wantValues;
        // a key with a null argument (a strict operator with a null) matches nothing
        for (ScanKey k : keys) if (!k.isNullSearch() && k.argument() == null) done = true;
        if (this.orderBys.isEmpty()) {
            queue = null;
            stack.push(new long[] {GistPageOpaque.ROOT, 0});
        } else {
            queue = new GistSearchQueue(this.orderBys.size());
            queue.add(GistSearchQueue.Item.page(GistPageOpaque.ROOT, 0, new double[this.orderBys.size()],
                    new boolean[this.orderBys.size()]));
        }
        if (pages.nblocks(rel) == 0) done = true;
    }

    @Override
    public ItemPointer next() {
        if (done) return null;
        if (queue != null) return nextNearest();
        while (results.isEmpty()) {
            if (stack.isEmpty()) {
                done = true;
                return null;
            }
            long[] p = stack.pop();
            scanPage((int) p[0], p[1]);
        }
        GistSearchQueue.Item r = results.poll();
        currentValues = r.values();
        return r.tid();
    }

    /** getNextNearest: pop the nearest item; a page is scanned (pushing its entries), an entry returned. */
    private ItemPointer nextNearest() {
        while (true) {
            GistSearchQueue.Item it = queue.removeFirst();
            if (it == null) {
                done = true;
                return null;
            }
            if (it.isHeap()) {
                currentValues = it.values();
                currentDistances = it.distances();
                currentNullDistances = it.nullDistances();
                currentRecheck = it.recheck();
                return it.tid();
            }
            scanPage(it.block(), it.parentLsn());
        }
    }

    /** gistScanPage. */
    private void scanPage(int blkno, long parentLsn) {
        int buf = pages.getBuf(rel, blkno, LockMode.SHARE);
        try {
            MemorySegment page = pages.page(buf);
            long lsn = GistPages.lsn(page);
            boolean leaf = GistPageOpaque.isLeaf(page);
            int right = GistPageOpaque.rightlink(page);
            if (parentLsn != 0 && (GistPageOpaque.followRight(page) || parentLsn < GistPageOpaque.nsn(page))
                    && right != GistPageOpaque.INVALID_BLOCK) {
                // the page split after its parent was read: the right sibling has some of its entries
                if (queue == null) stack.push(new long[] {right, parentLsn});
                else queue.add(GistSearchQueue.Item.page(right, parentLsn, new double[orderBys.size()],
                        new boolean[orderBys.size()]));
            }
            int max = Page.maxOffsetNumber(page);
            List<long[]> children = new ArrayList<>();
            for (int off = Page.FIRST_OFFSET_NUMBER; off <= max; off++) {
                MemorySegment item = Page.item(page, off);
                Object[] v = IndexTuples.deform(state.desc, leaf ? state.natts : state.nkeys, item);
                if (!keyTest(v, leaf)) continue;
                ItemPointer tid = IndexTuples.tid(item);
                if (queue != null) {
                    double[] d = new double[orderBys.size()];
                    boolean[] isNull = new boolean[orderBys.size()];
                    boolean recheck = distances(v, leaf, d, isNull);
                    if (leaf) queue.add(GistSearchQueue.Item.lossyHeap(tid, wantValues ? fetch(v) : null, d, isNull, recheck));
                    else queue.add(GistSearchQueue.Item.page(tid.block(), lsn, d, isNull));
                } else if (leaf) {
                    results.add(GistSearchQueue.Item.heap(tid, wantValues ? fetch(v) : null, null, null));
                } else {
                    children.add(new long[] {tid.block(), lsn});
                }
            }
            // pushed in reverse so the stack visits the children in offset order
            for (int i = children.size() - 1; i >= 0; i--) stack.push(children.get(i));
        } finally {
            pages.relBuf(buf);
        }
    }

    /** gistindex_keytest. */
    private boolean keyTest(Object[] v, boolean leaf) {
        for (ScanKey k : keys) {
            Object key = v[k.attno() - 1];
            if (k.isNullSearch()) {
                if (k.nullSearch() == ScanKey.NullSearch.IS_NULL) {
                    if (leaf && key != null) return false;
                } else if (key == null) {
                    return false;
                }
                continue;
            }
            if (key == null) return false;
            GistOpclass.Match m = state.classes[k.attno() - 1].consistent(key, k.argument(), k.strategyNumber(), leaf);
            if (!m.matches()) return false;
        }
        return true;
    }

    /** The ORDER BY distances of an entry (null for a null key or argument, which sorts last). */
    private boolean distances(Object[] v, boolean leaf, double[] d, boolean[] isNull) {
        boolean recheck = false;
        for (int i = 0; i < orderBys.size(); i++) {
            ScanKey o = orderBys.get(i);
            Object key = v[o.attno() - 1];
            if (key == null || o.argument() == null) {
                isNull[i] = true;
                continue;
            }
            GistOpclass.Distance dist = state.classes[o.attno() - 1].distance(key, o.argument(), o.strategyNumber(), leaf);
            if (dist == null) throw new IllegalStateException("operator class has no distance for strategy " + o.strategyNumber());
            d[i] = dist.value();
            recheck |= dist.recheck();
        }
        return recheck;
    }

    /** gistFetchTuple: each key column's value back through its class's fetch, INCLUDE columns as they are. */
    private Object[] fetch(Object[] v) {
        Object[] out = new Object[state.natts];
        for (int i = 0; i < state.natts; i++) {
            out[i] = v[i] == null ? null : i < state.nkeys ? state.classes[i].fetch(v[i]) : v[i];
        }
        return out;
    }

    @Override
    public Object[] indexValues() {
        if (!wantValues) throw new UnsupportedOperationException("this index scan does not return index tuples");
        return currentValues;
    }

    /** The distances of the entry last returned by an ordered scan (xs_orderbyvals; NaN... as computed, null entries for nulls). */
    @Override
    public Double[] orderByValues() {
        if (currentDistances == null) return null;
        Double[] out = new Double[currentDistances.length];
        for (int i = 0; i < out.length; i++) out[i] = currentNullDistances[i] ? null : currentDistances[i];
        return out;
    }

    @Override
    public boolean orderByRecheck() {
        return currentRecheck;
    }

    @Override
    public void close() {
        stack.clear();
        results.clear();
        done = true;
    }
}
