package org.tusk.access.heap;

import org.tusk.access.common.HeapTupleDeform;
import org.tusk.access.common.ScanKey;
import org.tusk.access.table.TableScan;
import org.tusk.access.table.TupleSlot;
import org.tusk.storage.buffer.BufferAccessStrategy;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.page.ItemId;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.time.Snapshot;

import java.lang.foreign.MemorySegment;

import static org.tusk.storage.buffer.BufferManager.LockMode.SHARE;

/**
 * A sequential scan in page-at-a-time mode (heapgetpage and heapgettup_pagemode): each page is
 * pinned, offered to opportunistic pruning, then share-locked just long enough to test every
 * tuple's visibility and note the visible offsets; the tuples are then returned from the page
 * holding only the pin. That is safe because a pinned page's tuples are never moved (pruning
 * needs the cleanup lock) and a tuple's data never changes in place, only its header.
 *
 * <p>The number of blocks is read once at the start (rs_nblocks): rows added to later pages
 * meanwhile are not visible to the scan's snapshot anyway. A relation bigger than a quarter of
 * shared_buffers is read through a bulk-read ring ({@link BufferAccessStrategy#bulkRead}) so that
 * it does not evict the rest of the pool.
 */
final class HeapScan implements TableScan {
    private final HeapEnv env;
    private final Relation rel;
    private final Snapshot snapshot;
    private final int nblocks;
    private final BufferAccessStrategy strategy;
    /** The scan key, tested on each visible tuple before it is decoded (HeapKeyTest); null for none. */
    private final ScanKey key;
    private int block = -1;
    private int buffer;
    private final int[] visible = new int[Page.MAX_HEAP_TUPLES_PER_PAGE];
    private int nvisible;
    private int next;
    private boolean closed;
    /** The relation's pending statistics (null: not counted). */
    private final org.tusk.utils.activity.PgStatTableStatus stats;

    /** @param counted whether the statistics count it as a sequential scan (not ANALYZE's read) */
    HeapScan(HeapEnv env, Relation rel, Snapshot snapshot, ScanKey key, boolean counted) {
        this.env = env;
        this.key = key;
        this.rel = rel;
        this.snapshot = snapshot;
        this.nblocks = env.numberOfBlocks(rel);
        this.strategy = nblocks > env.nbuffers() / 4 ? BufferAccessStrategy.bulkRead() : null;
        this.stats = counted ? rel.pgstatInfo() : null;
        if (stats != null) stats.countScan();   // initscan's pgstat_count_heap_scan
    }

    /** Whether this scan reads through a bulk-read ring. */
    boolean usesBulkRead() {
        return strategy != null;
    }

    @Override
    public TupleSlot next() {
        if (closed) throw new IllegalStateException("scan is closed");
        BufferManager bm = env.buffers();
        while (true) {
            while (next >= nvisible) {
                if (buffer != 0) {
                    bm.releaseBuffer(buffer);
                    buffer = 0;
                }
                if (block + 1 >= nblocks) return null;
                getPage(++block);
            }
            int off = visible[next++];
            MemorySegment t = Page.item(bm.page(buffer), off);
            if (key == null || key.matches(rel.desc(), t)) {
                if (stats != null) stats.countReturned();   // heap_getnextslot's pgstat_count_heap_getnext
                return HeapSlots.of(env, rel, new ItemPointer(block, off), t);
            }
        }
    }

    /** heapgetpage: pin, prune if worthwhile, then note the visible tuples under a share lock. */
    private void getPage(int blk) {
        BufferManager bm = env.buffers();
        buffer = env.readBuffer(rel, blk, strategy);
        PruneHeap.pruneOpt(env, rel, buffer);
        bm.lockBuffer(buffer, SHARE);
        MemorySegment page = bm.page(buffer);
        nvisible = 0;
        next = 0;
        int lines = Page.isNew(page) ? 0 : Page.maxOffsetNumber(page);
        for (int off = Page.FIRST_OFFSET_NUMBER; off <= lines; off++) {
            if (!ItemId.isNormal(ItemId.get(page, off))) continue;
            if (env.visibility().satisfiesMvcc(Page.item(page, off), snapshot, buffer)) visible[nvisible++] = off;
        }
        bm.unlockBuffer(buffer);
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (buffer != 0) env.buffers().releaseBuffer(buffer);
        buffer = 0;
    }
}
