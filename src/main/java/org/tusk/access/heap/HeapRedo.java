package org.tusk.access.heap;

import org.tusk.access.common.HeapTupleHeader;
import org.tusk.access.transam.DecodedXLogRecord;
import org.tusk.access.transam.RedoContext;
import org.tusk.access.transam.XLogUtils;
import org.tusk.access.transam.XLogUtils.Action;
import org.tusk.access.transam.XLogUtils.RedoBuffer;
import org.tusk.storage.page.ItemId;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.storage.page.PageHeader;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static org.tusk.access.common.HeapTupleHeader.*;

/**
 * Redo of the heap's records (PostgreSQL's heap_redo and heap2_redo): heap_xlog_insert,
 * heap_xlog_delete, heap_xlog_update (also HOT) and heap_xlog_prune, registered in
 * {@code access.transam.RmgrTable}.
 *
 * <p>Each routine asks {@link XLogUtils#readBufferForRedo} what to do with a page: a page whose LSN
 * already covers the record is left alone (replay is idempotent), a full-page image replaces the
 * page, otherwise the change is applied and the page stamped with the record's end. Redo cannot
 * know command ids, so tuples get FirstCommandId (0), as in PostgreSQL; nothing needs them after
 * recovery since the transactions that could have asked are gone.
 */
public final class HeapRedo {
    private HeapRedo() {}

    private static final int FIRST_COMMAND_ID = 0;

    /** heap_redo (RM_HEAP_ID). */
    public static void heapRedo(DecodedXLogRecord rec, RedoContext ctx) {
        int info = rec.info() & 0xF0;
        switch (info & HeapXLog.XLOG_HEAP_OPMASK) {
            case HeapXLog.XLOG_HEAP_INSERT -> insert(rec, ctx);
            case HeapXLog.XLOG_HEAP_DELETE -> delete(rec, ctx);
            case HeapXLog.XLOG_HEAP_UPDATE -> update(rec, ctx, false);
            case HeapXLog.XLOG_HEAP_HOT_UPDATE -> update(rec, ctx, true);
            case HeapXLog.XLOG_HEAP_LOCK -> lock(rec, ctx);
            default -> throw panic("heap_redo: unknown op code " + info);
        }
    }

    /** heap2_redo (RM_HEAP2_ID). */
    public static void heap2Redo(DecodedXLogRecord rec, RedoContext ctx) {
        int info = rec.info() & 0xF0;
        switch (info & HeapXLog.XLOG_HEAP_OPMASK) {
            case HeapXLog.XLOG_HEAP2_PRUNE -> prune(rec, ctx);
            case HeapXLog.XLOG_HEAP2_VACUUM -> vacuum(rec, ctx);
            case HeapXLog.XLOG_HEAP2_VISIBLE -> visible(rec, ctx);
            case HeapXLog.XLOG_HEAP2_MULTI_INSERT -> multiInsert(rec, ctx);
            default -> throw panic("heap2_redo: unknown op code " + info);
        }
    }

    private static PgException panic(String msg) {
        return new PgException(Severity.PANIC, SqlState.INTERNAL_ERROR, msg, null, null, 0);
    }

    /** XLogInitBufferForRedo + PageInit, for records with XLOG_HEAP_INIT_PAGE. */
    private static RedoBuffer initBuffer(RedoContext ctx, DecodedXLogRecord rec, int blockId) {
        RedoBuffer rb = XLogUtils.readBufferForRedo(ctx, rec, blockId);
        Page.init(ctx.buffers().page(rb.buffer()), 0);
        return new RedoBuffer(Action.NEEDS_REDO, rb.buffer());
    }

