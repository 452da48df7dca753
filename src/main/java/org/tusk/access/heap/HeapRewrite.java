package org.tusk.access.heap;

import org.tusk.access.common.HeapTupleHeader;
import org.tusk.access.table.ClusterCopyStats;
import org.tusk.access.transam.FullPageImages;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.page.Alignment;
import org.tusk.storage.page.ItemId;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.storage.page.PageHeader;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.tusk.storage.buffer.BufferManager.LockMode.SHARE;

/**
 * VACUUM FULL's copy of a table into new storage (heapam_handler.c
 * heapam_relation_copy_for_cluster without an ordering index, with rewriteheap.c's
 * rewrite_heap_tuple and raw_heap_insert).
 *
 * <p>Every tuple of the old storage is judged by HeapTupleSatisfiesVacuum against the oldest
 * xmin any snapshot may still have: one dead to everybody is left behind, every other one (live,
 * recently dead, or being inserted or deleted) is copied with its header as it is, so that its
 * xmin, xmax, command id and hint bits keep telling every snapshot what they told it before. The
 * HOT bits are cleared (the indexes are rebuilt with an entry for every copy), and the t_ctid of
 * a version that was updated is pointed at where its successor went, as rewriteheap.c does: the
 * versions whose successor comes later in the scan wait until it has been placed; one whose
 * successor was left behind points at itself, which reads as "deleted". The new pages are filled
 * in order, keeping the fillfactor's reserve free, and each is WAL-logged whole (log_newpage)
 * once full.
 *
 * <p>Differs from PostgreSQL: the tuples are copied as stored, not re-formed, so the values of
 * dropped columns stay in them, and their TOAST pointers keep naming the table's TOAST relation,
 * which is not rewritten (PostgreSQL copies the values into a new TOAST relation); no tuple is
 * frozen (Tusk does not freeze). The caller holds AccessExclusiveLock, so no other backend
 * changes or reads either storage meanwhile.
 */
final class HeapRewrite {
    private final HeapEnv env;
    private final Relation newRel;
    private final int saveFreeSpace;
    private int buffer;
    private int pages;

    private HeapRewrite(HeapEnv env, Relation newRel) {
        this.env = env;
        this.newRel = newRel;
        this.saveFreeSpace = newRel.targetPageFreeSpace();
    }

    /** Offsets in HeapTupleHeaderData of t_ctid and t_infomask. */
    private static final int T_CTID = 12, T_INFOMASK = 20;

    /** One copied version whose t_ctid names a successor not yet placed. */
    private record Waiting(ItemPointer oldTid, ItemPointer successor, byte[] image) {}

    static ClusterCopyStats copy(HeapEnv env, Relation oldRel, Relation newRel) {
        return new HeapRewrite(env, newRel).run(oldRel);
    }

    private ClusterCopyStats run(Relation oldRel) {
        BufferManager bm = env.buffers();
        int oldestXmin = env.oracle().oldestNonRemovableXid();
        int nblocks = env.numberOfBlocks(oldRel);
        long kept = 0, vacuumed = 0, recentlyDead = 0;
        Map<ItemPointer, ItemPointer> placed = new HashMap<>();
        Map<ItemPointer, Waiting> waiting = new HashMap<>();
        for (int block = 0; block < nblocks; block++) {
            int old = env.readBuffer(oldRel, block, null);
            bm.lockBuffer(old, SHARE);
            List<byte[]> images = new ArrayList<>();
            List<ItemPointer> tids = new ArrayList<>();
            try {
                MemorySegment page = bm.page(old);
                if (Page.isNew(page)) continue;
                int max = Page.maxOffsetNumber(page);
                for (int off = Page.FIRST_OFFSET_NUMBER; off <= max; off++) {
                    if (!ItemId.isNormal(Page.itemId(page, off))) continue;
                    MemorySegment t = Page.item(page, off);
                    switch (env.visibility().satisfiesVacuum(t, oldestXmin, old)) {
                        case DEAD -> {
                            vacuumed++;
                            continue;
                        }
                        case RECENTLY_DEAD -> recentlyDead++;
                        default -> { }
                    }
                    kept++;
                    images.add(t.toArray(JAVA_BYTE));
                    tids.add(new ItemPointer(block, off));
                }
            } finally {
                env.unlockRelease(old);
            }
            for (int i = 0; i < images.size(); i++) {
                byte[] image = images.get(i);
                ItemPointer oldTid = tids.get(i);
                ItemPointer successor = successor(image, oldTid, nblocks);
                if (successor == null) {
                    placed.put(oldTid, place(image, null));
                } else if (placed.containsKey(successor)) {
                    placed.put(oldTid, place(image, placed.get(successor)));
                } else {
                    waiting.put(oldTid, new Waiting(oldTid, successor, image));
                }
            }
        }
        // rewriteheap.c's unresolved tuples: each waits for its successor, a chain from its end.
        for (Waiting w : new ArrayList<>(waiting.values())) {
            if (!waiting.containsKey(w.oldTid())) continue;
            ArrayDeque<Waiting> chain = new ArrayDeque<>();
            for (Waiting c = w; c != null && !chain.contains(c); c = waiting.get(c.successor())) chain.push(c);
            while (!chain.isEmpty()) {
                Waiting c = chain.pop();
                waiting.remove(c.oldTid());
                // a successor left behind (dead): the version points at itself, as end_heap_rewrite does
                placed.put(c.oldTid(), place(c.image(), placed.get(c.successor())));
            }
        }
        finishPage();
        return new ClusterCopyStats(pages, kept, vacuumed, recentlyDead);
    }

