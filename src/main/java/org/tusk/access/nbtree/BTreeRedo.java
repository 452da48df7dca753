package org.tusk.access.nbtree;

import org.tusk.access.common.IndexTuples;
import org.tusk.access.transam.DecodedXLogRecord;
import org.tusk.access.transam.RedoContext;
import org.tusk.access.transam.XLogRecord;
import org.tusk.access.transam.XLogUtils;
import org.tusk.access.transam.XLogUtils.Action;
import org.tusk.access.transam.XLogUtils.RedoBuffer;
import org.tusk.storage.page.Alignment;
import org.tusk.storage.page.Page;
import org.tusk.storage.page.PageHeader;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * btree_redo (nbtxlog.c): replays the B-tree's WAL records in the startup process. Each page a
 * record names goes through {@link XLogUtils#readBufferForRedo}: a page already at or past the
 * record (its LSN) is left alone, a full-page image replaces the page, and otherwise the change
 * is applied exactly as the primary applied it, so the replayed page is byte-identical. Pages
 * registered WILL_INIT (a split's new right page, a new root, the metapage) are rebuilt from the
 * record's data whatever they held.
 *
 * <p>Redo does not couple locks as the primary does (one page at a time is locked): readers
 * during recovery (hot standby) are not supported, and nothing else changes pages meanwhile.
 */
public final class BTreeRedo {
    private BTreeRedo() {}

    /** rm_redo for RM_BTREE_ID. */
    public static void redo(DecodedXLogRecord rec, RedoContext ctx) {
        int info = rec.info() & XLogRecord.XLR_RMGR_INFO_MASK;
        switch (info) {
            case BTXLog.XLOG_BTREE_INSERT_LEAF -> insert(rec, ctx, true, false);
            case BTXLog.XLOG_BTREE_INSERT_UPPER -> insert(rec, ctx, false, false);
            case BTXLog.XLOG_BTREE_INSERT_META -> insert(rec, ctx, false, true);
            case BTXLog.XLOG_BTREE_SPLIT_L -> split(rec, ctx, true);
            case BTXLog.XLOG_BTREE_SPLIT_R -> split(rec, ctx, false);
            case BTXLog.XLOG_BTREE_NEWROOT -> newRoot(rec, ctx);
            case BTXLog.XLOG_BTREE_VACUUM -> vacuum(rec, ctx);
            case BTXLog.XLOG_BTREE_META_CLEANUP -> restoreMeta(rec, ctx, 0);
            default -> throw new PgException(Severity.PANIC, SqlState.INTERNAL_ERROR,
                    "btree_redo: unknown op code %d".formatted(info), null, null, 0);
        }
    }

    private static ByteBuffer main(DecodedXLogRecord rec) {
        return rec.mainData().asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** btree_xlog_insert. */
    private static void insert(DecodedXLogRecord rec, RedoContext ctx, boolean isleaf, boolean ismeta) {
        int offnum = Short.toUnsignedInt(main(rec).getShort(0));
        if (!isleaf) clearIncompleteSplit(rec, ctx, 1);
        RedoBuffer rb = XLogUtils.readBufferForRedo(ctx, rec, 0);
        try {
            if (rb.action() == Action.NEEDS_REDO) {
                MemorySegment page = ctx.buffers().page(rb.buffer());
                MemorySegment data = rec.blockData(0);
                if (Page.addItem(page, aligned(data), offnum, 0) == Page.INVALID_OFFSET_NUMBER) {
                    throw panic("failed to add new item");
                }
                XLogUtils.finishRedo(ctx, rec, rb);
            }
        } finally {
            XLogUtils.release(ctx, rb);
        }
        if (ismeta) restoreMeta(rec, ctx, 2);
    }

    /** btree_xlog_split. */
    private static void split(DecodedXLogRecord rec, RedoContext ctx, boolean newitemonleft) {
        ByteBuffer m = main(rec);
        int level = m.getInt(0);
        int firstrightoff = Short.toUnsignedInt(m.getShort(4));
        int newitemoff = Short.toUnsignedInt(m.getShort(6));
        boolean isleaf = level == 0;
        int origpagenumber = rec.block(0).blockNo();
        int rightpagenumber = rec.block(1).blockNo();
        int spagenumber = rec.hasBlockRef(2) ? rec.block(2).blockNo() : BTPageOpaque.P_NONE;

        if (!isleaf) clearIncompleteSplit(rec, ctx, 3);

        // The new right page, rebuilt from scratch.
        RedoBuffer rrb = XLogUtils.readBufferForRedo(ctx, rec, 1);
        RedoBuffer lrb = null;
        try {
            MemorySegment rpage = ctx.buffers().page(rrb.buffer());
            if (rrb.action() != Action.RESTORED) {
                BTPageOpaque.pageInit(rpage);
                BTPageOpaque.init(rpage, origpagenumber, spagenumber, level, isleaf ? BTPageOpaque.BTP_LEAF : 0);
                restorePage(rpage, rec.blockData(1));
                XLogUtils.finishRedo(ctx, rec, rrb);
            }

            // The original page becomes the left half, rebuilt in item-number order as _bt_split did.
            lrb = XLogUtils.readBufferForRedo(ctx, rec, 0);
            if (lrb.action() == Action.NEEDS_REDO) {
                MemorySegment origpage = ctx.buffers().page(lrb.buffer());
                MemorySegment data = rec.blockData(0);
                long pos = 0;
                MemorySegment newitem = null;
                if (newitemonleft) {
                    int sz = Alignment.maxAlign(IndexTuples.size(data));
                    newitem = aligned(data.asSlice(0, sz));
                    pos += sz;
                }
                MemorySegment hikeyData = data.asSlice(pos);
                MemorySegment leftHikey = aligned(hikeyData.asSlice(0, Alignment.maxAlign(IndexTuples.size(hikeyData))));
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment leftpage = arena.allocate(Page.BLCKSZ, Alignment.MAXIMUM_ALIGNOF);
                    // PageGetTempPageCopySpecial: a fresh page keeping the original's special space.
                    BTPageOpaque.pageInit(leftpage);
                    MemorySegment.copy(origpage, PageHeader.special(origpage), leftpage, PageHeader.special(leftpage), BTPageOpaque.SIZE);
                    int leftoff = BTPageOpaque.P_HIKEY;
                    add(leftpage, leftHikey, leftoff++, "failed to add high key to left page after split");
                    int off;
                    for (off = BTPageOpaque.firstDataKey(origpage); off < firstrightoff; off++) {
                        if (newitemonleft && off == newitemoff) {
                            add(leftpage, newitem, leftoff++, "failed to add new item to left page after split");
                        }
                        add(leftpage, Page.item(origpage, off), leftoff++, "failed to add old item to left page after split");
                    }
                    if (newitemonleft && off == newitemoff) {
                        add(leftpage, newitem, leftoff, "failed to add new item to left page after split");
                    }
                    MemorySegment.copy(leftpage, 0, origpage, 0, Page.BLCKSZ);
                }
                int flags = BTPageOpaque.BTP_INCOMPLETE_SPLIT | (isleaf ? BTPageOpaque.BTP_LEAF : 0);
                BTPageOpaque.setFlags(origpage, flags);
                BTPageOpaque.setNext(origpage, rightpagenumber);
                BTPageOpaque.setCycleId(origpage, 0);
                XLogUtils.finishRedo(ctx, rec, lrb);
            }

            // The old right sibling's left link.
            if (spagenumber != BTPageOpaque.P_NONE) {
                RedoBuffer srb = XLogUtils.readBufferForRedo(ctx, rec, 2);
                try {
                    if (srb.action() == Action.NEEDS_REDO) {
                        BTPageOpaque.setPrev(ctx.buffers().page(srb.buffer()), rightpagenumber);
                        XLogUtils.finishRedo(ctx, rec, srb);
                    }
                } finally {
                    XLogUtils.release(ctx, srb);
                }
            }
        } finally {
            XLogUtils.release(ctx, rrb);
            if (lrb != null) XLogUtils.release(ctx, lrb);
        }
    }

    /** btree_xlog_newroot. */
    private static void newRoot(DecodedXLogRecord rec, RedoContext ctx) {
        int level = main(rec).getInt(4);
        RedoBuffer rb = XLogUtils.readBufferForRedo(ctx, rec, 0);
        try {
            if (rb.action() != Action.RESTORED) {
                MemorySegment page = ctx.buffers().page(rb.buffer());
                BTPageOpaque.pageInit(page);
                BTPageOpaque.init(page, BTPageOpaque.P_NONE, BTPageOpaque.P_NONE, level,
                        BTPageOpaque.BTP_ROOT | (level == 0 ? BTPageOpaque.BTP_LEAF : 0));
                if (level > 0) restorePage(page, rec.blockData(0));
                XLogUtils.finishRedo(ctx, rec, rb);
            }
        } finally {
            XLogUtils.release(ctx, rb);
        }
        if (level > 0) clearIncompleteSplit(rec, ctx, 1);
        restoreMeta(rec, ctx, 2);
    }

    /** btree_xlog_vacuum. */
    private static void vacuum(DecodedXLogRecord rec, RedoContext ctx) {
        int ndeleted = Short.toUnsignedInt(main(rec).getShort(0));
        RedoBuffer rb = XLogUtils.readBufferForRedo(ctx, rec, 0);
        try {
            if (rb.action() == Action.NEEDS_REDO) {
                MemorySegment page = ctx.buffers().page(rb.buffer());
                ByteBuffer d = rec.blockData(0).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                int[] offs = new int[ndeleted];
                for (int i = 0; i < ndeleted; i++) offs[i] = Short.toUnsignedInt(d.getShort(2 * i));
                BTVacuum.multiDelete(page, offs);
                BTPageOpaque.setCycleId(page, 0);
                BTPageOpaque.setFlags(page, BTPageOpaque.flags(page) & ~BTPageOpaque.BTP_HAS_GARBAGE);
                XLogUtils.finishRedo(ctx, rec, rb);
            }
        } finally {
            XLogUtils.release(ctx, rb);
        }
    }

    /** _bt_restore_meta: the metapage rebuilt from xl_btree_metadata (registered WILL_INIT). */
    private static void restoreMeta(DecodedXLogRecord rec, RedoContext ctx, int blockId) {
        RedoBuffer rb = XLogUtils.readBufferForRedo(ctx, rec, blockId);
        try {
            if (rb.action() != Action.RESTORED) {
                MemorySegment data = rec.blockData(blockId);
                if (data.byteSize() != BTXLog.SIZE_OF_METADATA) throw panic("invalid btree metadata length " + data.byteSize());
                BTMetaPage.init(ctx.buffers().page(rb.buffer()), BTXLog.readMetadata(data));
                XLogUtils.finishRedo(ctx, rec, rb);
            }
        } finally {
            XLogUtils.release(ctx, rb);
        }
    }

    /** _bt_clear_incomplete_split. */
    private static void clearIncompleteSplit(DecodedXLogRecord rec, RedoContext ctx, int blockId) {
        RedoBuffer rb = XLogUtils.readBufferForRedo(ctx, rec, blockId);
        try {
            if (rb.action() == Action.NEEDS_REDO) {
                MemorySegment page = ctx.buffers().page(rb.buffer());
                BTPageOpaque.setFlags(page, BTPageOpaque.flags(page) & ~BTPageOpaque.BTP_INCOMPLETE_SPLIT);
                XLogUtils.finishRedo(ctx, rec, rb);
            }
        } finally {
            XLogUtils.release(ctx, rb);
        }
    }

    /**
     * _bt_restore_page: the items as logged (highest offset first, as they lie from pd_upper up),
     * added in reverse so that each gets its original offset number and place.
     */
    private static void restorePage(MemorySegment page, MemorySegment from) {
        List<MemorySegment> items = new ArrayList<>();
        long pos = 0;
        while (pos < from.byteSize()) {
            int sz = Alignment.maxAlign(IndexTuples.size(from.asSlice(pos)));
            items.add(aligned(from.asSlice(pos, sz)));
            pos += sz;
        }
        int n = items.size();
        for (int i = n - 1; i >= 0; i--) {
            if (Page.addItem(page, items.get(i), n - i, 0) == Page.INVALID_OFFSET_NUMBER) {
                throw panic("_bt_restore_page: cannot add item to page");
            }
        }
    }

    private static void add(MemorySegment page, MemorySegment item, int off, String failure) {
        if (Page.addItem(page, item, off, 0) == Page.INVALID_OFFSET_NUMBER) throw panic(failure);
    }

    /** A heap copy of WAL data (which has no alignment guarantee). */
    private static MemorySegment aligned(MemorySegment data) {
        return MemorySegment.ofArray(data.toArray(JAVA_BYTE));
    }

    private static PgException panic(String message) {
        return new PgException(Severity.PANIC, SqlState.INTERNAL_ERROR, message, null, null, 0);
    }
}
