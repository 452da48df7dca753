package org.tusk.access.nbtree;

import static org.tusk.access.nbtree.BTPageOpaque.P_FIRSTKEY;
import static org.tusk.access.nbtree.BTPageOpaque.P_HIKEY;
import static org.tusk.access.nbtree.BTPageOpaque.P_NONE;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import org.tusk.access.common.IndexTuples;
import org.tusk.access.common.TupleDesc;
import org.tusk.access.index.IndexAmContext;
import org.tusk.access.transam.FullPageImages;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.page.Alignment;
import org.tusk.storage.page.ItemId;
import org.tusk.storage.page.Page;
import org.tusk.storage.page.PageHeader;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.storage.smgr.RelFileLocator;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

/**
 * Loading sorted index tuples into a new B-tree bottom up (nbtsort.c _bt_load, _bt_buildadd,
 * _bt_uppershutdown), instead of inserting them one at a time.
 *
 * <p>Each level has one page being filled (its {@link Level}). Leaf pages are filled to the leaf
 * fill factor (90%), upper pages to 70%, leaving every page at least two data items and its high
 * key. When a page is full its last item moves to a new right sibling; on a leaf, the old page's
 * high key is the suffix-truncated separator of its last item and that moved item (_bt_truncate),
 * on an upper page a copy of the moved pivot. The finished page's low key (minus infinity for
 * the first page of a level) goes into the parent level as the downlink to it, which may in turn
 * finish a parent page; a level with no parent yet gets one. At the end the rightmost page of
 * each level loses its reserved high-key slot (_bt_slideleft), the top page is the root, and the
 * metapage is pointed at it.
 *
 * <p>Block numbers are handed out in page-creation order (block 0 being the metapage) while
 * pages are written as they are finished, so a page may be written beyond the current end of the
 * file: the file is zero-extended up to it, and the gap is written later. Pages are written
 * through shared buffers and WAL-logged whole (log_newpage, XLOG_FPI), so a checkpoint flushes
 * them like any other change and crash recovery restores them from the images; PostgreSQL
 * writes them with smgr directly and fsyncs the file at the end instead. Nobody else can see the
 * index while it is built (its pg_class row is not committed), so no content locks are needed
 * on the pages being filled, which live in private memory until written.
 */
final class BTSort implements AutoCloseable {
    static final int LEAF_FILLFACTOR = BTSplitLoc.LEAF_FILLFACTOR;
    static final int NONLEAF_FILLFACTOR = BTSplitLoc.NONLEAF_FILLFACTOR;

    private final IndexAmContext ctx;
    private final BTPages pages;
    private final Relation index;
    private final Relation heap;
    private final TupleDesc desc;
    private final Arena arena = Arena.ofConfined();
    private int pagesAllocated = 1;   // btws_pages_alloced: block 0 is the metapage
    private Level leaves;             // null until the first tuple

    /** BTPageState: the page being filled on one level. */
    private static final class Level {
        final int level;
        final int full;          // btps_full: stop filling once free space drops below this
        MemorySegment page;
        int blkno;
        int lastOff;             // btps_lastoff
        byte[] lowKey;           // btps_lowkey: the current page's low key (its left sibling's high key)
        Level parent;            // btps_next

        Level(int level, int leafFillfactor) {
            this.level = level;
            this.full = Page.BLCKSZ * (100 - (level == 0 ? leafFillfactor : NONLEAF_FILLFACTOR)) / 100;
        }
    }

    BTSort(IndexAmContext ctx, BTPages pages, Relation index, Relation heap) {
        this.ctx = ctx;
        this.pages = pages;
        this.index = index;
        this.heap = heap;
        this.desc = index.desc();
    }

    /**
     * BTGetFillFactor: the index's fillfactor storage parameter (10..100), or
     * BTREE_DEFAULT_FILLFACTOR when it has none. Upper levels always use BTREE_NONLEAF_FILLFACTOR.
     */
    static int leafFillfactor(Relation index) {
        return index.fillfactorGiven() ? index.fillfactor() : LEAF_FILLFACTOR;
    }

    /** _bt_load without a second spool: adds the tuples (already in index order) to the leaf level. */
    void add(byte[] itup) {
        BTInsert.checkThirdPage(index, heap, Alignment.maxAlign(itup.length), IndexTuples.tid(MemorySegment.ofArray(itup)));
        if (leaves == null) leaves = newLevel(0);
        buildAdd(leaves, itup);
    }

