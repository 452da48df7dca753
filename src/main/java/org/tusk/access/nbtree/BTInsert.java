package org.tusk.access.nbtree;

import org.tusk.access.common.DatumType;
import org.tusk.access.common.IndexTuples;
import org.tusk.access.common.TupleDesc;
import org.tusk.access.index.IndexAmContext;
import org.tusk.access.index.UniqueCheck;
import org.tusk.access.table.DirtyCheck;
import org.tusk.access.table.TableAm;
import org.tusk.access.transam.XLogRecordBuilder;
import org.tusk.storage.buffer.BufferManager.LockMode;
import org.tusk.storage.page.ItemId;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.utils.adt.Bools;
import org.tusk.utils.adt.Floats;
import org.tusk.utils.adt.Texts;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import java.lang.foreign.MemorySegment;

/**
 * Inserting into a B-tree (nbtinsert.c): _bt_doinsert, the unique check (_bt_check_unique),
 * finding the insert location (_bt_findinsertloc, _bt_stepright), putting the tuple on the page
 * (_bt_insertonpg) or splitting it ({@link BTSplit}), and the second phase of a split: inserting
 * the downlink into the parent (_bt_insert_parent, _bt_getstackbuf), making a new root
 * (_bt_newroot) and finishing a split left incomplete (_bt_finish_split).
 *
 * <p>Locking, as in PostgreSQL: the descent holds one share lock at a time and write-locks the
 * leaf. Moving right while holding a page (unique check, _bt_stepright, _bt_split's sibling) is
 * left-to-right coupling. Going up, the left child stays write-locked while the parent is
 * locked (so that no one sees the split without a way to finish it); that is safe because no
 * process holding a lock waits for one below or to the left of it.
 */
final class BTInsert {
    /** BTMaxItemSize: a third of a page less overhead, so that any three tuples fit a page. */
    static final int BT_MAX_ITEM_SIZE = org.tusk.storage.page.Alignment.maxAlignDown(
            (Page.BLCKSZ - org.tusk.storage.page.Alignment.maxAlign(org.tusk.storage.page.PageHeader.SIZE + 3 * ItemId.SIZE)
                    - org.tusk.storage.page.Alignment.maxAlign(BTPageOpaque.SIZE)) / 3) - BTTuple.HEAP_TID_SPACE;

    private final IndexAmContext ctx;
    private final BTPages pages;
    private final BTSearch search;
    private final BTSplit split;
    private final BTXLog xlog;

    BTInsert(IndexAmContext ctx, BTPages pages, BTSearch search, BTXLog xlog) {
        this.ctx = ctx;
        this.pages = pages;
        this.search = search;
        this.xlog = xlog;
        this.split = new BTSplit(ctx, pages, xlog);
        search.setSplitFinisher(this);
    }

    /** _bt_doinsert with UNIQUE_CHECK_YES or UNIQUE_CHECK_NO. */
    void doInsert(Relation rel, Object[] values, ItemPointer heapTid, Relation heapRel, TableAm table, boolean checkUnique) {
        doInsert(rel, values, heapTid, heapRel, table, checkUnique ? UniqueCheck.YES : UniqueCheck.NO);
    }

