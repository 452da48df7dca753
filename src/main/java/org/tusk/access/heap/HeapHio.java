package org.tusk.access.heap;

import org.tusk.access.common.HeapTupleForm;
import org.tusk.access.common.HeapTupleHeader;
import org.tusk.storage.buffer.BufferAccessStrategy;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import java.lang.foreign.MemorySegment;

import static org.tusk.storage.buffer.BufferManager.LockMode.EXCLUSIVE;

/**
 * Where a new tuple goes (PostgreSQL's hio.c): RelationGetBufferForTuple and RelationPutHeapTuple.
 *
 * <p>The candidates are the relation's target-block hint (the page this backend used last), then
 * the pages the free space map ({@link org.tusk.storage.freespace.FreeSpaceMap}) says have room,
 * then the last page; each candidate found too full is recorded in the map with its real free
 * space. If none has room the relation is extended by one page under the relation extension lock. When a second buffer is involved (an update's old page), the two content locks are taken
 * in block-number order, the deadlock-avoidance rule of every process.
 */
final class HeapHio {
    private HeapHio() {}

    /**
     * RelationGetBufferForTuple: a pinned, exclusively locked buffer with room for a tuple of
     * {@code len} bytes. With {@code otherBuffer} (pinned by the caller, not locked; 0 for none)
     * it is locked too on return, and the result may be that same buffer.
     */
    static int getBufferForTuple(HeapEnv env, Relation rel, int len, int otherBuffer, BufferAccessStrategy strategy) {
        BufferManager bm = env.buffers();
        int alignedLen = org.tusk.storage.page.Alignment.maxAlign(len);
        if (alignedLen > HeapTupleForm.MAX_HEAP_TUPLE_SIZE) {
            throw PgException.error(SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "row is too big: size " + alignedLen + ", maximum size " + HeapTupleForm.MAX_HEAP_TUPLE_SIZE);
        }
        int otherBlock = otherBuffer != 0 ? bm.blockNumber(otherBuffer) : -1;
        // The fillfactor's reserve is kept on pages that already exist; a page just added takes
        // the tuple whatever its size (as RelationGetBufferForTuple's saveFreeSpace).
        int saveFreeSpace = rel.targetPageFreeSpace();
        // A page whose free space is nearly all of it counts as empty even with a low fillfactor,
        // so a large tuple does not extend the relation needlessly (PostgreSQL 15's nearlyEmptyFreeSpace).
        int nearlyEmptyFreeSpace = HeapTupleForm.MAX_HEAP_TUPLE_SIZE - (Page.MAX_HEAP_TUPLES_PER_PAGE / 8 * 4);
        int targetFreeSpace = alignedLen + saveFreeSpace > nearlyEmptyFreeSpace
                ? Math.max(alignedLen, nearlyEmptyFreeSpace) : alignedLen + saveFreeSpace;
        while (true) {
            // The page this backend inserted into last, else one the free space map knows has
            // room, else the last page; each one too full is recorded in the map with the room it
            // really has, and the map asked for another, until none is left and the relation grows.
            int nblocks = env.numberOfBlocks(rel);
            int target = rel.targetBlock();
            if (target < 0 || target >= nblocks) target = env.fsm().getPageWithFreeSpace(rel.locator(), targetFreeSpace);
            if (target < 0 && nblocks > 0) target = nblocks - 1;
            while (target >= 0) {
                if (target >= nblocks) {
                    // A map entry beyond the end of the relation (the map is not crash-safe): forget it.
                    target = env.fsm().recordAndGetPageWithFreeSpace(rel.locator(), target, 0, targetFreeSpace);
                    continue;
                }
                int buffer = lockCandidate(env, rel, target, otherBuffer, otherBlock);
                MemorySegment page = bm.page(buffer);
                if (Page.isNew(page)) {
                    // Extended but never initialised (a crash after extension): initialise it now.
                    Page.init(page, 0);
                    bm.markDirty(buffer);
                }
                int pageFreeSpace = Page.heapFreeSpace(page);
                if (targetFreeSpace <= pageFreeSpace) {
                    rel.setTargetBlock(target);
                    return buffer;
                }
                bm.unlockBuffer(buffer);
                if (otherBuffer == 0) bm.releaseBuffer(buffer);
                else if (buffer != otherBuffer) {
                    bm.unlockBuffer(otherBuffer);
                    bm.releaseBuffer(buffer);
                }
                target = env.fsm().recordAndGetPageWithFreeSpace(rel.locator(), target, pageFreeSpace, targetFreeSpace);
            }
            int buffer = extend(env, rel, strategy);
            if (otherBuffer != 0) {
                // The new page is after the other one: relock in block order, then recheck the room,
                // which someone may have used while our new page was unlocked.
                bm.unlockBuffer(buffer);
                bm.lockBuffer(otherBuffer, EXCLUSIVE);
                bm.lockBuffer(buffer, EXCLUSIVE);
                if (alignedLen > Page.heapFreeSpace(bm.page(buffer))) {
                    bm.unlockBuffer(otherBuffer);
                    env.unlockRelease(buffer);
                    continue;
                }
            } else if (alignedLen > Page.heapFreeSpace(bm.page(buffer))) {
                throw new IllegalStateException("tuple is too big: size " + alignedLen);
            }
            rel.setTargetBlock(bm.blockNumber(buffer));
            return buffer;
        }
    }

