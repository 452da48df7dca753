package org.tusk.access.nbtree;

import org.tusk.access.common.IndexTuples;
import org.tusk.access.common.TupleDesc;
import org.tusk.access.index.IndexAmContext;
import org.tusk.access.transam.XLogRecordBuilder;
import org.tusk.storage.buffer.BufferManager.LockMode;
import org.tusk.storage.page.Alignment;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Splitting a page (nbtinsert.c _bt_split, nbtutils.c _bt_truncate): the first phase of a page
 * split. The caller holds the full page write-locked (and, for an internal page, the child whose
 * split this insertion finishes). The new right sibling is a fresh page; the left half is built
 * in a scratch page and copied over the original, so the original block keeps the left half and
 * its place in the parent. The left page is flagged BTP_INCOMPLETE_SPLIT until its parent has a
 * downlink to the right page (the second phase, {@link BTInsert#insertParent}).
 *
 * <p>Locks: the original page and the new page are held; the old right sibling is locked
 * (write) to fix its left link while both are held. Locking a right sibling while holding a page
 * is the one left-to-right coupling Lehman and Yao allow.
 */
final class BTSplit {
    private final BTPages pages;
    private final BTXLog xlog;
    private final IndexAmContext ctx;
    private final MemorySegment scratch = Arena.ofAuto().allocate(Page.BLCKSZ, Alignment.MAXIMUM_ALIGNOF);

    BTSplit(IndexAmContext ctx, BTPages pages, BTXLog xlog) {
        this.ctx = ctx;
        this.pages = pages;
        this.xlog = xlog;
    }

    /**
     * _bt_split: splits {@code buf}, putting {@code newItem} at {@code newItemOff} of the combined
     * item sequence; returns the new right page, write-locked. {@code cbuf} (internal splits
     * only) is the child whose incomplete-split flag is cleared, and is released here.
     */
    int split(Relation rel, int buf, int cbuf, int newItemOff, byte[] newItem) {
        MemorySegment origpage = pages.page(buf);
        int origpagenumber = pages.blockNumber(buf);
        boolean isleaf = BTPageOpaque.isLeaf(origpage);
        boolean isrightmost = BTPageOpaque.isRightmost(origpage);
        int oprev = BTPageOpaque.prev(origpage);
        int onext = BTPageOpaque.next(origpage);
        int olevel = BTPageOpaque.level(origpage);
        int oflags = BTPageOpaque.flags(origpage);
        int maxoff = Page.maxOffsetNumber(origpage);
        int first = BTPageOpaque.firstDataKey(origpage);
        MemorySegment newItemSeg = MemorySegment.ofArray(newItem);

        BTSplitLoc.Split loc = BTSplitLoc.find(origpage, newItemOff, newItem.length, BTSort.leafFillfactor(rel));
        int firstrightoff = loc.firstRightOff();
        boolean newitemonleft = loc.newItemOnLeft();

        // The left page's high key: on a leaf, the truncated separator between lastleft and
        // firstright; on an internal page, firstright itself.
        MemorySegment firstright = !newitemonleft && newItemOff == firstrightoff ? newItemSeg : Page.item(origpage, firstrightoff);
        byte[] lefthighkey;
        if (isleaf) {
            MemorySegment lastleft = newitemonleft && newItemOff == firstrightoff ? newItemSeg
                    : Page.item(origpage, firstrightoff - 1);
            lefthighkey = truncate(rel.desc(), BTScanInsert.nkeyatts(rel), lastleft, firstright);
        } else {
            lefthighkey = BTTuple.copy(firstright);
        }

        MemorySegment leftpage = scratch;
        BTPageOpaque.pageInit(leftpage);
        // XLogInsert decides on a full-page image by the page's LSN: keep the original's.
        BTXLog.setLsn(leftpage, org.tusk.storage.page.PageHeader.lsn(origpage));
        int lflags = oflags & ~(BTPageOpaque.BTP_ROOT | BTPageOpaque.BTP_SPLIT_END | BTPageOpaque.BTP_HAS_GARBAGE);
        lflags |= BTPageOpaque.BTP_INCOMPLETE_SPLIT;
        int afterleftoff = BTPageOpaque.P_HIKEY;
        addOrFail(rel, leftpage, MemorySegment.ofArray(lefthighkey), afterleftoff, origpagenumber, "left");
        afterleftoff++;

        int rbuf = pages.newPage(rel);
        int rightpagenumber = pages.blockNumber(rbuf);
        MemorySegment rightpage = pages.page(rbuf);
        BTPageOpaque.init(leftpage, oprev, rightpagenumber, olevel, lflags);
        int rflags = oflags & ~(BTPageOpaque.BTP_ROOT | BTPageOpaque.BTP_SPLIT_END | BTPageOpaque.BTP_HAS_GARBAGE
                | BTPageOpaque.BTP_INCOMPLETE_SPLIT);
        BTPageOpaque.init(rightpage, origpagenumber, onext, olevel, rflags);

        int afterrightoff = BTPageOpaque.P_HIKEY;
        if (!isrightmost) {
            addOrFail(rel, rightpage, Page.item(origpage, BTPageOpaque.P_HIKEY), afterrightoff, origpagenumber, "right");
            afterrightoff++;
        }
        int minusinfoff = isleaf ? Page.INVALID_OFFSET_NUMBER : afterrightoff;

        int i;
        for (i = first; i <= maxoff; i++) {
            MemorySegment dataitem = Page.item(origpage, i);
            if (i == newItemOff) {
                if (newitemonleft) {
                    addOrFail(rel, leftpage, newItemSeg, afterleftoff++, origpagenumber, "left");
                } else {
                    addTuple(rel, rightpage, newItemSeg, afterrightoff, afterrightoff == minusinfoff, origpagenumber);
                    afterrightoff++;
                }
            }
            if (i < firstrightoff) {
                addOrFail(rel, leftpage, dataitem, afterleftoff++, origpagenumber, "left");
            } else {
                addTuple(rel, rightpage, dataitem, afterrightoff, afterrightoff == minusinfoff, origpagenumber);
                afterrightoff++;
            }
        }
        if (i <= newItemOff) {
            addTuple(rel, rightpage, newItemSeg, afterrightoff, afterrightoff == minusinfoff, origpagenumber);
            afterrightoff++;
        }

        // The old right sibling's left link must move to the new page: lock it (to our right).
        int sbuf = 0;
        MemorySegment spage = null;
        if (!isrightmost) {
            sbuf = pages.getBuf(rel, onext, LockMode.EXCLUSIVE);
            spage = pages.page(sbuf);
            if (BTPageOpaque.prev(spage) != origpagenumber) {
                pages.relBuf(sbuf);
                pages.relBuf(rbuf);
                throw BTErrors.corrupted("right sibling's left-link doesn't match: block " + onext + " links to "
                        + Integer.toUnsignedString(BTPageOpaque.prev(spage)) + " instead of expected " + origpagenumber
                        + " in index \"" + rel.name() + "\"");
            }
        }

        // No failure from here until the changes are logged (PostgreSQL's critical section).
        if (!isrightmost) BTPageOpaque.setPrev(spage, rightpagenumber);
        MemorySegment.copy(leftpage, 0, origpage, 0, Page.BLCKSZ);
        pages.markDirty(buf);
        pages.markDirty(rbuf);
        if (!isrightmost) pages.markDirty(sbuf);
        MemorySegment cpage = null;
        if (!isleaf) {
            cpage = pages.page(cbuf);
            BTPageOpaque.setFlags(cpage, BTPageOpaque.flags(cpage) & ~BTPageOpaque.BTP_INCOMPLETE_SPLIT);
            pages.markDirty(cbuf);
        }
        if (rel.needsWal()) {
            XLogRecordBuilder b = new XLogRecordBuilder();
            b.registerData(BTXLog.splitRecord(olevel, firstrightoff, newItemOff));
            b.registerBuffer(0, rel.locator(), ForkNumber.MAIN, origpagenumber, origpage, XLogRecordBuilder.REGBUF_STANDARD);
            b.registerBuffer(1, rel.locator(), ForkNumber.MAIN, rightpagenumber, rightpage, XLogRecordBuilder.REGBUF_WILL_INIT);
            if (!isrightmost) b.registerBuffer(2, rel.locator(), ForkNumber.MAIN, onext, spage, XLogRecordBuilder.REGBUF_STANDARD);
            if (!isleaf) b.registerBuffer(3, rel.locator(), ForkNumber.MAIN, pages.blockNumber(cbuf), cpage, XLogRecordBuilder.REGBUF_STANDARD);
            if (newitemonleft) b.registerBufData(0, newItem);
            MemorySegment hikey = Page.item(origpage, BTPageOpaque.P_HIKEY);
            b.registerBufData(0, BTTuple.copy(hikey));
            b.registerBufData(1, BTXLog.itemsOf(rightpage));
            long lsn = xlog.insert(b, newitemonleft ? BTXLog.XLOG_BTREE_SPLIT_L : BTXLog.XLOG_BTREE_SPLIT_R,
                    ctx.oracle().currentTransactionId());
            BTXLog.setLsn(origpage, lsn);
            BTXLog.setLsn(rightpage, lsn);
            if (!isrightmost) BTXLog.setLsn(spage, lsn);
            if (!isleaf) BTXLog.setLsn(cpage, lsn);
        }
        if (!isrightmost) pages.relBuf(sbuf);
        if (!isleaf) pages.relBuf(cbuf);
        return rbuf;
    }

    /**
     * _bt_pgaddtup: adds an item at {@code off}; the first data item of a new internal right page
     * is stored as minus infinity (no attributes, only the downlink).
     */
    private static void addTuple(Relation rel, MemorySegment page, MemorySegment item, int off, boolean newFirstDataItem,
                                 int origblk) {
        if (newFirstDataItem) {
            byte[] trunc = BTTuple.minusInfinity(BTTuple.downlink(item));
            item = MemorySegment.ofArray(trunc);
        }
        addOrFail(rel, page, item, off, origblk, "right");
    }

    private static void addOrFail(Relation rel, MemorySegment page, MemorySegment item, int off, int origblk, String side) {
        if (Page.addItem(page, item, off, 0) == Page.INVALID_OFFSET_NUMBER) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "failed to add item to the " + side
                    + " sibling while splitting block " + origblk + " of index \"" + rel.name() + "\"");
        }
    }

    /**
     * _bt_truncate: the new high key separating {@code lastleft} and {@code firstright}, keeping
     * firstright's key attributes up to and including the first that differs from lastleft's
     * (suffix truncation of key attributes). When every key attribute is equal, the pivot keeps
     * them all plus lastleft's heap TID, so that it is still >= every item on the left and < every
     * item on the right. The pivot's t_tid block is firstright's, as index_truncate_tuple leaves it.
     */
    static byte[] truncate(TupleDesc desc, MemorySegment lastleft, MemorySegment firstright) {
        return truncate(desc, desc.natts(), lastleft, firstright);
    }

    /** As above for an index whose first {@code nkeyatts} columns are its key columns. */
    static byte[] truncate(TupleDesc desc, int nkeyatts, MemorySegment lastleft, MemorySegment firstright) {
        int keepnatts = keepNatts(desc, nkeyatts, lastleft, firstright);
        ItemPointer frTid = IndexTuples.tid(firstright);
        if (keepnatts <= nkeyatts) {
            Object[] values = IndexTuples.deform(desc, keepnatts, firstright);
            byte[] pivot = IndexTuples.form(desc, keepnatts, values, frTid);
            BTTuple.setNAtts(MemorySegment.ofArray(pivot), keepnatts, false);
            return pivot;
        }
        // index_truncate_tuple: a pivot keeps no INCLUDE columns, only the key attributes
        MemorySegment src = nkeyatts < desc.natts()
                ? MemorySegment.ofArray(IndexTuples.form(desc, nkeyatts, IndexTuples.deform(desc, nkeyatts, firstright), frTid))
                : firstright;
        int size = IndexTuples.size(src);
        int newsize = Alignment.maxAlign(size) + BTTuple.HEAP_TID_SPACE;
        byte[] pivot = new byte[newsize];
        MemorySegment p = MemorySegment.ofArray(pivot);
        MemorySegment.copy(src, 0, p, 0, size);
        IndexTuples.setInfo(p, (IndexTuples.info(p) & ~IndexTuples.INDEX_SIZE_MASK) | newsize);
        BTTuple.setNAtts(p, nkeyatts, true);
        IndexTuples.writeTid(p, newsize - 6, BTTuple.heapTid(lastleft));
        return pivot;
    }

    /** _bt_keep_natts: 1 + the number of leading key attributes equal in both (NULL equals NULL here). */
    static int keepNatts(TupleDesc desc, int nkeyatts, MemorySegment lastleft, MemorySegment firstright) {
        Object[] l = IndexTuples.deform(desc, nkeyatts, lastleft);
        Object[] r = IndexTuples.deform(desc, nkeyatts, firstright);
        int keep = 1;
        for (int i = 0; i < nkeyatts; i++) {
            boolean equal = l[i] == null ? r[i] == null : r[i] != null && BTOrdering.compare(desc.attr(i).type(), l[i], r[i]) == 0;
            if (!equal) break;
            keep++;
        }
        return keep;
    }
}