    /**
     * _bt_doinsert: returns false when a PARTIAL check found a possibly conflicting entry
     * (is_unique false), true otherwise. EXISTING only checks and inserts nothing.
     */
    boolean doInsert(Relation rel, Object[] values, ItemPointer heapTid, Relation heapRel, TableAm table, UniqueCheck mode) {
        boolean checkUnique = mode != UniqueCheck.NO;
        TupleDesc desc = rel.desc();
        int natts = desc.natts();
        int nkeyatts = BTScanInsert.nkeyatts(rel);
        if (values.length != natts) throw new IllegalArgumentException("expected " + natts + " values, got " + values.length);
        byte[] itup = IndexTuples.form(desc, natts, values, heapTid);
        checkThirdPage(rel, heapRel, itup.length, heapTid);
        // _bt_mkscankey: the key attributes only; INCLUDE columns neither order nor conflict
        BTScanInsert key = new BTScanInsert(desc, BTScanInsert.options(rel), nkeyatts,
                java.util.Arrays.copyOf(values, nkeyatts), heapTid, false);
        boolean checkingUnique = checkUnique;
        if (checkingUnique) {
            // NULL is unequal to everything, including NULL: a key with one needs no check, unless
            // the index is NULLS NOT DISTINCT (_bt_mkscankey's anynullkeys and indnullsnotdistinct).
            boolean nullsNotDistinct = rel.index() != null && rel.index().nullsNotDistinct();
            if (key.anyNullKeys() && !nullsNotDistinct) checkingUnique = false;
            else key.scantid = null;
        }
        boolean isUnique = true;
        while (true) {
            BTSearch.Descent d = search.search(rel, key, LockMode.EXCLUSIVE);
            int[] buf = {d.buf};
            if (checkingUnique) {
                int xwait = checkUnique(rel, key, buf, heapRel, table, values, mode, heapTid);
                if (xwait == POTENTIAL_CONFLICT) {
                    isUnique = false;
                } else if (xwait != 0) {
                    // Wait for the other inserter or deleter without holding any lock, then start over.
                    pages.relBuf(buf[0]);
                    ctx.oracle().waitForTransaction(xwait);
                    continue;
                }
                if (mode == UniqueCheck.EXISTING) {
                    // the recheck inserts nothing: its entry is already in the index
                    pages.relBuf(buf[0]);
                    return true;
                }
                key.scantid = heapTid;
            }
            int newitemoff = findInsertLoc(rel, key, buf, checkingUnique, d.stack);
            insertOnPage(rel, buf[0], 0, d.stack, itup, newitemoff, false);
            return isUnique;
        }
    }

    /** _bt_check_third_page: PostgreSQL's error for a tuple too large for a B-tree page. */
    static void checkThirdPage(Relation rel, Relation heapRel, int itemsz, ItemPointer heapTid) {
        if (itemsz <= BT_MAX_ITEM_SIZE) return;
        throw new PgException(org.tusk.utils.error.Severity.ERROR, SqlState.PROGRAM_LIMIT_EXCEEDED,
                "index row size " + itemsz + " exceeds btree version " + BTMetaPage.BTREE_VERSION + " maximum "
                        + BT_MAX_ITEM_SIZE + " for index \"" + rel.name() + "\"",
                "Index row references tuple " + heapTid + " in relation \"" + (heapRel == null ? "" : heapRel.name()) + "\".",
                "Values larger than 1/3 of a buffer page cannot be indexed.\n"
                        + "Consider a function index of an MD5 hash of the value, or use full text indexing.", 0);
    }

    /**
     * _bt_check_unique: walks the entries equal to the key (scantid unset), from the leaf the
     * descent found and on to right siblings while their high key equals the key, asking the
     * table whether each one's row is live. Returns an xid to wait for (the caller drops its lock
     * first), or 0 when there is no conflict. A definite conflict releases every lock and throws.
     * Entries already marked LP_DEAD are skipped.
     */
    /** What {@link #checkUnique} returns for a possible conflict in PARTIAL mode (no xid is -1). */
    private static final int POTENTIAL_CONFLICT = -1;

    private int checkUnique(Relation rel, BTScanInsert key, int[] buf, Relation heapRel, TableAm table, Object[] values,
                            UniqueCheck mode, ItemPointer ownTid) {
        MemorySegment page = pages.page(buf[0]);
        int maxoff = Page.maxOffsetNumber(page);
        int offset = key.binsrch(page);
        int nbuf = 0;
        while (true) {
            if (offset <= maxoff) {
                if (!ItemId.isDead(ItemId.get(page, offset))) {
                    if (key.compare(page, offset) != 0) break;
                    ItemPointer htid = BTTuple.heapTid(Page.item(page, offset));
                    // the recheck's own entry is not a conflict with itself
                    DirtyCheck dc = mode == UniqueCheck.EXISTING && htid.equals(ownTid) ? DirtyCheck.DEAD
                            : table.checkDirty(heapRel, htid);
                    if (dc.live() && mode == UniqueCheck.PARTIAL) {
                        // a possible duplicate: leave the full check, and any waiting, to the recheck
                        if (nbuf != 0) pages.relBuf(nbuf);
                        return POTENTIAL_CONFLICT;
                    }
                    if (dc.live()) {
                        if (dc.waitXid() != 0) {
                            if (nbuf != 0) pages.relBuf(nbuf);
                            return dc.waitXid();
                        }
                        if (nbuf != 0) pages.relBuf(nbuf);
                        pages.relBuf(buf[0]);
                        buf[0] = 0;
                        throw uniqueViolation(rel, heapRel, values);
                    }
                }
            }
            if (offset < maxoff) {
                offset++;
                continue;
            }
            if (BTPageOpaque.isRightmost(page)) break;
            if (key.compare(page, BTPageOpaque.P_HIKEY) != 0) break;
            // Equal entries may continue on the right sibling: read it, keeping our leaf locked.
            while (true) {
                int nblkno = BTPageOpaque.next(page);
                nbuf = nbuf == 0 ? pages.getBuf(rel, nblkno, LockMode.SHARE) : pages.relAndGetBuf(rel, nbuf, nblkno, LockMode.SHARE);
                page = pages.page(nbuf);
                if (!BTPageOpaque.ignore(page)) break;
                if (BTPageOpaque.isRightmost(page)) {
                    pages.relBuf(nbuf);
                    throw PgException.error(SqlState.INTERNAL_ERROR, "fell off the end of index \"" + rel.name() + "\"");
                }
            }
            maxoff = Page.maxOffsetNumber(page);
            offset = BTPageOpaque.firstDataKey(page);
        }
        if (nbuf != 0) pages.relBuf(nbuf);
        return 0;
    }