    /**
     * The old TID a copied version's t_ctid names when it was updated (rewrite_heap_tuple's test:
     * an xmax that is not only a lock, and a t_ctid elsewhere in this relation); null if it
     * points at itself, was only locked, or its t_ctid is not a TID of this relation.
     */
    private static ItemPointer successor(byte[] image, ItemPointer self, int nblocks) {
        // a byte[] segment is only byte-aligned, so the header is read through an aligned view of it
        ByteBuffer h = ByteBuffer.wrap(image).order(ByteOrder.nativeOrder());
        int mask = Short.toUnsignedInt(h.getShort(T_INFOMASK));
        if ((mask & HeapTupleHeader.HEAP_XMAX_INVALID) != 0 || HeapTuples.xmaxIsLockedOnly(mask)) return null;
        int block = Short.toUnsignedInt(h.getShort(T_CTID)) << 16 | Short.toUnsignedInt(h.getShort(T_CTID + 2));
        ItemPointer ctid = new ItemPointer(block, Short.toUnsignedInt(h.getShort(T_CTID + 4)));
        if (ctid.equals(self) || Integer.compareUnsigned(ctid.block(), nblocks) >= 0) return null;
        return ctid;
    }

    /**
     * raw_heap_insert: the version at the end of the new storage, with its HOT bits cleared and
     * its t_ctid at {@code successor} or, when null, at itself. Returns where it went.
     */
    private ItemPointer place(byte[] image, ItemPointer successor) {
        BufferManager bm = env.buffers();
        int len = Alignment.maxAlign(image.length);
        if (buffer != 0) {
            MemorySegment page = bm.page(buffer);
            boolean empty = Page.maxOffsetNumber(page) == 0;
            if (!empty && len + saveFreeSpace > Page.heapFreeSpace(page) || len > Page.heapFreeSpace(page)) finishPage();
        }
        if (buffer == 0) {
            buffer = HeapHio.extend(env, newRel, null);
            pages++;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment t = arena.allocate(image.length, 8);
            MemorySegment.copy(image, 0, t, JAVA_BYTE, 0, image.length);
            HeapTupleHeader.setInfomask2(t, HeapTupleHeader.infomask2(t) & ~HeapTupleHeader.HEAP2_XACT_MASK);
            MemorySegment page = bm.page(buffer);
            int off = Page.addItem(page, t, Page.PAI_IS_HEAP);
            if (off == Page.INVALID_OFFSET_NUMBER) throw new IllegalStateException("failed to add tuple to the rewritten page");
            ItemPointer self = new ItemPointer(bm.blockNumber(buffer), off);
            HeapTupleHeader.setCtid(Page.item(page, off), successor == null ? self : successor);
            return self;
        }
    }

    /** The current page is complete: marked dirty, logged whole, stamped and released. */
    private void finishPage() {
        if (buffer == 0) return;
        BufferManager bm = env.buffers();
        MemorySegment page = bm.page(buffer);
        bm.markDirty(buffer);
        if (newRel.needsWal()) {
            try {
                long lsn = FullPageImages.logNewPage(env.xlog().get(), newRel.locator(), ForkNumber.MAIN,
                        bm.blockNumber(buffer), page, env.oracle().currentTransactionId());
                PageHeader.setLsn(page, lsn);
            } catch (IOException | RuntimeException e) {
                throw new PgException(Severity.PANIC, SqlState.INTERNAL_ERROR, "could not write WAL for a rewritten page of \""
                        + newRel.name() + "\": " + e.getMessage(), null, null, 0);
            }
        }
        env.unlockRelease(buffer);
        buffer = 0;
    }
}