    private static void insert(DecodedXLogRecord rec, RedoContext ctx) {
        HeapXLog.Insert xlrec = HeapXLog.Insert.decode(rec.mainData());
        var blk = rec.block(0);
        ItemPointer target = new ItemPointer(blk.blockNo(), xlrec.offnum());
        if ((xlrec.flags() & HeapXLog.XLH_INSERT_ALL_VISIBLE_CLEARED) != 0) clearVm(ctx, rec, 0, VisibilityMap.VALID_BITS);
        RedoBuffer rb = (rec.info() & HeapXLog.XLOG_HEAP_INIT_PAGE) != 0
                ? initBuffer(ctx, rec, 0) : XLogUtils.readBufferForRedo(ctx, rec, 0);
        if (rb.action() == Action.NEEDS_REDO) {
            MemorySegment page = ctx.buffers().page(rb.buffer());
            if (Page.maxOffsetNumber(page) + 1 < xlrec.offnum()) throw panic("invalid max offset number");
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment htup = tupleFromRecord(rec.blockData(0), arena);
                setXmin(htup, rec.xid());
                setCmin(htup, FIRST_COMMAND_ID);
                setCtid(htup, target);
                if (Page.addItem(page, htup, xlrec.offnum(), Page.PAI_OVERWRITE | Page.PAI_IS_HEAP) == Page.INVALID_OFFSET_NUMBER) {
                    throw panic("heap_xlog_insert: failed to add tuple");
                }
            }
            if ((xlrec.flags() & HeapXLog.XLH_INSERT_ALL_VISIBLE_CLEARED) != 0) PageHeader.clearFlag(page, PageHeader.PD_ALL_VISIBLE);
            XLogUtils.finishRedo(ctx, rec, rb);
        }
        XLogUtils.release(ctx, rb);
    }

    /**
     * heap_xlog_multi_insert: the page's new tuples, each rebuilt from its xl_multi_insert_tuple
     * and data (SHORTALIGNed one after another) and put at its logged offset, 1..n when the record
     * initialises the page.
     */
    private static void multiInsert(DecodedXLogRecord rec, RedoContext ctx) {
        boolean init = (rec.info() & HeapXLog.XLOG_HEAP_INIT_PAGE) != 0;
        HeapXLog.MultiInsert xlrec = HeapXLog.MultiInsert.decode(rec.mainData(), init);
        var blk = rec.block(0);
        if ((xlrec.flags() & HeapXLog.XLH_INSERT_ALL_VISIBLE_CLEARED) != 0) clearVm(ctx, rec, 0, VisibilityMap.VALID_BITS);
        RedoBuffer rb = init ? initBuffer(ctx, rec, 0) : XLogUtils.readBufferForRedo(ctx, rec, 0);
        if (rb.action() == Action.NEEDS_REDO) {
            MemorySegment page = ctx.buffers().page(rb.buffer());
            MemorySegment data = rec.blockData(0);
            long pos = 0;
            try (Arena arena = Arena.ofConfined()) {
                for (int offnum : xlrec.offsets()) {
                    if (Page.maxOffsetNumber(page) + 1 < offnum) throw panic("invalid max offset number");
                    pos = HeapMultiInsert.shortAlign((int) pos);
                    int datalen = HeapXLog.u16(data, pos);
                    MemorySegment htup = arena.allocate(HeapTupleHeader.SIZE + datalen, 8);
                    MemorySegment.copy(data, pos + HeapXLog.SIZE_OF_MULTI_INSERT_TUPLE, htup, HeapTupleHeader.SIZE, datalen);
                    setInfomask2(htup, HeapXLog.u16(data, pos + 2));
                    setInfomask(htup, HeapXLog.u16(data, pos + 4));
                    htup.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 22, (byte) HeapXLog.u8(data, pos + 6));
                    pos += HeapXLog.SIZE_OF_MULTI_INSERT_TUPLE + datalen;
                    setXmin(htup, rec.xid());
                    setCmin(htup, FIRST_COMMAND_ID);
                    setCtid(htup, new ItemPointer(blk.blockNo(), offnum));
                    if (Page.addItem(page, htup, offnum, Page.PAI_OVERWRITE | Page.PAI_IS_HEAP) == Page.INVALID_OFFSET_NUMBER) {
                        throw panic("heap_xlog_multi_insert: failed to add tuple");
                    }
                }
            }
            if (pos != data.byteSize()) throw panic("total tuple length mismatch");
            if ((xlrec.flags() & HeapXLog.XLH_INSERT_ALL_VISIBLE_CLEARED) != 0) PageHeader.clearFlag(page, PageHeader.PD_ALL_VISIBLE);
            XLogUtils.finishRedo(ctx, rec, rb);
        }
        XLogUtils.release(ctx, rb);
    }

    /** Rebuilds a tuple from xl_heap_header and the logged bytes after the fixed header. */
    private static MemorySegment tupleFromRecord(MemorySegment data, Arena arena) {
        int infomask2 = HeapXLog.u16(data, 0);
        int infomask = HeapXLog.u16(data, 2);
        int hoff = HeapXLog.u8(data, 4);
        long rest = data.byteSize() - HeapXLog.SIZE_OF_HEAP_HEADER;
        MemorySegment htup = arena.allocate(HeapTupleHeader.SIZE + rest, 8);
        MemorySegment.copy(data, HeapXLog.SIZE_OF_HEAP_HEADER, htup, HeapTupleHeader.SIZE, rest);
        setInfomask2(htup, infomask2);
        setInfomask(htup, infomask);
        htup.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 22, (byte) hoff);
        return htup;
    }

    private static MemorySegment normalTuple(MemorySegment page, int offnum) {
        if (offnum < Page.FIRST_OFFSET_NUMBER || Page.maxOffsetNumber(page) < offnum
                || !ItemId.isNormal(ItemId.get(page, offnum))) {
            throw panic("invalid lp");
        }
        return Page.item(page, offnum);
    }

    private static void delete(DecodedXLogRecord rec, RedoContext ctx) {
        HeapXLog.Delete xlrec = HeapXLog.Delete.decode(rec.mainData());
        ItemPointer target = new ItemPointer(rec.block(0).blockNo(), xlrec.offnum());
        if ((xlrec.flags() & HeapXLog.XLH_DELETE_ALL_VISIBLE_CLEARED) != 0) clearVm(ctx, rec, 0, VisibilityMap.VALID_BITS);
        RedoBuffer rb = XLogUtils.readBufferForRedo(ctx, rec, 0);
        if (rb.action() == Action.NEEDS_REDO) {
            MemorySegment page = ctx.buffers().page(rb.buffer());
            MemorySegment htup = normalTuple(page, xlrec.offnum());
            setInfomask(htup, infomask(htup) & ~(HeapTuples.HEAP_XMAX_BITS | HEAP_MOVED));
            setInfomask2(htup, infomask2(htup) & ~(HEAP_KEYS_UPDATED | HEAP_HOT_UPDATED));
            HeapTuples.fixInfomaskFromInfobits(htup, xlrec.infobitsSet());
            setXmax(htup, xlrec.xmax());
            HeapTuples.setCmax(htup, FIRST_COMMAND_ID, false);
            TupleChangeCheck.pageSetPrunable(page, rec.xid());
            if ((xlrec.flags() & HeapXLog.XLH_DELETE_ALL_VISIBLE_CLEARED) != 0) PageHeader.clearFlag(page, PageHeader.PD_ALL_VISIBLE);
            setCtid(htup, target);
            XLogUtils.finishRedo(ctx, rec, rb);
        }
        XLogUtils.release(ctx, rb);
    }

    /**
     * heap_xlog_lock: the tuple's xmax becomes the locker with the recorded flags. A lock that is
     * not lock-only (never written by Tusk, whose locks are all HEAP_XMAX_LOCK_ONLY) would end
     * the update chain at the tuple, as PostgreSQL's redo does.
     */
    private static void lock(DecodedXLogRecord rec, RedoContext ctx) {
        HeapXLog.Lock xlrec = HeapXLog.Lock.decode(rec.mainData());
        if ((xlrec.flags() & HeapXLog.XLH_LOCK_ALL_FROZEN_CLEARED) != 0) clearVm(ctx, rec, 0, VisibilityMap.ALL_FROZEN);
        RedoBuffer rb = XLogUtils.readBufferForRedo(ctx, rec, 0);
        if (rb.action() == Action.NEEDS_REDO) {
            MemorySegment page = ctx.buffers().page(rb.buffer());
            MemorySegment htup = normalTuple(page, xlrec.offnum());
            setInfomask(htup, infomask(htup) & ~(HeapTuples.HEAP_XMAX_BITS | HEAP_MOVED));
            setInfomask2(htup, infomask2(htup) & ~HEAP_KEYS_UPDATED);
            HeapTuples.fixInfomaskFromInfobits(htup, xlrec.infobitsSet());
            if (!HeapTuples.xmaxIsLockedOnly(infomask(htup))) {
                setInfomask2(htup, infomask2(htup) & ~HEAP_HOT_UPDATED);
                setCtid(htup, new ItemPointer(rec.block(0).blockNo(), xlrec.offnum()));
            }
            setXmax(htup, xlrec.lockingXid());
            HeapTuples.setCmax(htup, FIRST_COMMAND_ID, false);
            XLogUtils.finishRedo(ctx, rec, rb);
        }
        XLogUtils.release(ctx, rb);
    }

    private static void update(DecodedXLogRecord rec, RedoContext ctx, boolean hot) {
        HeapXLog.Update xlrec = HeapXLog.Update.decode(rec.mainData());
        int newblk = rec.block(0).blockNo();
        boolean twoPages = rec.hasBlockRef(1);
        int oldblk = twoPages ? rec.block(1).blockNo() : newblk;
        if (hot && twoPages) throw panic("heap_xlog_update: HOT update across pages");
        ItemPointer newtid = new ItemPointer(newblk, xlrec.newOffnum());

        if ((xlrec.flags() & HeapXLog.XLH_UPDATE_OLD_ALL_VISIBLE_CLEARED) != 0) clearVm(ctx, rec, twoPages ? 1 : 0, VisibilityMap.VALID_BITS);
        if ((xlrec.flags() & HeapXLog.XLH_UPDATE_NEW_ALL_VISIBLE_CLEARED) != 0) clearVm(ctx, rec, 0, VisibilityMap.VALID_BITS);
        RedoBuffer orb = XLogUtils.readBufferForRedo(ctx, rec, twoPages ? 1 : 0);
        if (orb.action() == Action.NEEDS_REDO) {
            MemorySegment page = ctx.buffers().page(orb.buffer());
            MemorySegment htup = normalTuple(page, xlrec.oldOffnum());
            setInfomask(htup, infomask(htup) & ~(HeapTuples.HEAP_XMAX_BITS | HEAP_MOVED));
            setInfomask2(htup, infomask2(htup) & ~HEAP_KEYS_UPDATED);
            HeapTuples.setFlag2(htup, HEAP_HOT_UPDATED, hot);
            HeapTuples.fixInfomaskFromInfobits(htup, xlrec.oldInfobitsSet());
            setXmax(htup, xlrec.oldXmax());
            HeapTuples.setCmax(htup, FIRST_COMMAND_ID, false);
            setCtid(htup, newtid);  // forward link to the new version
            TupleChangeCheck.pageSetPrunable(page, rec.xid());
            if ((xlrec.flags() & HeapXLog.XLH_UPDATE_OLD_ALL_VISIBLE_CLEARED) != 0) PageHeader.clearFlag(page, PageHeader.PD_ALL_VISIBLE);
            if (twoPages) XLogUtils.finishRedo(ctx, rec, orb);
        }

        RedoBuffer nrb;
        if (!twoPages) nrb = orb;
        else if ((rec.info() & HeapXLog.XLOG_HEAP_INIT_PAGE) != 0) nrb = initBuffer(ctx, rec, 0);
        else nrb = XLogUtils.readBufferForRedo(ctx, rec, 0);
        if (nrb.action() == Action.NEEDS_REDO) {
            MemorySegment page = ctx.buffers().page(nrb.buffer());
            if (Page.maxOffsetNumber(page) + 1 < xlrec.newOffnum()) throw panic("invalid max offset number");
            if ((xlrec.flags() & (HeapXLog.XLH_UPDATE_PREFIX_FROM_OLD | HeapXLog.XLH_UPDATE_SUFFIX_FROM_OLD)) != 0) {
                throw panic("heap_xlog_update: prefix/suffix compressed tuples are not supported");
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment htup = tupleFromRecord(rec.blockData(0), arena);
                setXmin(htup, rec.xid());
                setCmin(htup, FIRST_COMMAND_ID);
                setXmax(htup, xlrec.newXmax());
                setCtid(htup, newtid);
                if (Page.addItem(page, htup, xlrec.newOffnum(), Page.PAI_OVERWRITE | Page.PAI_IS_HEAP) == Page.INVALID_OFFSET_NUMBER) {
                    throw panic("heap_xlog_update: failed to add tuple");
                }
            }
            if ((xlrec.flags() & HeapXLog.XLH_UPDATE_NEW_ALL_VISIBLE_CLEARED) != 0) PageHeader.clearFlag(page, PageHeader.PD_ALL_VISIBLE);
            XLogUtils.finishRedo(ctx, rec, nrb);
        }
        if (twoPages) XLogUtils.release(ctx, nrb);
        XLogUtils.release(ctx, orb);
    }

    private static void prune(DecodedXLogRecord rec, RedoContext ctx) {
        HeapXLog.Prune xlrec = HeapXLog.Prune.decode(rec.mainData());
        // In the startup process nobody else pins buffers, so the exclusive lock is a cleanup lock.
        RedoBuffer rb = XLogUtils.readBufferForRedo(ctx, rec, 0);
        if (rb.action() == Action.NEEDS_REDO) {
            MemorySegment page = ctx.buffers().page(rb.buffer());
            MemorySegment data = rec.blockData(0);
            int n = (int) (data.byteSize() / 2);
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = HeapXLog.u16(data, 2L * i);
            int nredirected = xlrec.nredirected();
            int ndead = xlrec.ndead();
            int nunused = n - 2 * nredirected - ndead;
            if (nunused < 0) throw panic("heap_xlog_prune: block data shorter than its counts");
            int[] redirected = java.util.Arrays.copyOfRange(all, 0, 2 * nredirected);
            int[] nowdead = java.util.Arrays.copyOfRange(all, 2 * nredirected, 2 * nredirected + ndead);
            int[] nowunused = java.util.Arrays.copyOfRange(all, 2 * nredirected + ndead, n);
            PruneHeap.execute(page, redirected, nredirected, nowdead, ndead, nowunused, nunused);
            // The prune hint (pd_prune_xid) is not reconstructed: at worst an extra prune later.
            XLogUtils.finishRedo(ctx, rec, rb);
        }
        XLogUtils.release(ctx, rb);
    }

    /** heap_xlog_vacuum: the listed LP_DEAD items become unused, the line pointer array is truncated. */
    private static void vacuum(DecodedXLogRecord rec, RedoContext ctx) {
        int nunused = HeapXLog.u16(rec.mainData(), 0);
        RedoBuffer rb = XLogUtils.readBufferForRedo(ctx, rec, 0);
        if (rb.action() == Action.NEEDS_REDO) {
            MemorySegment page = ctx.buffers().page(rb.buffer());
            MemorySegment data = rec.blockData(0);
            if (data.byteSize() != 2L * nunused) throw panic("heap_xlog_vacuum: block data does not match nunused");
            int[] offsets = new int[nunused];
            for (int i = 0; i < nunused; i++) offsets[i] = HeapXLog.u16(data, 2L * i);
            HeapVacuum.execute(page, offsets, nunused);
            XLogUtils.finishRedo(ctx, rec, rb);
        }
        XLogUtils.release(ctx, rb);
    }

    /**
     * The visibility map half of a heap record with an ALL_VISIBLE_CLEARED (or lock's
     * ALL_FROZEN_CLEARED) flag: the bits of the record's heap block are cleared whatever the heap
     * page's LSN, as heap_xlog_insert & co. do (the VM page carries no LSN for a clear). A map
     * page that does not exist holds no set bit.
     */
    private static void clearVm(RedoContext ctx, DecodedXLogRecord rec, int blockId, int flags) {
        var blk = rec.block(blockId);
        var rl = blk.locator();
        int mapBlock = VisibilityMap.mapBlock(blk.blockNo());
        if (!ctx.smgr().exists(rl, org.tusk.storage.smgr.ForkNumber.VM)
                || Integer.compareUnsigned(mapBlock, ctx.smgr().nblocks(rl, org.tusk.storage.smgr.ForkNumber.VM)) >= 0) return;
        int buf = XLogUtils.readExtended(ctx, rl, org.tusk.storage.smgr.ForkNumber.VM, mapBlock, false);
        ctx.buffers().lockBuffer(buf, org.tusk.storage.buffer.BufferManager.LockMode.EXCLUSIVE);
        try {
            if (VisibilityMap.clearBits(ctx.buffers().page(buf), blk.blockNo(), flags)) ctx.buffers().markDirty(buf);
        } finally {
            ctx.buffers().unlockBuffer(buf);
            ctx.buffers().releaseBuffer(buf);
        }
    }

    /**
     * heap_xlog_visible: block 1 (the heap page) gets PD_ALL_VISIBLE if its LSN is older than the
     * record (without moving its LSN: the record carries no image of it), block 0 (the VM page)
     * gets the bits and the record's LSN. The map fork is extended as far as needed.
     */
    private static void visible(DecodedXLogRecord rec, RedoContext ctx) {
        MemorySegment main = rec.mainData();
        int flags = HeapXLog.u8(main, 4);
        int heapBlk = rec.block(1).blockNo();
        RedoBuffer hb = XLogUtils.readBufferForRedo(ctx, rec, 1);
        if (hb.action() == Action.NEEDS_REDO) {
            MemorySegment page = ctx.buffers().page(hb.buffer());
            if (!Page.isNew(page)) {
                PageHeader.setFlag(page, PageHeader.PD_ALL_VISIBLE);
                ctx.buffers().markDirty(hb.buffer());
            }
        }
        XLogUtils.release(ctx, hb);
        RedoBuffer vb = XLogUtils.readBufferForRedo(ctx, rec, 0);
        if (vb.action() == Action.NEEDS_REDO) {
            MemorySegment vmPage = ctx.buffers().page(vb.buffer());
            VisibilityMap.setBits(vmPage, heapBlk, flags);
            XLogUtils.finishRedo(ctx, rec, vb);
        }
        XLogUtils.release(ctx, vb);
    }
}