    /** The 23505 report with BuildIndexValueDescription's "Key (cols)=(vals) already exists." */
    static UniqueViolation uniqueViolation(Relation rel, Relation heapRel, Object[] values) {
        TupleDesc desc = rel.desc();
        StringBuilder cols = new StringBuilder();
        StringBuilder vals = new StringBuilder();
        java.util.List<String> names = org.tusk.access.index.IndexColumnNames.of(rel);
        for (int i = 0; i < BTScanInsert.nkeyatts(rel); i++) {
            if (i > 0) {
                cols.append(", ");
                vals.append(", ");
            }
            cols.append(i < names.size() ? names.get(i) : desc.attr(i).name());
            vals.append(values[i] == null ? "null" : output(desc.attr(i).type(), values[i]));
        }
        return new UniqueViolation("duplicate key value violates unique constraint \"" + rel.name() + "\"",
                "Key (" + cols + ")=(" + vals + ") already exists.", null, heapRel == null ? null : heapRel.name(), rel.name());
    }

    /** The type's output function. */
    static String output(DatumType type, Object v) {
        return switch (type) {
            case BOOL -> Bools.boolout((Boolean) v);
            case FLOAT4 -> Floats.float4out((Float) v);
            case FLOAT8 -> Floats.float8out((Double) v);
            case OID -> Integer.toUnsignedString((Integer) v);
            case BYTEA -> Texts.byteaOut((byte[]) v);
            // an array key is shown by array_out over its elements' output
            default -> v instanceof org.tusk.utils.adt.ArrayValue a && type.elementType() != null
                    ? org.tusk.utils.adt.ArrayIO.out(a, x -> output(type.elementType(), x))
                    : v.toString();
        };
    }

    /**
     * _bt_findinsertloc: after a unique check (which searched without a heap TID), steps right
     * while the key (now with its heap TID) is beyond the page's high key; then the offset where
     * the tuple goes on the leaf in {@code buf[0]}.
     */
    private int findInsertLoc(Relation rel, BTScanInsert key, int[] buf, boolean checkingUnique, BTStack stack) {
        if (checkingUnique) {
            while (true) {
                MemorySegment page = pages.page(buf[0]);
                if (BTPageOpaque.isRightmost(page) || key.compare(page, BTPageOpaque.P_HIKEY) <= 0) break;
                stepRight(rel, buf, stack);
            }
        }
        return key.binsrch(pages.page(buf[0]));
    }

    /** _bt_stepright: write-locks the right sibling (finishing its split if needed), then drops ours. */
    private void stepRight(Relation rel, int[] buf, BTStack stack) {
        int rblkno = BTPageOpaque.next(pages.page(buf[0]));
        int rbuf;
        while (true) {
            rbuf = pages.getBuf(rel, rblkno, LockMode.EXCLUSIVE);
            MemorySegment page = pages.page(rbuf);
            if (BTPageOpaque.incompleteSplit(page)) {
                finishSplit(rel, rbuf, stack);
                continue;
            }
            if (!BTPageOpaque.ignore(page)) break;
            if (BTPageOpaque.isRightmost(page)) {
                pages.relBuf(rbuf);
                throw PgException.error(SqlState.INTERNAL_ERROR, "fell off the end of index \"" + rel.name() + "\"");
            }
            rblkno = BTPageOpaque.next(page);
            pages.relBuf(rbuf);
        }
        pages.relBuf(buf[0]);
        buf[0] = rbuf;
    }