    /** Pins and locks {@code target} (and the other buffer, in block order). */
    private static int lockCandidate(HeapEnv env, Relation rel, int target, int otherBuffer, int otherBlock) {
        BufferManager bm = env.buffers();
        if (otherBuffer == 0) {
            int b = env.readBuffer(rel, target, null);
            bm.lockBuffer(b, EXCLUSIVE);
            return b;
        }
        if (otherBlock == target) {
            bm.lockBuffer(otherBuffer, EXCLUSIVE);
            return otherBuffer;
        }
        int b = env.readBuffer(rel, target, null);
        if (otherBlock < target) {
            bm.lockBuffer(otherBuffer, EXCLUSIVE);
            bm.lockBuffer(b, EXCLUSIVE);
        } else {
            bm.lockBuffer(b, EXCLUSIVE);
            bm.lockBuffer(otherBuffer, EXCLUSIVE);
        }
        return b;
    }

    /**
     * The extension part of RelationGetBufferForTuple: under the relation extension lock, one zero
     * page is added to the file, read into a buffer (not from disk), locked, initialised and
     * marked dirty; only then is the lock released, so whoever extends next sees the new length
     * and nobody can find the page before it is initialised.
     */
    static int extend(HeapEnv env, Relation rel, BufferAccessStrategy strategy) {
        BufferManager bm = env.buffers();
        env.extensionLocks().lock(rel.locator());
        try {
            int block = env.numberOfBlocks(rel);
            // The buffer is made and locked before the file grows: once the new length is visible,
            // anyone reading the block finds this buffer and waits for our lock, so nobody sees the
            // page before it is initialised (ReadBuffer's P_NEW with RBM_ZERO_AND_LOCK).
            int buffer = bm.readBuffer(HeapEnv.tag(rel, block), strategy, true);
            bm.lockBuffer(buffer, EXCLUSIVE);
            env.smgr().zeroExtend(rel.locator(), ForkNumber.MAIN, block, 1, false);
            MemorySegment page = bm.page(buffer);
            if (!Page.isNew(page)) {
                throw PgException.error(SqlState.INTERNAL_ERROR,
                        "page " + block + " of relation \"" + rel.name() + "\" should be empty but is not");
            }
            Page.init(page, 0);
            bm.markDirty(buffer);
            return buffer;
        } finally {
            env.extensionLocks().unlock(rel.locator());
        }
    }

    /**
     * RelationPutHeapTuple: places the tuple on the locked page and points its t_ctid at itself.
     * The caller has checked the room; failing here is a bug, inside a critical section.
     */
    static ItemPointer putHeapTuple(BufferManager bm, int buffer, MemorySegment tuple) {
        MemorySegment page = bm.page(buffer);
        int offnum = Page.addItem(page, tuple, Page.PAI_IS_HEAP);
        if (offnum == Page.INVALID_OFFSET_NUMBER) throw HeapEnv.criticalSectionFailure(new IllegalStateException("failed to add tuple to page"));
        ItemPointer self = new ItemPointer(bm.blockNumber(buffer), offnum);
        HeapTupleHeader.setCtid(Page.item(page, offnum), self);
        return self;
    }
}
