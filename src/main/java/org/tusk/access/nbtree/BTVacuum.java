package org.tusk.access.nbtree;

import org.tusk.access.transam.XLogRecordBuilder;
import org.tusk.storage.buffer.BufferManager.LockMode;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.storage.page.PageCompaction;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.utils.cache.Relation;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Bulk deletion (nbtree.c btbulkdelete, btvacuumscan, btvacuumpage; nbtpage.c
 * _bt_delitems_vacuum): every leaf page is read in physical order and the entries whose heap TID
 * the caller's callback says is dead are removed, one XLOG_BTREE_VACUUM record per changed page.
 *
 * <p>Why a physical-order scan misses nothing although inserts go on: a split moves entries only
 * to a new page, and new pages are always added at the end of the file (no page is ever
 * recycled here, since pages are never deleted), so the scan re-reads the file length when it
 * reaches the end and visits pages added meanwhile. PostgreSQL needs vacuum cycle ids for pages
 * recycled below the scan position; there are none here.
 *
 * <p>Pages are changed under the exclusive content lock. PostgreSQL takes a cleanup lock (no
 * other pin) on leaf pages; the buffer manager has none, and scans here never hold a pin on a
 * page between reads (they copy the TIDs first), so the exclusive lock is what they interlock
 * with.
 */
final class BTVacuum {
    private final BTPages pages;
    private final BTXLog xlog;

    BTVacuum(BTPages pages, BTXLog xlog) {
        this.pages = pages;
        this.xlog = xlog;
    }

    BulkDeleteResult bulkDelete(Relation rel, Predicate<ItemPointer> isDead, int nblocksNow) {
        long removed = 0, remaining = 0;
        int blkno = BTMetaPage.BTREE_METAPAGE + 1;
        int nblocks = nblocksNow;
        while (true) {
            for (; blkno < nblocks; blkno++) {
                int buf = pages.getBuf(rel, blkno, LockMode.EXCLUSIVE);
                MemorySegment page = pages.page(buf);
                if (!BTPageOpaque.isLeaf(page) || BTPageOpaque.ignore(page)) {
                    pages.relBuf(buf);
                    continue;
                }
                List<Integer> deletable = new ArrayList<>();
                int maxoff = Page.maxOffsetNumber(page);
                for (int off = BTPageOpaque.firstDataKey(page); off <= maxoff; off++) {
                    if (isDead.test(BTTuple.heapTid(Page.item(page, off)))) deletable.add(off);
                    else remaining++;
                }
                if (!deletable.isEmpty()) {
                    int[] offs = deletable.stream().mapToInt(Integer::intValue).toArray();
                    delItemsVacuum(rel, buf, offs);
                    removed += offs.length;
                }
                pages.relBuf(buf);
            }
            int now = pages.nblocks(rel);
            if (now <= nblocks) break;
            nblocks = now;
        }
        return new BulkDeleteResult(nblocks, removed, remaining);
    }

    /** _bt_delitems_vacuum: removes the (ascending) offsets from the write-locked leaf and logs it. */
    void delItemsVacuum(Relation rel, int buf, int[] deletable) {
        MemorySegment page = pages.page(buf);
        multiDelete(page, deletable);
        BTPageOpaque.setCycleId(page, 0);
        BTPageOpaque.setFlags(page, BTPageOpaque.flags(page) & ~BTPageOpaque.BTP_HAS_GARBAGE);
        pages.markDirty(buf);
        if (rel.needsWal()) {
            XLogRecordBuilder b = new XLogRecordBuilder();
            b.registerBuffer(0, rel.locator(), ForkNumber.MAIN, pages.blockNumber(buf), page, XLogRecordBuilder.REGBUF_STANDARD);
            b.registerData(BTXLog.vacuumRecord(deletable.length));
            b.registerBufData(0, BTXLog.offsets(deletable));
            // VACUUM has no transaction id of its own.
            BTXLog.setLsn(page, xlog.insert(b, BTXLog.XLOG_BTREE_VACUUM, 0));
        }
    }

    /**
     * PageIndexMultiDelete, done as PageIndexTupleDelete from the highest offset down (what
     * PostgreSQL does for few items); both leave the remaining items packed in the same order,
     * and redo does exactly the same, so primary and replayed pages are identical.
     */
    static void multiDelete(MemorySegment page, int[] ascendingOffsets) {
        for (int i = ascendingOffsets.length - 1; i >= 0; i--) PageCompaction.indexTupleDelete(page, ascendingOffsets[i]);
    }
}