    /** _bt_uppershutdown: finishes every level and points the metapage at the root. */
    void finish() {
        int rootBlk = P_NONE, rootLevel = 0;
        for (Level s = leaves; s != null; s = s.parent) {
            if (s.parent == null) {
                BTPageOpaque.setFlags(s.page, BTPageOpaque.flags(s.page) | BTPageOpaque.BTP_ROOT);
                rootBlk = s.blkno;
                rootLevel = s.level;
            } else {
                BTTuple.setDownlink(MemorySegment.ofArray(s.lowKey), s.blkno);
                buildAdd(s.parent, s.lowKey);
                s.lowKey = null;
            }
            slideLeft(s.page);
            writePage(s.page, s.blkno);
        }
        writeMetapage(rootBlk, rootLevel);
    }

    @Override
    public void close() {
        arena.close();
    }

    private Level newLevel(int level) {
        Level s = new Level(level, leafFillfactor(index));
        s.page = newPage(level);
        s.blkno = pagesAllocated++;
        s.lastOff = P_HIKEY;
        return s;
    }

    /** _bt_blnewpage: an empty page of {@code level} with the high-key line pointer already reserved. */
    private MemorySegment newPage(int level) {
        MemorySegment page = arena.allocate(Page.BLCKSZ, 8);
        BTPageOpaque.pageInit(page);
        BTPageOpaque.init(page, P_NONE, P_NONE, level, level == 0 ? BTPageOpaque.BTP_LEAF : 0);
        PageHeader.setLower(page, PageHeader.lower(page) + ItemId.SIZE);
        return page;
    }

    /** _bt_buildadd. */
    private void buildAdd(Level s, byte[] itup) {
        boolean leaf = s.level == 0;
        MemorySegment npage = s.page;
        int nblkno = s.blkno;
        int lastOff = s.lastOff;
        int pgspc = Page.freeSpace(npage);
        int itupsz = Alignment.maxAlign(itup.length);
        // Room for the item, plus (on a leaf) the heap TID suffix truncation may add to the high
        // key; past the fill factor only once the page has its two data items.
        if (pgspc < itupsz + (leaf ? Alignment.maxAlign(6) : 0) || (pgspc < s.full && lastOff > P_FIRSTKEY)) {
            MemorySegment opage = npage;
            int oblkno = nblkno;
            npage = newPage(s.level);
            nblkno = pagesAllocated++;
            MemorySegment last = Page.item(opage, lastOff);
            byte[] oitup = BTTuple.copy(last);
            sortAddTup(npage, oitup, P_FIRSTKEY, !leaf);
            byte[] highKey = leaf
                    ? BTSplit.truncate(desc, BTScanInsert.nkeyatts(index), Page.item(opage, lastOff - 1), MemorySegment.ofArray(oitup))
                    : oitup;
            opage = withHighKey(opage, lastOff, highKey);
            if (s.parent == null) s.parent = newLevel(s.level + 1);
            BTTuple.setDownlink(MemorySegment.ofArray(s.lowKey), oblkno);
            buildAdd(s.parent, s.lowKey);
            s.lowKey = highKey.clone();
            BTPageOpaque.setNext(opage, nblkno);
            BTPageOpaque.setPrev(npage, oblkno);
            writePage(opage, oblkno);
            lastOff = P_FIRSTKEY;
        }
        if (lastOff == P_HIKEY) {
            // the first item of the first page of its level: that page's low key is minus infinity
            s.lowKey = BTTuple.minusInfinity(P_NONE);
        }
        lastOff++;
        sortAddTup(npage, itup, lastOff, !leaf && lastOff == P_FIRSTKEY);
        s.page = npage;
        s.blkno = nblkno;
        s.lastOff = lastOff;
    }

