package org.tusk.access.transam;

import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.buffer.BufferTag;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.storage.smgr.RelFileLocator;
import org.tusk.storage.smgr.StorageManager;

import java.lang.foreign.MemorySegment;

/**
 * Page access for redo routines (PostgreSQL's xlogutils.c, XLogReadBufferForRedo and friends).
 *
 * <p>The rule that makes replay idempotent: a page whose LSN is at or past the record's end
 * already contains the record's change (it was written after the change, or restored from a later
 * full-page image), so the change is skipped ({@link Action#DONE}). A full-page image in the record
 * replaces the page whatever it holds, which is what repairs a torn page ({@link Action#RESTORED}).
 * Otherwise the routine applies its change and stamps the page with the record's end LSN.
 *
 * <p>A block the record names may not exist on disk: the relation was extended before the crash
 * but the new page was never written. The file is created or extended with zero pages, as
 * XLogReadBufferExtended does; the redo of the record that initialized the page comes first in
 * WAL, so no change is applied to a page that should hold something else.
 */
public final class XLogUtils {
    private XLogUtils() {}

    /** XLogRedoAction. */
    public enum Action {
        /** The page needs the record's change; the buffer is pinned and exclusively locked. */
        NEEDS_REDO,
        /** The page already has the change; the buffer is pinned and exclusively locked. */
        DONE,
        /** The page was replaced by the record's full-page image (and stamped); pinned and locked. */
        RESTORED
    }

    /** A pinned, exclusively locked buffer and what to do with it. Release with {@link #release}. */
    public record RedoBuffer(Action action, int buffer) {}

    /** XLogReadBufferForRedo. */
    public static RedoBuffer readBufferForRedo(RedoContext ctx, DecodedXLogRecord rec, int blockId) {
        DecodedBkpBlock b = rec.block(blockId);
        if (b == null) throw new IllegalArgumentException("record at " + XLogRecPtr.format(rec.lsn()) + " has no block " + blockId);
        BufferManager bm = ctx.buffers();
        if (b.applyImage()) {
            int buf = readExtended(ctx, b.locator(), b.fork(), b.blockNo(), true);
            bm.lockBuffer(buf, BufferManager.LockMode.EXCLUSIVE);
            MemorySegment page = bm.page(buf);
            rec.restoreBlockImage(blockId, page);
            setPageLsn(page, rec.endLsn());
            bm.markDirty(buf);
            return new RedoBuffer(Action.RESTORED, buf);
        }
        int buf = readExtended(ctx, b.locator(), b.fork(), b.blockNo(), b.willInit());
        bm.lockBuffer(buf, BufferManager.LockMode.EXCLUSIVE);
        if (b.willInit()) return new RedoBuffer(Action.NEEDS_REDO, buf);
        MemorySegment page = bm.page(buf);
        if (Long.compareUnsigned(pageLsn(page), rec.endLsn()) >= 0) return new RedoBuffer(Action.DONE, buf);
        return new RedoBuffer(Action.NEEDS_REDO, buf);
    }

    /** After applying a change to a NEEDS_REDO buffer: PageSetLSN(end of record) and MarkBufferDirty. */
    public static void finishRedo(RedoContext ctx, DecodedXLogRecord rec, RedoBuffer rb) {
        setPageLsn(ctx.buffers().page(rb.buffer()), rec.endLsn());
        ctx.buffers().markDirty(rb.buffer());
    }

    /** UnlockReleaseBuffer. */
    public static void release(RedoContext ctx, RedoBuffer rb) {
        ctx.buffers().unlockBuffer(rb.buffer());
        ctx.buffers().releaseBuffer(rb.buffer());
    }

    /**
     * XLogReadBufferExtended: the block, pinned; the file is created and extended with zero pages
     * as far as needed. {@code zero}: the page's contents are not needed (it will be initialized
     * or overwritten), so it is not read.
     */
    public static int readExtended(RedoContext ctx, RelFileLocator rl, ForkNumber fork, int blockNo, boolean zero) {
        StorageManager smgr = ctx.smgr();
        if (!smgr.exists(rl, fork)) smgr.create(rl, fork, true);
        int nblocks = smgr.nblocks(rl, fork);
        if (Integer.compareUnsigned(blockNo, nblocks) >= 0) {
            smgr.zeroExtend(rl, fork, nblocks, blockNo - nblocks + 1, false);
        }
        BufferTag tag = new BufferTag(rl.spcOid(), rl.dbOid(), rl.relNumber(), fork.number(), blockNo);
        return ctx.buffers().readBuffer(tag, null, zero);
    }

    /** PageGetLSN. */
    public static long pageLsn(MemorySegment page) {
        return XLogRecordBuilder.pageLsn(page);
    }

    /** PageSetLSN: two uint32 halves, high first. */
    public static void setPageLsn(MemorySegment page, long lsn) {
        WalBytes.putI32(page, 0, (int) (lsn >>> 32));
        WalBytes.putI32(page, 4, (int) lsn);
    }
}