    /**
     * _bt_insertonpg: puts {@code itup} at {@code newitemoff} of the write-locked page in
     * {@code buf}, splitting it if it is full. For an internal page, {@code cbuf} is the
     * write-locked left child whose split this downlink completes: its BTP_INCOMPLETE_SPLIT flag
     * is cleared in the same WAL record. Releases buf and cbuf.
     */
    void insertOnPage(Relation rel, int buf, int cbuf, BTStack stack, byte[] itup, int newitemoff, boolean splitOnlyPage) {
        MemorySegment page = pages.page(buf);
        boolean isleaf = BTPageOpaque.isLeaf(page);
        boolean isroot = BTPageOpaque.isRoot(page);
        boolean isonly = BTPageOpaque.isLeftmost(page) && BTPageOpaque.isRightmost(page);
        if (BTPageOpaque.incompleteSplit(page)) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "cannot insert to incompletely split page " + pages.blockNumber(buf));
        }
        if (Page.freeSpace(page) < itup.length) {
            int rbuf = split.split(rel, buf, cbuf, newitemoff, itup);
            insertParent(rel, buf, rbuf, stack, isroot, isonly);
            return;
        }
        int metabuf = 0;
        MemorySegment metapg = null;
        if (splitOnlyPage) {
            // The page was the only one on its level: it may be the fast root, which must not stay below it.
            metabuf = pages.getBuf(rel, BTMetaPage.BTREE_METAPAGE, LockMode.EXCLUSIVE);
            metapg = pages.page(metabuf);
            if (BTMetaPage.fastLevel(metapg) >= BTPageOpaque.level(page)) {
                pages.relBuf(metabuf);
                metabuf = 0;
                metapg = null;
            }
        }
        if (Page.addItem(page, MemorySegment.ofArray(itup), newitemoff, 0) == Page.INVALID_OFFSET_NUMBER) {
            throw new PgException(org.tusk.utils.error.Severity.PANIC, SqlState.INTERNAL_ERROR, "failed to add new item to block "
                    + pages.blockNumber(buf) + " in index \"" + rel.name() + "\"", null, null, 0);
        }
        pages.markDirty(buf);
        if (metabuf != 0) {
            BTMetaPage.setFastRoot(metapg, pages.blockNumber(buf), BTPageOpaque.level(page));
            pages.markDirty(metabuf);
        }
        MemorySegment cpage = null;
        if (!isleaf) {
            cpage = pages.page(cbuf);
            BTPageOpaque.setFlags(cpage, BTPageOpaque.flags(cpage) & ~BTPageOpaque.BTP_INCOMPLETE_SPLIT);
            pages.markDirty(cbuf);
        }
        if (rel.needsWal()) {
            XLogRecordBuilder b = new XLogRecordBuilder();
            b.registerData(BTXLog.insertRecord(newitemoff));
            int info = BTXLog.XLOG_BTREE_INSERT_LEAF;
            if (!isleaf) {
                info = BTXLog.XLOG_BTREE_INSERT_UPPER;
                b.registerBuffer(1, rel.locator(), ForkNumber.MAIN, pages.blockNumber(cbuf), cpage, XLogRecordBuilder.REGBUF_STANDARD);
                if (metabuf != 0) {
                    info = BTXLog.XLOG_BTREE_INSERT_META;
                    b.registerBuffer(2, rel.locator(), ForkNumber.MAIN, BTMetaPage.BTREE_METAPAGE, metapg,
                            XLogRecordBuilder.REGBUF_WILL_INIT | XLogRecordBuilder.REGBUF_STANDARD);
                    b.registerBufData(2, BTXLog.metadata(BTMetaPage.Metadata.of(metapg)));
                }
            }
            b.registerBuffer(0, rel.locator(), ForkNumber.MAIN, pages.blockNumber(buf), page, XLogRecordBuilder.REGBUF_STANDARD);
            b.registerBufData(0, itup);
            long lsn = xlog.insert(b, info, ctx.oracle().currentTransactionId());
            if (metabuf != 0) BTXLog.setLsn(metapg, lsn);
            if (!isleaf) BTXLog.setLsn(cpage, lsn);
            BTXLog.setLsn(page, lsn);
        }
        if (metabuf != 0) pages.relBuf(metabuf);
        if (!isleaf) pages.relBuf(cbuf);
        pages.relBuf(buf);
    }

    /**
     * _bt_insert_parent: the second phase of a split of {@code buf} into buf and {@code rbuf}
     * (both write-locked): a new root if buf was the root, else the downlink to rbuf (a copy of
     * buf's new high key) goes into the parent, re-found through the stack. With no stack (the
     * root split after our descent), the parent level's leftmost page is the starting point.
     */
    void insertParent(Relation rel, int buf, int rbuf, BTStack stack, boolean isroot, boolean isonly) {
        if (isroot) {
            int rootbuf = newRoot(rel, buf, rbuf);
            pages.relBuf(rootbuf);
            pages.relBuf(rbuf);
            pages.relBuf(buf);
            return;
        }
        int bknum = pages.blockNumber(buf);
        int rbknum = pages.blockNumber(rbuf);
        MemorySegment page = pages.page(buf);
        if (stack == null) {
            // Concurrent root split: find the leftmost page one level up and search from there.
            int pbuf = pages.getEndpoint(rel, BTPageOpaque.level(page) + 1, false);
            stack = new BTStack(pages.blockNumber(pbuf), Page.INVALID_OFFSET_NUMBER, null);
            pages.relBuf(pbuf);
        }
        byte[] newItem = BTTuple.copy(Page.item(page, BTPageOpaque.P_HIKEY));
        BTTuple.setDownlink(MemorySegment.ofArray(newItem), rbknum);
        int pbuf = getStackBuf(rel, stack, bknum);
        pages.relBuf(rbuf);
        if (pbuf == 0) {
            throw BTErrors.corrupted("failed to re-find parent key in index \"" + rel.name() + "\" for split pages "
                    + bknum + "/" + rbknum);
        }
        insertOnPage(rel, pbuf, buf, stack.parent, newItem, stack.offset + 1, isonly);
    }

    /**
     * _bt_finish_split: completes the split of the write-locked {@code lbuf} whose right sibling
     * has no downlink yet (the process that split it failed before inserting one). Releases lbuf.
     */
    void finishSplit(Relation rel, int lbuf, BTStack stack) {
        MemorySegment lpage = pages.page(lbuf);
        int rbuf = pages.getBuf(rel, BTPageOpaque.next(lpage), LockMode.EXCLUSIVE);
        MemorySegment rpage = pages.page(rbuf);
        boolean wasroot = false;
        if (stack == null) {
            int metabuf = pages.getBuf(rel, BTMetaPage.BTREE_METAPAGE, LockMode.EXCLUSIVE);
            wasroot = BTMetaPage.root(pages.page(metabuf)) == pages.blockNumber(lbuf);
            pages.relBuf(metabuf);
        }
        boolean wasonly = BTPageOpaque.isLeftmost(lpage) && BTPageOpaque.isRightmost(rpage);
        insertParent(rel, lbuf, rbuf, stack, wasroot, wasonly);
    }

    /**
     * _bt_getstackbuf: write-locks the parent page that now holds the downlink to {@code child},
     * starting where the stack says and moving right (the parent may have split since), and
     * updates the stack entry. Finishes an incomplete split of the parent first. Returns 0 if the
     * downlink is not found.
     */
    int getStackBuf(Relation rel, BTStack stack, int child) {
        int blkno = stack.blkno;
        int start = stack.offset;
        while (true) {
            int buf = pages.getBuf(rel, blkno, LockMode.EXCLUSIVE);
            MemorySegment page = pages.page(buf);
            if (BTPageOpaque.incompleteSplit(page)) {
                finishSplit(rel, buf, stack.parent);
                continue;
            }
            if (!BTPageOpaque.ignore(page)) {
                int minoff = BTPageOpaque.firstDataKey(page);
                int maxoff = Page.maxOffsetNumber(page);
                if (start < minoff) start = minoff;
                if (start > maxoff) start = maxoff + 1;
                for (int off = start; off <= maxoff; off++) {
                    if (BTTuple.downlink(Page.item(page, off)) == child) {
                        stack.blkno = blkno;
                        stack.offset = off;
                        return buf;
                    }
                }
                for (int off = start - 1; off >= minoff; off--) {
                    if (BTTuple.downlink(Page.item(page, off)) == child) {
                        stack.blkno = blkno;
                        stack.offset = off;
                        return buf;
                    }
                }
            }
            if (BTPageOpaque.isRightmost(page)) {
                pages.relBuf(buf);
                return 0;
            }
            blkno = BTPageOpaque.next(page);
            start = Page.INVALID_OFFSET_NUMBER;
            pages.relBuf(buf);
        }
    }

    /**
     * _bt_newroot: a new root one level up with two downlinks, minus infinity to the old root
     * (now the left half) and the left half's high key to the right half; the metapage points to
     * it. Called with both halves write-locked; returns the new root write-locked.
     */
    private int newRoot(Relation rel, int lbuf, int rbuf) {
        int lbkno = pages.blockNumber(lbuf);
        int rbkno = pages.blockNumber(rbuf);
        MemorySegment lpage = pages.page(lbuf);
        int rootbuf = pages.newPage(rel);
        int rootblknum = pages.blockNumber(rootbuf);
        MemorySegment rootpage = pages.page(rootbuf);
        int metabuf = pages.getBuf(rel, BTMetaPage.BTREE_METAPAGE, LockMode.EXCLUSIVE);
        MemorySegment metapg = pages.page(metabuf);

        byte[] leftItem = BTTuple.minusInfinity(lbkno);
        byte[] rightItem = BTTuple.copy(Page.item(lpage, BTPageOpaque.P_HIKEY));
        BTTuple.setDownlink(MemorySegment.ofArray(rightItem), rbkno);

        int level = BTPageOpaque.level(lpage) + 1;
        BTPageOpaque.init(rootpage, BTPageOpaque.P_NONE, BTPageOpaque.P_NONE, level, BTPageOpaque.BTP_ROOT);
        BTMetaPage.setRoot(metapg, rootblknum, level);
        if (Page.addItem(rootpage, MemorySegment.ofArray(leftItem), BTPageOpaque.P_HIKEY, 0) == Page.INVALID_OFFSET_NUMBER
                || Page.addItem(rootpage, MemorySegment.ofArray(rightItem), BTPageOpaque.P_FIRSTKEY, 0) == Page.INVALID_OFFSET_NUMBER) {
            throw new PgException(org.tusk.utils.error.Severity.PANIC, SqlState.INTERNAL_ERROR,
                    "failed to add items to the new root page of index \"" + rel.name() + "\"", null, null, 0);
        }
        BTPageOpaque.setFlags(lpage, BTPageOpaque.flags(lpage) & ~BTPageOpaque.BTP_INCOMPLETE_SPLIT);
        pages.markDirty(lbuf);
        pages.markDirty(rootbuf);
        pages.markDirty(metabuf);
        if (rel.needsWal()) {
            XLogRecordBuilder b = new XLogRecordBuilder();
            b.registerData(BTXLog.newRootRecord(rootblknum, level));
            b.registerBuffer(0, rel.locator(), ForkNumber.MAIN, rootblknum, rootpage, XLogRecordBuilder.REGBUF_WILL_INIT);
            b.registerBuffer(1, rel.locator(), ForkNumber.MAIN, lbkno, lpage, XLogRecordBuilder.REGBUF_STANDARD);
            b.registerBuffer(2, rel.locator(), ForkNumber.MAIN, BTMetaPage.BTREE_METAPAGE, metapg,
                    XLogRecordBuilder.REGBUF_WILL_INIT | XLogRecordBuilder.REGBUF_STANDARD);
            b.registerBufData(2, BTXLog.metadata(BTMetaPage.Metadata.of(metapg)));
            b.registerBufData(0, BTXLog.itemsOf(rootpage));
            long lsn = xlog.insert(b, BTXLog.XLOG_BTREE_NEWROOT, ctx.oracle().currentTransactionId());
            BTXLog.setLsn(lpage, lsn);
            BTXLog.setLsn(rootpage, lsn);
            BTXLog.setLsn(metapg, lsn);
        }
        pages.relBuf(metabuf);
        return rootbuf;
    }
}