    /**
     * The finished page: its data items but the last (moved right) under {@code highKey}.
     * PostgreSQL moves the last line pointer into the reserved slot and overwrites the tuple in
     * place; rebuilding the page gives the same contents without an in-place resize.
     */
    private MemorySegment withHighKey(MemorySegment opage, int lastOff, byte[] highKey) {
        List<byte[]> items = new ArrayList<>(lastOff - P_FIRSTKEY);
        for (int off = P_FIRSTKEY; off < lastOff; off++) items.add(BTTuple.copy(Page.item(opage, off)));
        MemorySegment page = arena.allocate(Page.BLCKSZ, 8);
        BTPageOpaque.pageInit(page);
        BTPageOpaque.init(page, BTPageOpaque.prev(opage), BTPageOpaque.next(opage), BTPageOpaque.level(opage),
                BTPageOpaque.flags(opage));
        addOrFail(page, highKey, P_HIKEY);
        int off = P_FIRSTKEY;
        for (byte[] item : items) addOrFail(page, item, off++);
        return page;
    }

    /** _bt_sortaddtup: the first data item of an upper page is stored as minus infinity. */
    private void sortAddTup(MemorySegment page, byte[] itup, int off, boolean newFirstDataItem) {
        if (newFirstDataItem) itup = BTTuple.minusInfinity(BTTuple.downlink(MemorySegment.ofArray(itup)));
        addOrFail(page, itup, off);
    }

    private void addOrFail(MemorySegment page, byte[] itup, int off) {
        if (Page.addItem(page, MemorySegment.ofArray(itup), off, 0) != off) {
            throw new PgException(Severity.ERROR, SqlState.INTERNAL_ERROR, "failed to add item to the index page", null, null, 0);
        }
    }

    /** _bt_slideleft: the rightmost page of a level has no high key; its reserved slot goes. */
    private static void slideLeft(MemorySegment page) {
        int max = Page.maxOffsetNumber(page);
        for (int off = P_FIRSTKEY; off <= max; off++) ItemId.set(page, off - 1, ItemId.get(page, off));
        PageHeader.setLower(page, PageHeader.lower(page) - ItemId.SIZE);
    }

    /** _bt_blwritepage: the page into its block through shared buffers, logged as a full-page image. */
    private void writePage(MemorySegment page, int blkno) {
        RelFileLocator rl = index.locator();
        ctx.extensionLock().lock(rl);
        try {
            int nblocks = ctx.smgr().nblocks(rl, ForkNumber.MAIN);
            if (nblocks <= blkno) ctx.smgr().zeroExtend(rl, ForkNumber.MAIN, nblocks, blkno + 1 - nblocks, false);
        } finally {
            ctx.extensionLock().unlock(rl);
        }
        BufferManager bm = ctx.buffers();
        int buf = bm.readBuffer(BTPages.tag(rl, blkno), null, true);
        bm.lockBuffer(buf, BufferManager.LockMode.EXCLUSIVE);
        try {
            MemorySegment target = bm.page(buf);
            MemorySegment.copy(page, 0, target, 0, Page.BLCKSZ);
            logAndDirty(buf, blkno, target);
        } finally {
            pages.relBuf(buf);
        }
    }

    private void writeMetapage(int root, int level) {
        int buf = pages.getBuf(index, BTMetaPage.BTREE_METAPAGE, BufferManager.LockMode.EXCLUSIVE);
        try {
            MemorySegment metapg = pages.page(buf);
            BTMetaPage.Metadata old = BTMetaPage.Metadata.of(metapg);
            BTMetaPage.init(metapg, new BTMetaPage.Metadata(old.version(), root, level, root, level,
                    old.lastCleanupNumDelpages(), old.allEqualImage()));
            logAndDirty(buf, BTMetaPage.BTREE_METAPAGE, metapg);
        } finally {
            pages.relBuf(buf);
        }
    }

    /** MarkBufferDirty, then log_newpage and PageSetLSN, as the critical section of _bt_blwritepage. */
    private void logAndDirty(int buf, int blkno, MemorySegment page) {
        pages.markDirty(buf);
        if (!index.needsWal()) return;
        try {
            long lsn = FullPageImages.logNewPage(ctx.xlog(), index.locator(), ForkNumber.MAIN, blkno, page,
                    ctx.oracle().currentTransactionId());
            PageHeader.setLsn(page, lsn);
        } catch (IOException | RuntimeException e) {
            // the page is already changed in shared buffers: as in a critical section, PANIC
            throw new PgException(Severity.PANIC, SqlState.INTERNAL_ERROR, "could not write WAL for index \""
                    + index.name() + "\": " + e.getMessage(), null, null, 0);
        }
    }
}
